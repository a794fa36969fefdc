"""The registry's queries: current state from the read model, the past from the events."""

from datetime import datetime
from typing import cast
from uuid import UUID

from eventsourcing.application import project_aggregate

from registry.application.app import ConsentRegistry, LoggedEvent, positions_of
from registry.domain.consent.consent import ConsentRecord
from registry.domain.consent.decision import Decision, PurposeStanding, decide
from registry.domain.consent.purpose import Purpose, purpose_uuid
from registry.domain.consent.state import SubjectState, records_as_of, subject_state
from registry.domain.consent.subject import ConsentEvent
from registry.errors import InvalidValueError, PurposeNotFound, SubjectNotFound

EVENT_LOG_LIMIT = 1000


class ConsentQueries:
    def __init__(self, app: ConsentRegistry) -> None:
        self.app = app

    def current_state(self, subject_id: UUID) -> SubjectState:
        """From the read model: one indexed read, fit to be called on every request."""
        records, standings = self.app.store.view.subject(subject_id)
        if not records and not self.app.subject_exists(subject_id):
            raise SubjectNotFound(subject_id)
        return subject_state(subject_id, records, standings, self.app.clock())

    def state_as_of(self, subject_id: UUID, at: datetime) -> SubjectState:
        """Exactly what held at `at`, replayed from the subject's and purposes' events."""
        timeline = self.app.timeline(subject_id, personal=False)
        if not timeline:
            raise SubjectNotFound(subject_id)
        records = records_as_of(timeline, at)
        standings = {purpose_id: self._standing_as_of(purpose_id, at) for purpose_id in records}
        return subject_state(subject_id, records.values(), standings, at)

    def may(self, subject_id: UUID, purpose_id: str, at: datetime | None = None) -> Decision:
        """May this subject's data be used for this purpose (now, or at a past moment)?"""
        if at is not None:
            state_record = self.state_as_of(subject_id, at).get(purpose_id)
            record = state_record.record if state_record else None
            return decide(purpose_id, self._standing_as_of(purpose_id, at), record, at)
        standing, record = self.app.store.view.purpose_and_record(purpose_id, subject_id)
        if standing is None:
            raise PurposeNotFound(purpose_id)
        if record is None and not self.app.subject_exists(subject_id):
            raise SubjectNotFound(subject_id)
        return decide(purpose_id, standing, record, self.app.clock())

    def recorded(self, subject_id: UUID, purpose_id: str, position: int) -> ConsentRecord:
        """The answer written at `position`: the read model's row while it is still the
        current one (the usual case), else the answer's own event, once another answer to
        the same purpose has become current."""
        current = self.current_state(subject_id).get(purpose_id)
        if current is not None and current.record.position == position:
            return current.record
        event = cast(ConsentEvent, dict(self.app.timeline(subject_id))[position])
        return event.record(position)

    def history(self, subject_id: UUID) -> list[LoggedEvent]:
        timeline = self.app.timeline(subject_id)
        if not timeline:
            raise SubjectNotFound(subject_id)
        return [self.app.logged(position, domain_event) for position, domain_event in timeline]

    def event_log(self, after_position: int = 0, limit: int = 100) -> list[LoggedEvent]:
        if not 1 <= limit <= EVENT_LOG_LIMIT:
            raise InvalidValueError("limit", limit, f"must be between 1 and {EVENT_LOG_LIMIT}")
        notifications = self.app.recorder.select_notifications(
            max(after_position, 0), limit, inclusive_of_start=False
        )
        return [self.app.logged(n.id, self.app.mapper.to_domain_event(n)) for n in notifications]

    def _standing_as_of(self, purpose_id: str, at: datetime) -> PurposeStanding:
        timeline = self.app.timeline(purpose_uuid(purpose_id), personal=False)
        if not timeline:
            raise PurposeNotFound(purpose_id)
        purpose = cast(Purpose, project_aggregate(None, [event for _, event in timeline]))
        return purpose.standing_at(at, positions_of(timeline))

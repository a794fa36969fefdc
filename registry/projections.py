"""The current-consent read model: which answer holds now, per subject and purpose.

One projection, two drivers, one position:

* inline: the recorder writes the rows in the same transaction as the events, when the view
  is exactly up to date (its position equals the last event before this write). The writer
  therefore reads its own writes at no extra transaction cost.
* follower: `catch_up()` reads the event log after the view's position in batches and writes
  each batch with the new position in one transaction. It resumes after a restart, finishes
  what an inline write skipped, and rebuilds from scratch.

Both move the position by compare-and-set in the same transaction as the rows, so an event
is applied exactly once: a batch whose starting position is no longer current is rolled
back and read again.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Mapper
from eventsourcing.utils import get_topic

from registry.domain.consent.consent import ConsentRecord
from registry.domain.consent.decision import PurposeStanding
from registry.domain.consent.purpose import Purpose
from registry.domain.consent.subject import ConsentEvent, Subject

PROJECTION_NAME = "consent_state"


@dataclass(frozen=True)
class PurposeChange:
    purpose_uuid: UUID
    purpose_id: str | None
    lawful_basis: str | None
    version: int | None
    material: bool
    retired: bool


Change = ConsentEvent | PurposeChange
"""A consent event is its own change: its fields are the row."""


def change_for(domain_event: object) -> Change | None:
    """What one event changes in the read model (positions are added when it is written)."""
    if isinstance(domain_event, ConsentEvent):
        return domain_event
    if isinstance(domain_event, Purpose.Defined):
        basis = domain_event.terms.lawful_basis.value
        return PurposeChange(
            domain_event.originator_id, domain_event.purpose_id, basis, 1, True, False
        )
    if isinstance(domain_event, Purpose.Revised):
        basis = domain_event.terms.lawful_basis.value
        return PurposeChange(
            domain_event.originator_id,
            None,
            basis,
            domain_event.version,
            domain_event.material,
            False,
        )
    if isinstance(domain_event, Purpose.Retired):
        return PurposeChange(domain_event.originator_id, None, None, None, False, True)
    return None


class ConsentStateView(Protocol):
    """Where the rows live: SQL tables beside the events, or memory for the in-memory store."""

    def position(self) -> int: ...

    def apply_batch(
        self, after: int, through: int, items: Sequence[tuple[int, Change | None]]
    ) -> bool:
        """Apply `items` (all in `after < position <= through`) and move the position from
        `after` to `through` in one transaction; do nothing and return False if the position
        is not `after`."""
        ...

    def clear(self) -> None: ...

    def subject(self, subject_id: UUID) -> tuple[list[ConsentRecord], dict[str, PurposeStanding]]:
        """A subject's records and the standing of their purposes, in one read."""
        ...

    def purpose_and_record(
        self, purpose_id: str, subject_id: UUID
    ) -> tuple[PurposeStanding | None, ConsentRecord | None]: ...

    def lapsed(self, now: datetime) -> list[tuple[UUID, str]]: ...

    def dump(self) -> list[tuple[object, ...]]:
        """Every row in a fixed order, to compare two builds."""
        ...


class ConsentStateProjection:
    """Follows the event log, reading only the events that change the read model."""

    batch_size = 2000

    def __init__(self, recorder: ApplicationRecorder, mapper: Mapper[UUID], view: ConsentStateView):
        self.recorder = recorder
        self.mapper = mapper
        self.view = view

    def catch_up(self, until: int | None = None, max_events: int | None = None) -> int:
        """Apply events after the view's position (up to `until`, or at most `max_events` of
        them); returns how many were applied. The position also moves past the events in
        between that change nothing here, so that it always means "the log up to here"."""
        applied = 0
        while max_events is None or applied < max_events:
            after = self.view.position()
            last = self.recorder.max_notification_id() or 0
            if after >= last or (until is not None and after >= until):
                break
            limit = (
                self.batch_size
                if max_events is None
                else min(self.batch_size, max_events - applied)
            )
            notifications = self.recorder.select_notifications(
                after, limit, stop=last, topics=TOPICS, inclusive_of_start=False
            )
            through = notifications[-1].id if len(notifications) == limit else last
            items = [(n.id, change_for(self.mapper.to_domain_event(n))) for n in notifications]
            if self.view.apply_batch(after, through, items):
                applied += len(items)
        return applied

    def rebuild(self) -> int:
        self.view.clear()
        return self.catch_up()


TOPICS = [
    get_topic(kind)
    for kind in (*vars(Subject).values(), Purpose.Defined, Purpose.Revised, Purpose.Retired)
    if isinstance(kind, type) and issubclass(kind, ConsentEvent | Purpose.Event)
]
"""The events that change the read model: every consent event, every purpose event."""

"""Succession: a company transfer moving one controller's subjects to another (PIPL Art. 22).

Started (from, to, reason, effective date, the plan per purpose) → Transferred in batches,
saved with the subjects' own events; the last batch marks the transfer done → Notices
recorded (sent or failed) and Exceptions recorded (a subject closed without a delivered
notice, with the reason) → Completed, refused while any subject is neither notified nor
excepted. Responses to the notice (`succession_responses`) count from the transfer on. Every
event carries the time it took effect, so `as_of` replays the state at any past moment.
"""

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from registry.domain.governance.succession_plan import (
    Notice,
    NoticeOutcome,
    NoticeStatus,
    PurposePlan,
    SuccessionReason,
    SuccessionStatus,
    check_plan,
    moment_of,
    notice_after,
    succession_id_for,
    uuid_of,
)
from registry.domain.governance.succession_responses import (
    NoticeResponse,
    before_start,
    responses_by,
)
from registry.errors import (
    InvalidValueError,
    NoticesPending,
    NotInSuccession,
    SameController,
    SuccessionStatusForbids,
)


class Succession(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(succession_ref: str) -> UUID:
        return succession_id_for(succession_ref)

    @classmethod
    def start(
        cls,
        succession_ref: str,
        *,
        from_controller: tuple[str, UUID],
        to_controller: tuple[str, UUID],
        reason: SuccessionReason | str,
        effective_on: date,
        plan: Iterable[PurposePlan],
        scope: Sequence[UUID] | None,
        now: datetime,
    ) -> "Succession":
        """`scope`: the subjects to move (a division or sale of part of a business), or None
        for every subject the transferring controller holds when the transfer runs."""
        if not succession_ref.strip():
            raise InvalidValueError("succession", succession_ref, "must not be empty")
        if from_controller[1] == to_controller[1]:
            raise SameController(to_controller[0])
        try:
            reason = SuccessionReason(reason)
        except ValueError:
            allowed = ", ".join(r.value for r in SuccessionReason)
            raise InvalidValueError("reason", reason, f"must be one of: {allowed}") from None
        return cls._create(
            cls.Started,
            id=succession_id_for(succession_ref),
            succession_ref=succession_ref,
            from_ref=from_controller[0],
            from_controller_id=from_controller[1],
            to_ref=to_controller[0],
            to_controller_id=to_controller[1],
            reason=reason.value,
            effective_on=effective_on,
            purposes=list(check_plan(plan)),
            scope=None if scope is None else [s.hex for s in scope],
            started_at=now,
        )

    class Started(Aggregate.Created):
        class_version = 2
        succession_ref: str
        from_ref: str
        from_controller_id: UUID
        to_ref: str
        to_controller_id: UUID
        reason: str
        effective_on: date
        purposes: list[PurposePlan]
        scope: list[str] | None
        started_at: datetime

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 stored each purpose's plan as its plain fields."""
            state["purposes"] = [PurposePlan.from_fields(plan) for plan in state["purposes"]]

    @event(Started)
    def __init__(
        self,
        succession_ref: str,
        from_ref: str,
        from_controller_id: UUID,
        to_ref: str,
        to_controller_id: UUID,
        reason: str,
        effective_on: date,
        purposes: list[PurposePlan],
        scope: list[str] | None,
        started_at: datetime,
    ) -> None:
        self.succession_ref, self.started_at = succession_ref, started_at
        self.from_ref, self.from_controller_id = from_ref, from_controller_id
        self.to_ref, self.to_controller_id = to_ref, to_controller_id
        self.reason, self.effective_on = SuccessionReason(reason), effective_on
        self.plan = tuple(purposes)
        self.scope = None if scope is None else tuple(UUID(s) for s in scope)
        self.notices: dict[UUID, Notice] = {}
        self.invalidated = 0
        self.withdrawn = 0
        self.transferred_at: datetime | None = None
        self.completed_at: datetime | None = None

    @property
    def status(self) -> SuccessionStatus:
        if self.completed_at is not None:
            return SuccessionStatus.COMPLETED
        if self.transferred_at is not None:
            return SuccessionStatus.TRANSFERRED
        return SuccessionStatus.TRANSFERRING if self.notices else SuccessionStatus.STARTED

    def transfer(
        self, subject_ids: Sequence[UUID], *, invalidated: int, final: bool, now: datetime
    ) -> None:
        """Record a batch of subjects moved; `final` when no subject in scope is left."""
        self.check_executable(now)
        self._transferred([s.hex for s in subject_ids], invalidated, final, now)

    class Transferred(Aggregate.Event):
        class_version = 1
        subjects: list[str]
        invalidated: int
        final: bool
        occurred_at: datetime

    @event(Transferred)
    def _transferred(
        self, subjects: list[str], invalidated: int, final: bool, occurred_at: datetime
    ) -> None:
        self._take(subjects, invalidated, occurred_at if final else None)

    def _take(self, subjects: list[str], invalidated: int, finished: datetime | None) -> None:
        for subject in subjects:
            self.notices[UUID(subject)] = Notice()
        self.invalidated += invalidated
        self.transferred_at = finished or self.transferred_at

    def record_notices(self, outcomes: Sequence[NoticeOutcome]) -> None:
        self.check_open("given notices")
        for outcome in outcomes:
            self.check_transferred(outcome.subject_id)
            self.check_since_start("at", outcome.at, f"notice to {outcome.subject_id}")
        self._notices_recorded([outcome.row() for outcome in outcomes])

    class NoticesRecorded(Aggregate.Event):
        class_version = 1
        notices: list[list[str | None]]

    @event(NoticesRecorded)
    def _notices_recorded(self, notices: list[list[str | None]]) -> None:
        self._note(notices)

    def _note(self, notices: list[list[str | None]]) -> None:
        for row in notices:
            subject_id = uuid_of(row[0])
            self.notices[subject_id] = notice_after(self.notices[subject_id], row)

    def record_exceptions(self, subject_ids: Sequence[UUID], reason: str, now: datetime) -> None:
        self.check_open("given exceptions")
        if not reason.strip():
            raise InvalidValueError("reason", reason, "an exception says why")
        for subject_id in subject_ids:
            self.check_transferred(subject_id)
        self._exceptions_recorded([s.hex for s in subject_ids], reason, now)

    class ExceptionsRecorded(Aggregate.Event):
        class_version = 1
        subjects: list[str]
        reason: str
        occurred_at: datetime

    @event(ExceptionsRecorded)
    def _exceptions_recorded(self, subjects: list[str], reason: str, occurred_at: datetime) -> None:
        self._except(subjects, reason)

    def _except(self, subjects: list[str], reason: str) -> None:
        for subject in subjects:
            subject_id = UUID(subject)
            self.notices[subject_id] = replace(self.notices[subject_id], exception=reason)

    def record_responses(self, responses: Sequence[NoticeResponse], withdrawn: int) -> None:
        """`withdrawn`: the consents withdrawn because of them, saved with this event."""
        for response in responses:
            self.check_transferred(response.subject_id)
            response.check_not_before(self.started_at)
        self.trigger_event(
            self.ResponsesRecorded, responses=[r.row() for r in responses], withdrawn=withdrawn
        )

    class ResponsesRecorded(Aggregate.Event):
        class_version = 1
        responses: list[list[str | None]]
        withdrawn: int

        def apply(self, aggregate: "Succession") -> None:
            aggregate.respond([NoticeResponse.from_row(row) for row in self.responses])
            aggregate.withdrawn += self.withdrawn

    def respond(self, responses: Iterable[NoticeResponse]) -> None:
        for r in responses:
            self.notices[r.subject_id] = replace(self.notices[r.subject_id], response=r)

    def complete(self, now: datetime) -> None:
        if self.status is not SuccessionStatus.TRANSFERRED:
            raise SuccessionStatusForbids(self.succession_ref, self.status, "completed")
        unsettled = [notice for notice in self.notices.values() if not notice.settled]
        if unsettled:
            failed = sum(notice.status is NoticeStatus.FAILED for notice in unsettled)
            raise NoticesPending(self.succession_ref, len(unsettled) - failed, failed)
        self._completed(now)

    class Completed(Aggregate.Event):
        class_version = 1
        occurred_at: datetime

    @event(Completed)
    def _completed(self, occurred_at: datetime) -> None:
        self.completed_at = occurred_at

    @classmethod
    def as_of(cls, events: Sequence[object], at: datetime) -> "Succession | None":
        """The succession as it stood at `at`: each event cut to what had happened by then."""
        first = events[0] if events else None
        if not isinstance(first, cls.Started) or first.started_at > at:
            return None
        succession = cast(Succession, first.mutate(None))
        for e in events[1:]:
            if isinstance(e, cls.Transferred) and e.occurred_at <= at:
                succession._take(e.subjects, e.invalidated, e.occurred_at if e.final else None)
            elif isinstance(e, cls.NoticesRecorded):
                rows = [
                    r
                    for r in e.notices
                    if moment_of(r[2]) <= at and uuid_of(r[0]) in succession.notices
                ]
                succession._note(rows)
            elif isinstance(e, cls.ExceptionsRecorded) and e.occurred_at <= at:
                succession._except(e.subjects, e.reason)
            elif isinstance(e, cls.ResponsesRecorded):
                succession.respond(responses_by(e.responses, at, succession.notices))
            elif isinstance(e, cls.Completed) and e.occurred_at <= at:
                succession.completed_at = e.occurred_at
        return succession

    def check_executable(self, now: datetime) -> None:
        if self.status not in {SuccessionStatus.STARTED, SuccessionStatus.TRANSFERRING}:
            raise SuccessionStatusForbids(self.succession_ref, self.status, "executed again")
        if now.date() < self.effective_on:
            raise SuccessionStatusForbids(
                self.succession_ref, f"effective on {self.effective_on}", "executed before that"
            )

    def check_open(self, action: str) -> None:
        if self.status in {SuccessionStatus.STARTED, SuccessionStatus.COMPLETED}:
            raise SuccessionStatusForbids(self.succession_ref, self.status, action)

    def check_since_start(self, field: str, at: datetime, what: str) -> None:
        """A fact of this succession (`what`, at `at`) cannot precede its start."""
        if before_start(at, self.started_at):
            problem = f"{what} is dated before succession {self.succession_ref!r} started"
            raise InvalidValueError(field, at.isoformat(), f"{problem} ({self.started_at})")

    def check_transferred(self, subject_id: UUID) -> None:
        if subject_id not in self.notices:
            raise NotInSuccession(self.succession_ref, str(subject_id))

"""Company transfers: start a succession, execute it in bulk, then close it.

Starting checks everything a transfer needs (two different registered controllers, known
purposes, no other open transfer of the same subjects, subjects still held by the
transferring controller) and writes nothing when a check fails. Executing moves the subjects
in batches: each batch's subjects (their controller change and the consents voided for
changed purposes) and the succession's record of that batch are saved in one transaction,
so an interrupted run leaves whole batches and a second run carries on where it stopped.
"""

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.holdings import holdings, load_subjects
from registry.application.lineage import Lineage
from registry.application.notice_list import with_people
from registry.application.notice_responses import NoticeResponses, ResponseReport, ResponsesSaved
from registry.application.reconsent import reconsented
from registry.application.retry import retry_on_conflict
from registry.application.succession_checks import StartChecks
from registry.domain.consent.consent import check_aware, check_not_in_future
from registry.domain.consent.subject import Subject, subject_id_for
from registry.domain.governance.succession import Succession, succession_id_for
from registry.domain.governance.succession_plan import (
    RECONSENT_ARTICLES,
    RECONSENT_REASON,
    NoticeOutcome,
    NoticeStatus,
    PurposePlan,
    SuccessionReason,
    changed_purposes,
    check_plan,
)
from registry.domain.governance.succession_report import SuccessionReport, report
from registry.errors import (
    InvalidValueError,
    NotInSuccession,
    SameController,
    SubjectAlreadyTransferred,
    SuccessionAlreadyStarted,
    SuccessionNotFound,
)

BATCH = 2000


@dataclass(frozen=True)
class Execution:
    subjects: int
    consents_invalidated: int
    position: int


@dataclass(frozen=True)
class NoticeReport:
    """One delivery attempt of the Art. 22 notice, by the customer reference senders know."""

    customer_ref: str
    status: NoticeStatus | str
    at: datetime
    channel: str | None = None
    reason: str | None = None

    @property
    def notice_status(self) -> NoticeStatus:
        try:
            return NoticeStatus(self.status)
        except ValueError:
            raise InvalidValueError("status", self.status, "must be sent or failed") from None


class Successions:
    def __init__(self, app: ConsentRegistry, lineage: Lineage) -> None:
        self.app = app
        self.lineage = lineage
        self.checks = StartChecks(app, lineage)
        self.responses = NoticeResponses(app, self)

    def start_succession(
        self,
        succession_ref: str,
        *,
        from_controller: str,
        to_controller: str,
        reason: SuccessionReason | str,
        effective_on: date,
        plan: Sequence[PurposePlan] = (),
        customer_refs: Sequence[str] | None = None,
    ) -> int:
        """`customer_refs`: only these subjects move (part of a business); default all."""
        if self.app.store.existing([succession_id_for(succession_ref)]):
            raise SuccessionAlreadyStarted(succession_ref)
        source = self.checks.controller_as(from_controller, "from_controller")
        target = self.checks.controller_as(to_controller, "to_controller")
        if source.id == target.id:
            raise SameController(to_controller)
        plan = check_plan(plan)
        self.checks.check_purposes(plan)
        scope = None if customer_refs is None else self.checks.scope_of(source, customer_refs)
        if scope is None:
            self.checks.check_holds_subjects(source)
        self.checks.check_not_in_progress(source, scope)
        succession = Succession.start(
            succession_ref,
            from_controller=(from_controller, source.id),
            to_controller=(to_controller, target.id),
            reason=reason,
            effective_on=effective_on,
            plan=plan,
            scope=scope,
            now=self.app.clock(),
        )
        return self.app.save_new(succession, SuccessionAlreadyStarted(succession_ref))

    def succession(self, succession_ref: str) -> Succession:
        return cast(
            Succession,
            self.app.load(succession_id_for(succession_ref), SuccessionNotFound(succession_ref)),
        )

    def execute_succession(
        self,
        succession_ref: str,
        *,
        batch_size: int = BATCH,
        progress: Callable[[int], object] | None = None,
    ) -> Execution:
        """Move every subject still to be moved; `progress` hears how many after each batch."""
        if batch_size < 1:
            raise InvalidValueError("batch_size", batch_size, "must be at least 1")
        succession = self.succession(succession_ref)
        now = self.app.clock()
        succession.check_executable(now)
        remaining = self._remaining(succession)
        chunks = [remaining[i : i + batch_size] for i in range(0, len(remaining), batch_size)]
        moved = invalidated = position = 0
        # The next batch is read and moved in memory while this one is written.
        with ThreadPoolExecutor(max_workers=1) as reader:
            upcoming = reader.submit(self._moved, chunks[0] if chunks else [], succession, now)
            for index in range(max(len(chunks), 1)):
                subjects, voided = upcoming.result()
                if index + 1 < len(chunks):
                    upcoming = reader.submit(self._moved, chunks[index + 1], succession, now)
                final = index + 1 >= len(chunks)
                succession.transfer(
                    [s.id for s in subjects], invalidated=voided, final=final, now=now
                )
                position = self.app.save_all(*subjects, succession)
                moved, invalidated = moved + len(subjects), invalidated + voided
                if progress is not None:
                    progress(len(subjects))
        return Execution(moved, invalidated, position)

    def _moved(
        self, subject_ids: list[UUID], succession: Succession, now: datetime
    ) -> tuple[list[Subject], int]:
        subjects = load_subjects(self.app.recorder, self.app.mapper, subject_ids)
        return subjects, sum(self._move(subject, succession, now) for subject in subjects)

    def _move(self, subject: Subject, succession: Succession, now: datetime) -> int:
        """Move one subject; returns how many of its consents the move voided."""
        subject.change_controller(
            succession.to_controller_id,
            from_controller_id=succession.from_controller_id,
            succession_id=succession.id,
            effective_on=succession.effective_on,
            occurred_at=now,
        )
        voided = 0
        for old, new in changed_purposes(succession.plan).items():
            reason = f"{RECONSENT_REASON}: {succession.to_ref} uses this data for {new!r}"
            voided += subject.invalidate_consent(
                old, reason=reason, article=RECONSENT_ARTICLES, occurred_at=now
            )
        return voided

    def _remaining(self, succession: Succession) -> list[UUID]:
        held = holdings(self.app.recorder, self.app.mapper, succession.from_controller_id)
        if succession.scope is None:
            return held.current
        current = set(held.current)
        remaining = [s for s in succession.scope if s not in succession.notices]
        for subject_id in remaining:
            if subject_id not in current:
                moved_by = held.former.get(subject_id)
                raise SubjectAlreadyTransferred(subject_id, moved_by, field="customer_refs")
        return remaining

    def record_notices(self, succession_ref: str, reports: Sequence[NoticeReport]) -> int:
        """Sent or failed notices; a sent notice stays sent, a failure yields to a retry."""
        if not reports:
            raise InvalidValueError("notices", 0, "name at least one notice")

        def attempt() -> int:
            succession, now = self.succession(succession_ref), self.app.clock()
            find = self.finder(succession)
            outcomes = []
            for r in reports:
                check_aware("at", r.at)
                check_not_in_future("at", r.at, now)
                subject_id = find(r.customer_ref)
                succession.check_since_start("at", r.at, f"the notice to {r.customer_ref!r}")
                outcomes.append(
                    NoticeOutcome(subject_id, r.notice_status, r.at, r.channel, r.reason)
                )
            succession.record_notices(outcomes)
            return self.app.save_all(succession)

        return retry_on_conflict(attempt)

    def record_exceptions(
        self, succession_ref: str, customer_refs: Sequence[str], reason: str
    ) -> int:
        """Subjects closed without a delivered notice, and why (e.g. a public announcement)."""
        if not customer_refs:
            raise InvalidValueError("customer_refs", 0, "name at least one customer")

        def attempt() -> int:
            succession = self.succession(succession_ref)
            find = self.finder(succession)
            subjects = [find(ref) for ref in customer_refs]
            succession.record_exceptions(subjects, reason, self.app.clock())
            return self.app.save_all(succession)

        return retry_on_conflict(attempt)

    def record_responses(
        self, succession_ref: str, reports: Sequence[ResponseReport]
    ) -> ResponsesSaved:
        """Customers' answers to the notice, and the withdrawals they lead to."""
        return self.responses.record(succession_ref, reports)

    def complete_succession(self, succession_ref: str) -> int:
        succession = self.succession(succession_ref)
        succession.complete(self.app.clock())
        return self.app.save_all(succession)

    def succession_report(
        self,
        succession_ref: str,
        *,
        as_of: datetime | None = None,
        lines: bool = True,
        personal: bool = False,
        standing: bool = True,
    ) -> SuccessionReport:
        """As it stands now, or replayed as it stood at `as_of`; with `personal`, each
        notice line names its customer (see `notice_list`); `standing` counts the customers
        who consented again (see `reconsent`), which reads every moved subject."""
        at = self.app.clock() if as_of is None else as_of
        if as_of is None:
            found: Succession | None = self.succession(succession_ref)
        else:
            check_aware("as_of", as_of)
            timeline = self.app.timeline(succession_id_for(succession_ref))
            found = Succession.as_of([domain_event for _, domain_event in timeline], as_of)
        if found is None:
            raise SuccessionNotFound(succession_ref)
        again = reconsented(self.app, found, at) if standing else None
        made = report(found, at, recipient=self._recipient(found), lines=lines, reconsented=again)
        return with_people(self.app, made) if personal else made

    def _recipient(self, succession: Succession) -> dict[str, str]:
        controller = self.app.controller(succession.to_ref)
        return {"name": controller.name, "contact": controller.contact or ""}

    def all(self) -> list[SuccessionReport]:
        """Every succession's summary, oldest first."""
        return [
            self.succession_report(transfer.succession_ref, lines=False, standing=False)
            for transfer in self.lineage.transfers()
        ]

    def finder(self, succession: Succession) -> Callable[[str], UUID]:
        """Finds the subject this succession moved that the transferring side (or a controller
        it inherited from) knew by a customer reference."""
        source = succession.from_controller_id
        controllers = [source, *self.lineage.predecessors(source)]

        def find(customer_ref: str) -> UUID:
            for controller_id in controllers:
                candidate = subject_id_for(controller_id, customer_ref)
                if candidate in succession.notices:
                    return candidate
            raise NotInSuccession(succession.succession_ref, customer_ref)

        return find

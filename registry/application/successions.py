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

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import RecordConflictError

from registry.application.holdings import holdings, load_subjects
from registry.application.lineage import RegistryLineage
from registry.domain.consent.controller import Controller
from registry.domain.consent.subject import Subject
from registry.domain.governance.succession import Succession, SuccessionStatus, succession_id_for
from registry.domain.governance.succession_plan import (
    RECONSENT_ARTICLES,
    RECONSENT_REASON,
    PurposePlan,
    SuccessionReason,
    changed_purposes,
    check_plan,
)
from registry.errors import (
    ControllerNotFound,
    InvalidValueError,
    PurposeNotFound,
    SameController,
    SubjectAlreadyTransferred,
    SuccessionAlreadyStarted,
    SuccessionInProgress,
    SuccessionNotFound,
)

BATCH = 2000


@dataclass(frozen=True)
class Execution:
    subjects: int
    consents_invalidated: int
    position: int


class RegistrySuccessions(RegistryLineage):
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
        if self.store.existing([succession_id_for(succession_ref)]):
            raise SuccessionAlreadyStarted(succession_ref)
        source = self._controller_as(from_controller, "from_controller")
        target = self._controller_as(to_controller, "to_controller")
        if source.id == target.id:
            raise SameController(to_controller)
        plan = check_plan(plan)
        self._check_purposes(plan)
        scope = None if customer_refs is None else self._scope_of(source, customer_refs)
        if scope is None:
            self._check_holds_subjects(source)
        self._check_not_in_progress(source, scope)
        succession = Succession.start(
            succession_ref,
            from_controller=(from_controller, source.id),
            to_controller=(to_controller, target.id),
            reason=reason,
            effective_on=effective_on,
            plan=plan,
            scope=scope,
            now=self.clock(),
        )
        try:
            return self.save_all(succession)
        except RecordConflictError:
            raise SuccessionAlreadyStarted(succession_ref) from None

    def succession(self, succession_ref: str) -> Succession:
        try:
            return cast(Succession, self.repository.get(succession_id_for(succession_ref)))
        except AggregateNotFoundError:
            raise SuccessionNotFound(succession_ref) from None

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
        now = self.clock()
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
                position = self.save_all(*subjects, succession)
                moved, invalidated = moved + len(subjects), invalidated + voided
                if progress is not None:
                    progress(len(subjects))
        return Execution(moved, invalidated, position)

    def _moved(
        self, subject_ids: list[UUID], succession: Succession, now: datetime
    ) -> tuple[list[Subject], int]:
        subjects = load_subjects(self.recorder, self.mapper, subject_ids)
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
        held = holdings(self.recorder, self.mapper, succession.from_controller_id)
        if succession.scope is None:
            return held.current
        current = set(held.current)
        remaining = [s for s in succession.scope if s not in succession.notices]
        for subject_id in remaining:
            if subject_id not in current:
                moved_by = held.former.get(subject_id)
                raise SubjectAlreadyTransferred(subject_id, moved_by, field="customer_refs")
        return remaining

    def _controller_as(self, controller_ref: str, field: str) -> Controller:
        try:
            return self.controller(controller_ref)
        except ControllerNotFound as error:
            error.field = field
            raise

    def _check_purposes(self, plan: Sequence[PurposePlan]) -> None:
        for purpose_id in [p.purpose_id for p in plan] + [p.new_purpose_id or "" for p in plan]:
            if not purpose_id:
                continue
            try:
                self.purpose(purpose_id)
            except PurposeNotFound as error:
                error.field = "purposes"
                raise

    def _scope_of(self, source: Controller, customer_refs: Sequence[str]) -> list[UUID]:
        if not customer_refs or len(set(customer_refs)) != len(customer_refs):
            raise InvalidValueError("customer_refs", len(customer_refs), "must be distinct refs")
        scope = [self.resolve_subject(source.id, ref) for ref in customer_refs]
        found = {s.id: s for s in load_subjects(self.recorder, self.mapper, scope)}
        for subject_id in scope:
            subject = found.get(subject_id)
            if subject is None:
                raise InvalidValueError("customer_refs", str(subject_id), "is not registered")
            if subject.controller_id != source.id:
                raise SubjectAlreadyTransferred(
                    subject_id, subject.succession_id, field="customer_refs"
                )
        return scope

    def _check_not_in_progress(self, source: Controller, scope: list[UUID] | None) -> None:
        for transfer in self.transfers():
            if transfer.from_controller_id != source.id:
                continue
            other = self.succession(transfer.succession_ref)
            if other.status is SuccessionStatus.COMPLETED:
                continue
            overlap = other.scope is None or scope is None or set(other.scope) & set(scope)
            if overlap:
                raise SuccessionInProgress(source.controller_ref, transfer.succession_ref)

    def _check_holds_subjects(self, source: Controller) -> None:
        """A whole-controller transfer of a controller whose subjects all left already."""
        held = holdings(self.recorder, self.mapper, source.id)
        if not held.current and held.former:
            subject_id, moved_by = next(iter(held.former.items()))
            raise SubjectAlreadyTransferred(subject_id, moved_by, field="from_controller")

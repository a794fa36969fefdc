"""What starting a succession checks before anything is written: both controllers, the
plan's purposes, the subjects in scope, and no other open transfer of the same subjects."""

from collections.abc import Sequence
from typing import cast
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.holdings import holdings, load_subjects
from registry.application.lineage import Lineage
from registry.domain.consent.controller import Controller
from registry.domain.governance.succession import Succession, SuccessionStatus
from registry.domain.governance.succession_plan import PurposePlan
from registry.errors import (
    ControllerNotFound,
    InvalidValueError,
    PurposeNotFound,
    SubjectAlreadyTransferred,
    SuccessionInProgress,
)


class StartChecks:
    def __init__(self, app: ConsentRegistry, lineage: Lineage) -> None:
        self.app = app
        self.lineage = lineage

    def controller_as(self, controller_ref: str, field: str) -> Controller:
        try:
            return self.app.controller(controller_ref)
        except ControllerNotFound as error:
            error.field = field
            raise

    def check_purposes(self, plan: Sequence[PurposePlan]) -> None:
        for purpose_id in [p.purpose_id for p in plan] + [p.new_purpose_id or "" for p in plan]:
            if not purpose_id:
                continue
            try:
                self.app.purpose(purpose_id)
            except PurposeNotFound as error:
                error.field = "purposes"
                raise

    def scope_of(self, source: Controller, customer_refs: Sequence[str]) -> list[UUID]:
        if not customer_refs or len(set(customer_refs)) != len(customer_refs):
            raise InvalidValueError("customer_refs", len(customer_refs), "must be distinct refs")
        scope = [self.lineage.resolve_subject(source.id, ref) for ref in customer_refs]
        found = {s.id: s for s in load_subjects(self.app.recorder, self.app.mapper, scope)}
        for subject_id in scope:
            subject = found.get(subject_id)
            if subject is None:
                raise InvalidValueError("customer_refs", str(subject_id), "is not registered")
            if subject.controller_id != source.id:
                raise SubjectAlreadyTransferred(
                    subject_id, subject.succession_id, field="customer_refs"
                )
        return scope

    def check_not_in_progress(self, source: Controller, scope: list[UUID] | None) -> None:
        for transfer in self.lineage.transfers():
            if transfer.from_controller_id != source.id:
                continue
            other = cast(Succession, self.app.repository.get(transfer.succession_id))
            if other.status is SuccessionStatus.COMPLETED:
                continue
            overlap = other.scope is None or scope is None or set(other.scope) & set(scope)
            if overlap:
                raise SuccessionInProgress(source.controller_ref, transfer.succession_ref)

    def check_holds_subjects(self, source: Controller) -> None:
        """A whole-controller transfer of a controller whose subjects all left already."""
        held = holdings(self.app.recorder, self.app.mapper, source.id)
        if not held.current and held.former:
            subject_id, moved_by = next(iter(held.former.items()))
            raise SubjectAlreadyTransferred(subject_id, moved_by, field="from_controller")

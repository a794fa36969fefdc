"""DataFlow: one outbound transfer of a controller to a recipient in a country.

Proposed, assessed (the mechanism the law requires), given that mechanism, approved, then
used: subjects are included in bulk, in events of at most `INCLUDE_CHUNK` ids, each carrying
what the yearly volumes need (controller, date, sensitivity, whether it counts). A flow can
be suspended, and expires when the mechanism it rests on lapses.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from datetime import date
from typing import Any, cast
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from registry.domain.crossborder.dataflow_values import (
    FlowAssessment,
    FlowProposal,
    FlowStatus,
    MechanismKind,
    RecordedMechanism,
    flow_id_for,
)
from registry.domain.crossborder.rules import Mechanism, Origin, TransferAssessment
from registry.errors import (
    FlowNotOpen,
    FlowStatusForbids,
    InvalidValueError,
    MechanismNotSuitable,
    MechanismRequired,
)

INCLUDE_CHUNK = 5000
MECHANISMS_ARTICLE = "PIPL Art. 38"
S = FlowStatus


class DataFlow(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(flow_ref: str) -> UUID:
        return flow_id_for(flow_ref)

    @classmethod
    def propose(
        cls,
        flow_ref: str,
        *,
        controller_id: UUID,
        controller_ref: str,
        proposal: FlowProposal,
        proposed_on: date,
    ) -> DataFlow:
        if not flow_ref.strip():
            raise InvalidValueError("flow", flow_ref, "must not be empty")
        return cls(
            flow_ref=flow_ref,
            controller_id=controller_id,
            controller_ref=controller_ref,
            proposal=proposal,
            proposed_on=proposed_on,
        )

    class Proposed(Aggregate.Created):
        class_version = 2
        flow_ref: str
        controller_id: UUID
        controller_ref: str
        proposal: FlowProposal
        proposed_on: date

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 stored the proposal as its plain fields."""
            state["proposal"] = FlowProposal.from_fields(state["proposal"])

    class Assessed(Aggregate.Event):
        class_version = 2
        assessment: FlowAssessment

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 stored the assessment as its plain fields."""
            state["assessment"] = FlowAssessment.from_fields(state["assessment"])

    class MechanismRecorded(Aggregate.Event):
        class_version = 2
        mechanism: RecordedMechanism

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 stored the mechanism as its plain fields."""
            state["mechanism"] = RecordedMechanism.from_fields(state["mechanism"])

    class Approved(Aggregate.Event):
        class_version = 1
        approved_on: date

    class Suspended(Aggregate.Event):
        class_version = 1
        suspended_on: date
        reason: str

    class Expired(Aggregate.Event):
        class_version = 1
        expired_on: date

    class SubjectsIncluded(Aggregate.Event):
        """`subject_ids` as 32 hex digits each; `counted`: they enter the yearly volume (not
        exempt under Art. 5(1)-(3)); `without_consent`: those included without the consent
        the flow needs, for the reason in `consent_override`."""

        class_version = 2

        controller_id: UUID
        included_on: date
        sensitive: bool
        counted: bool
        subject_ids: list[str]
        without_consent: list[str]
        consent_override: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 included no one without consent."""
            state["without_consent"], state["consent_override"] = [], None

        def apply(self, aggregate: Aggregate) -> None:
            cast(DataFlow, aggregate).included += len(self.subject_ids)

    @event(Proposed)
    def __init__(
        self,
        flow_ref: str,
        controller_id: UUID,
        controller_ref: str,
        proposal: FlowProposal,
        proposed_on: date,
    ) -> None:
        self.flow_ref = flow_ref
        self.controller_id = controller_id
        self.controller_ref = controller_ref
        self.proposal = proposal
        self.proposed_on = proposed_on
        self.status = FlowStatus.PROPOSED
        self.assessment: FlowAssessment | None = None
        self.mechanism: RecordedMechanism | None = None
        self.approved_on: date | None = None
        self.suspension: tuple[date, str] | None = None
        self.expired_on: date | None = None
        self.included = 0

    def assess(self, assessment: TransferAssessment, *, on: date) -> None:
        """Record the mechanism the law requires; a suspended flow is assessed again."""
        self.check_status("assessed", S.PROPOSED, S.ASSESSED, S.SUSPENDED)
        self._assessed(FlowAssessment.of(assessment, on))

    @event(Assessed)
    def _assessed(self, assessment: FlowAssessment) -> None:
        self.assessment = assessment
        self.status = FlowStatus.ASSESSED

    def record_mechanism(self, mechanism: RecordedMechanism) -> None:
        self.check_status("given a mechanism", S.ASSESSED, S.APPROVED, S.SUSPENDED)
        self.check_suitable(mechanism.kind)
        self._mechanism_recorded(mechanism)

    @event(MechanismRecorded)
    def _mechanism_recorded(self, mechanism: RecordedMechanism) -> None:
        self.mechanism = mechanism

    def approve(self, *, on: date) -> None:
        self.check_status("approved", S.ASSESSED, S.SUSPENDED)
        assert self.assessment is not None
        if on < self.assessment.assessed_on:
            problem = f"precedes the assessment of {self.assessment.assessed_on.isoformat()}"
            raise InvalidValueError("date", on.isoformat(), problem)
        self.check_mechanism_in_place(on)
        self._approved(approved_on=on)

    @event(Approved)
    def _approved(self, approved_on: date) -> None:
        self.approved_on = approved_on
        self.suspension = None
        self.status = FlowStatus.APPROVED

    def suspend(self, *, on: date, reason: str) -> None:
        self.check_status("suspended", S.APPROVED)
        if not reason.strip():
            raise InvalidValueError("reason", reason, "must not be empty")
        self._suspended(suspended_on=on, reason=reason)

    @event(Suspended)
    def _suspended(self, suspended_on: date, reason: str) -> None:
        self.suspension = (suspended_on, reason)
        self.status = FlowStatus.SUSPENDED

    def expire(self, *, on: date) -> bool:
        """Record the expiry once the mechanism has lapsed; False (no event) otherwise."""
        if self.status not in (S.APPROVED, S.SUSPENDED) or not self.lapsed_on(on):
            return False
        assert self.mechanism is not None and self.mechanism.valid_until is not None
        self._expired(expired_on=self.mechanism.valid_until)
        return True

    @event(Expired)
    def _expired(self, expired_on: date) -> None:
        self.expired_on = expired_on
        self.status = FlowStatus.EXPIRED

    def include(
        self,
        subject_ids: Sequence[UUID],
        *,
        on: date,
        without_consent: Set[UUID] = frozenset(),
        consent_override: str | None = None,
    ) -> None:
        """Include subjects whose data this flow sends from `on`, in chunks; those in
        `without_consent` only with a `consent_override` that says why."""
        self.check_takes_subjects(on)
        if without_consent and not (consent_override or "").strip():
            raise InvalidValueError("consent_override", consent_override, "say why")
        assert self.assessment is not None
        for start in range(0, len(subject_ids), INCLUDE_CHUNK):
            chunk = subject_ids[start : start + INCLUDE_CHUNK]
            missing = [subject_id.hex for subject_id in chunk if subject_id in without_consent]
            self.trigger_event(
                self.SubjectsIncluded,
                controller_id=self.controller_id,
                included_on=on,
                sensitive=self.proposal.sensitive,
                counted=self.assessment.counts_toward_volume,
                subject_ids=[subject_id.hex for subject_id in chunk],
                without_consent=missing,
                consent_override=consent_override if missing else None,
            )

    def check_takes_subjects(self, on: date) -> None:
        problem = self.closed_because(on)
        if problem is not None:
            raise FlowNotOpen(self.flow_ref, problem[1], field=problem[0])

    def closed_because(self, day: date) -> tuple[str, str] | None:
        """(field, why) when the flow cannot carry data on `day`; None when it can."""
        if self.status is not S.APPROVED:
            return "flow", f"it is {self.status.value}"
        assert self.approved_on is not None
        if day < self.approved_on:
            return "date", f"{day.isoformat()} precedes its approval on {self.approved_on}"
        if self.lapsed_on(day):
            assert self.mechanism is not None
            kind = self.mechanism.kind.value.replace("_", " ")
            return "flow", f"its {kind} lapsed on {self.mechanism.valid_until}"
        return None

    def lapsed_on(self, day: date) -> bool:
        """Whether the mechanism the flow needs had stopped being valid by `day`."""
        if self.assessment is None or not self.assessment.accepted_kinds:
            return False
        until = self.mechanism.valid_until if self.mechanism else None
        return until is not None and day >= until

    def check_status(self, action: str, *allowed: FlowStatus) -> None:
        if self.status not in allowed:
            raise FlowStatusForbids(self.flow_ref, self.status.value, action)

    def check_suitable(self, kind: MechanismKind) -> None:
        assert self.assessment is not None
        accepted = self.assessment.accepted_kinds
        if kind not in accepted:
            required = self.assessment.mechanism.value.replace("_", " ")
            raise MechanismNotSuitable(self.flow_ref, kind.value, required, self._articles())

    def check_mechanism_in_place(self, on: date) -> None:
        assert self.assessment is not None
        if self.assessment.mechanism is Mechanism.NOT_PERMITTED:
            required = "an adequacy decision, a safeguard or a derogation"
            raise MechanismRequired(self.flow_ref, required, "none applies", self._articles())
        if not self.assessment.accepted_kinds:
            return
        required = self.assessment.mechanism.value.replace("_", " ")
        if self.mechanism is None:
            problem = "none is recorded"
        elif self.mechanism.kind not in self.assessment.accepted_kinds:
            problem = f"the recorded {self.mechanism.kind.value.replace('_', ' ')} does not meet it"
        elif not self.mechanism.valid_on(on):
            problem = self.mechanism.not_valid_because(on)
        else:
            return
        raise MechanismRequired(self.flow_ref, required, problem, self._articles())

    def _articles(self) -> str:
        assert self.assessment is not None
        reasons = [article for article, _ in self.assessment.reasons]
        cited = reasons if self.proposal.origin is Origin.EU else [MECHANISMS_ARTICLE, *reasons]
        return "; ".join(dict.fromkeys(cited))

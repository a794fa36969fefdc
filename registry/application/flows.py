"""Data-flow commands: propose, assess, record the mechanism, approve, suspend, expire, and
include subjects in bulk. Each returns the position of its last event; the transfer read
model (flows, inclusions, yearly volumes) shows its effect once it returns."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import cast
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.retry import retry_on_conflict
from registry.application.transfers import Transfers
from registry.domain.consent.controller import controller_id_for
from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.dataflow_values import (
    FlowProposal,
    MechanismKind,
    RecordedMechanism,
    choice,
    flow_id_for,
)
from registry.errors import FlowAlreadyProposed, FlowNotFound, InvalidValueError

MISSING_SHOWN = 5


@dataclass(frozen=True)
class Included:
    """What an inclusion did: `added` subjects included now, `already` ones the flow had
    included earlier in the same year."""

    position: int | None
    added: int
    already: int


class Flows:
    def __init__(self, app: ConsentRegistry, transfers: Transfers) -> None:
        self.app = app
        self.transfers = transfers

    def propose_flow(
        self, flow_ref: str, controller_ref: str, proposal: FlowProposal, *, on: date | None = None
    ) -> int:
        """Propose the flow and assess it on `on` (default today), in one save.

        Refused with `NoProcessingContract` (PIPL Art. 21 or 23) when the processor register
        has entries and none with a contract covering every purpose on that day answers to
        the proposal's recipient: its reference, or its name up to case and spaces."""
        controller = self.app.controller(controller_ref)
        day = self._day("date", on)
        self.transfers.processors.check_contract(proposal.recipient, proposal.purposes, day)
        flow = DataFlow.propose(
            flow_ref,
            controller_id=controller.id,
            controller_ref=controller_ref,
            proposal=proposal,
            proposed_on=day,
        )
        flow.assess(self.transfers.flow_assessment(flow, day), on=day)
        position = self.app.save_new(flow, FlowAlreadyProposed(flow_ref))
        self.app.transfer_volumes.catch_up(until=position)
        return position

    def assess_flow(self, flow_ref: str, *, on: date | None = None) -> int:
        """Assess again, with the controller's counts as of `on` plus the individuals the
        flow expects (a suspended flow must be assessed and approved again)."""

        def attempt() -> int:
            flow = self.data_flow(flow_ref)
            day = self._day("date", on)
            flow.assess(self.transfers.flow_assessment(flow, day), on=day)
            return self._save_flow(flow)

        return retry_on_conflict(attempt)

    def record_flow_mechanism(
        self,
        flow_ref: str,
        kind: MechanismKind | str,
        *,
        on: date,
        reference: str | None = None,
        valid_until: date | None = None,
    ) -> int:
        """A CAC assessment approved on `on` (valid for the period the rules set), a standard
        contract filed on `on`, or a certification granted on `on` (until `valid_until`)."""
        day = self._day("date", on)
        mechanism = _mechanism(choice(MechanismKind, "kind", kind), day, reference, valid_until)

        def attempt() -> int:
            flow = self.data_flow(flow_ref)
            flow.record_mechanism(mechanism)
            return self._save_flow(flow)

        return retry_on_conflict(attempt)

    def approve_flow(self, flow_ref: str, *, on: date | None = None) -> int:
        def attempt() -> int:
            flow = self.data_flow(flow_ref)
            flow.approve(on=self._day("date", on))
            return self._save_flow(flow)

        return retry_on_conflict(attempt)

    def suspend_flow(self, flow_ref: str, *, reason: str, on: date | None = None) -> int:
        def attempt() -> int:
            flow = self.data_flow(flow_ref)
            flow.suspend(on=self._day("date", on), reason=reason)
            return self._save_flow(flow)

        return retry_on_conflict(attempt)

    def expire_flows(self, on: date | None = None) -> list[int]:
        """Record the expiry of every flow whose mechanism has lapsed by `on`."""
        day = self._day("date", on)
        positions = []
        for flow in self.data_flows():
            if flow.expire(on=day):
                positions.append(self._save_flow(flow))
        return positions

    def include_in_flow(
        self, flow_ref: str, subject_ids: Sequence[UUID], *, on: date | None = None
    ) -> Included:
        """Record that the flow sends these registered subjects' data on `on` (default
        today). Subjects it already included that calendar year are left as they were; in a
        new year they are included, and counted, again. Nothing is written unless every
        subject is registered."""
        day = self._day("included_on", on)
        wanted = list(dict.fromkeys(subject_ids))
        self._check_registered(wanted)

        def attempt() -> Included:
            flow = self.data_flow(flow_ref)
            self.app.transfer_volumes.catch_up()
            already = self.app.transfer_volumes.view.already_in(flow.id, wanted, day.year)
            added = [subject_id for subject_id in wanted if subject_id not in already]
            flow.include(added, on=day)
            position = self._save_flow(flow) if added else None
            return Included(position, len(added), len(already))

        return retry_on_conflict(attempt)

    def data_flow(self, flow_ref: str) -> DataFlow:
        return cast(DataFlow, self.app.load(flow_id_for(flow_ref), FlowNotFound(flow_ref)))

    def data_flows(
        self, controller_ref: str | None = None, destination: str | None = None
    ) -> list[DataFlow]:
        self.app.transfer_volumes.catch_up()
        controller_id = None if controller_ref is None else controller_id_for(controller_ref)
        ids = self.app.transfer_volumes.view.flows(controller_id, destination)
        return [cast(DataFlow, self.app.repository.get(flow_id)) for flow_id in ids]

    def _save_flow(self, flow: DataFlow) -> int:
        position = self.app.save_all(flow)
        self.app.transfer_volumes.catch_up(until=position)
        return position

    def _check_registered(self, subject_ids: Sequence[UUID]) -> None:
        if self.app.transfer_volumes.view.count_registered(subject_ids) == len(subject_ids):
            return
        found = self.app.store.existing(subject_ids)
        missing = [str(subject_id) for subject_id in subject_ids if subject_id not in found]
        if missing:
            problem = f"{len(missing)} of {len(subject_ids)} subjects are not registered"
            raise InvalidValueError("subjects", missing[:MISSING_SHOWN], problem)

    def _day(self, field: str, day: date | None) -> date:
        today = self.app.clock().date()
        if day is None:
            return today
        if day > today:
            raise InvalidValueError(field, day.isoformat(), f"is later than today ({today})")
        return day


def _mechanism(
    kind: MechanismKind, on: date, reference: str | None, valid_until: date | None
) -> RecordedMechanism:
    if valid_until is not None and valid_until <= on:
        raise InvalidValueError("valid_until", valid_until.isoformat(), "must be after the date")
    if kind is MechanismKind.SECURITY_ASSESSMENT:
        if valid_until is not None:
            problem = "is set by the rules in force on the approval date; leave it out"
            raise InvalidValueError("valid_until", valid_until.isoformat(), problem)
        return RecordedMechanism.security_assessment(on, reference)
    if kind is MechanismKind.CERTIFICATION and not (reference or "").strip():
        raise InvalidValueError("reference", reference, "a certification needs its certificate id")
    return RecordedMechanism(kind, on, valid_until, reference)

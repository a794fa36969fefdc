"""Data-flow commands: propose, assess, record the mechanism, approve, suspend, expire, and
include subjects in bulk. Each returns the position of its last event; the transfer read
model (flows, inclusions, yearly volumes) shows its effect once it returns."""

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date
from typing import cast
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.retry import retry_on_conflict
from registry.application.transfers import Transfers
from registry.domain.consent.controller import controller_id_for
from registry.domain.consent.subject import subject_id_for
from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.dataflow_values import (
    FlowProposal,
    MechanismKind,
    RecordedMechanism,
    choice,
    flow_id_for,
)
from registry.domain.crossborder.rules import Derogation, Mechanism, Origin
from registry.errors import (
    FlowAlreadyProposed,
    FlowNotFound,
    InvalidValueError,
    TransferConsentMissing,
)

MISSING_SHOWN = 5


@dataclass(frozen=True)
class Included:
    """What an inclusion did: `added` subjects included now (`without_consent` of them under
    a consent override), `already` ones the flow had included earlier in the same year."""

    position: int | None
    added: int
    already: int
    without_consent: int = 0


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
        self,
        flow_ref: str,
        subject_ids: Sequence[UUID] = (),
        *,
        customer_refs: Sequence[str] = (),
        on: date | None = None,
        consent_override: str | None = None,
    ) -> Included:
        """Record that the flow sends these registered subjects' data on `on` (default
        today), named by id or by the flow's controller's customer reference. Subjects it
        already included that calendar year are left as they were; in a new year they are
        included, and counted, again. Nothing is written unless every subject is
        registered and has the consent the flow needs (see `consent_article`), or
        `consent_override` says why it is not needed; errors name subjects as they were
        sent."""
        day = self._day("included_on", on)
        sent = _as_sent(self.data_flow(flow_ref).controller_id, subject_ids, customer_refs)
        self._check_registered(sent)

        def attempt() -> Included:
            flow = self.data_flow(flow_ref)
            self.app.transfer_volumes.catch_up()
            already = self.app.transfer_volumes.view.already_in(flow.id, list(sent), day.year)
            added = [subject_id for subject_id in sent if subject_id not in already]
            flow.check_takes_subjects(day)
            without = self._check_consent(flow, added, sent, consent_override)
            flow.include(added, on=day, without_consent=without, consent_override=consent_override)
            position = self._save_flow(flow) if added else None
            return Included(position, len(added), len(already), len(without))

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

    def _check_registered(self, sent: Mapping[UUID, tuple[str, str]]) -> None:
        subject_ids = list(sent)
        if self.app.transfer_volumes.view.count_registered(subject_ids) == len(subject_ids):
            return
        found = self.app.store.existing(subject_ids)
        missing = {subject_id for subject_id in subject_ids if subject_id not in found}
        if missing:
            field, names = _named(missing, sent)
            problem = f"{len(missing)} of {len(subject_ids)} subjects are not registered"
            raise InvalidValueError(field, names[:MISSING_SHOWN], problem)

    def _check_consent(
        self,
        flow: DataFlow,
        added: Sequence[UUID],
        sent: Mapping[UUID, tuple[str, str]],
        consent_override: str | None,
    ) -> set[UUID]:
        """The subjects included under `consent_override`; without one, none may lack consent."""
        article = consent_article(flow)
        if article is None:
            return set()
        without = self.transfers.without_transfer_consent(added, flow.proposal.purposes)
        if without and consent_override is None:
            field, names = _named(without, sent)
            shown = names[:MISSING_SHOWN]
            raise TransferConsentMissing(flow.flow_ref, field, shown, len(without), article)
        return without

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


def consent_article(flow: DataFlow) -> str | None:
    """The provision under which each person consents to this flow, if any: separate consent
    to provision abroad from China (PIPL Art. 39), explicit consent for an EU flow that rests
    on that derogation (GDPR Art. 49(1)(a)). Only purposes that rest on consent need it."""
    if flow.proposal.origin is Origin.CN:
        return "PIPL Art. 39"
    assessment = flow.assessment
    on_derogation = assessment is not None and assessment.mechanism is Mechanism.DEROGATION
    if on_derogation and flow.proposal.derogation is Derogation.EXPLICIT_CONSENT:
        return "GDPR Art. 49(1)(a)"
    return None


def _as_sent(
    controller_id: UUID, subject_ids: Sequence[UUID], customer_refs: Sequence[str]
) -> dict[UUID, tuple[str, str]]:
    """Each subject once, in the order sent, with the field and the name it was sent as."""
    sent: dict[UUID, tuple[str, str]] = {}
    for ref in customer_refs:
        sent.setdefault(subject_id_for(controller_id, ref), ("refs", ref))
    for subject_id in subject_ids:
        sent.setdefault(subject_id, ("ids", str(subject_id)))
    return sent


def _named(chosen: Set[UUID], sent: Mapping[UUID, tuple[str, str]]) -> tuple[str, list[str]]:
    """The field and names, as sent, of the `chosen` subjects (customer references first)."""
    named = [named for subject_id, named in sent.items() if subject_id in chosen]
    refs = [name for field, name in named if field == "refs"]
    ids = [name for field, name in named if field == "ids"]
    return ("refs" if refs else "ids"), refs + ids

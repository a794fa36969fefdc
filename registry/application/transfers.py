"""Cross-border transfers: assessments that read the controller's volumes, the volumes
themselves, and whether one subject's data may go to a country for a purpose."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.processors import Processors
from registry.application.queries import ConsentQueries
from registry.domain.consent.controller import controller_id_for
from registry.domain.consent.decision import Decision, DecisionReason
from registry.domain.consent.purpose import PurposeTerms
from registry.domain.consent.state import PurposeConsent
from registry.domain.crossborder.countries import country_problem
from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.permission import (
    MECHANISMS,
    TransferAsk,
    separate_consent_reason,
    transfer_decision,
)
from registry.domain.crossborder.rules import (
    Derogation,
    Origin,
    Safeguard,
    Scenario,
    TransferAssessment,
    TransferRequest,
    assess,
)
from registry.domain.crossborder.volumes import VolumeCounts, calendar_scope, scope_for_decision
from registry.domain.governance.processor_rules import COVERED
from registry.errors import InvalidValueError


@dataclass(frozen=True)
class TransferQuery:
    """A transfer a controller considers: the assessment request without the counts, which
    the registry adds from its own records."""

    controller_ref: str
    destination: str
    recipient: str
    purposes: Sequence[str]
    data_categories: Sequence[str] = ()
    sensitive: bool = False
    individuals: int = 0
    ciio: bool = False
    important_data: bool = False
    scenario: Scenario | str | None = None
    individuals_processed: int | None = None
    origin: Origin | str = Origin.CN
    recipient_certified: bool = False
    safeguard: Safeguard | str | None = None
    derogation: Derogation | str | None = None


@dataclass(frozen=True)
class YearVolumes:
    controller_ref: str
    year: int
    as_of: date
    counts: VolumeCounts


class Transfers:
    def __init__(
        self, app: ConsentRegistry, queries: ConsentQueries, processors: Processors
    ) -> None:
        self.app = app
        self.queries = queries
        self.processors = processors

    def assess_transfer(self, query: TransferQuery, on: date | None = None) -> TransferAssessment:
        """The mechanism `query` needs on `on` (default today), counting the individuals the
        controller already sent in the period the rules in force then use. The controller
        must be registered and the purposes defined."""
        day = on or self.app.clock().date()
        controller = self.app.controller(query.controller_ref)
        sent = self.volumes_for_decision(query.controller_ref, day)
        request = TransferRequest(
            destination=query.destination,
            recipient=query.recipient,
            purposes=tuple(query.purposes),
            date=day,
            data_categories=tuple(query.data_categories),
            sensitive=query.sensitive,
            individuals=query.individuals,
            already_sent_non_sensitive=sent.non_sensitive,
            already_sent_sensitive=sent.sensitive,
            ciio=query.ciio or controller.ciio,
            important_data=query.important_data,
            scenario=cast(Scenario | None, query.scenario),
            individuals_processed=query.individuals_processed,
            origin=cast(Origin, query.origin),
            recipient_certified=query.recipient_certified,
            safeguard=cast(Safeguard | None, query.safeguard),
            derogation=cast(Derogation | None, query.derogation),
        )
        for purpose_id in request.purposes:
            self.app.purpose(purpose_id, to_change=False)
        return assess(request)

    def flow_assessment(self, flow: DataFlow, on: date) -> TransferAssessment:
        proposal = flow.proposal
        query = TransferQuery(
            controller_ref=flow.controller_ref,
            destination=proposal.destination,
            recipient=proposal.recipient,
            purposes=proposal.purposes,
            data_categories=proposal.data_categories,
            sensitive=proposal.sensitive,
            individuals=proposal.individuals,
            important_data=proposal.important_data,
            scenario=proposal.scenario,
            individuals_processed=proposal.individuals_processed,
            origin=proposal.origin,
            recipient_certified=proposal.recipient_certified,
            safeguard=proposal.safeguard,
            derogation=proposal.derogation,
        )
        return self.assess_transfer(query, on)

    def volumes_for_decision(self, controller_ref: str, on: date) -> VolumeCounts:
        """Distinct individuals sent by `on` in the counting period of a decision on `on`."""
        scope = scope_for_decision(on)
        return self.app.transfer_volumes.counts(controller_id_for(controller_ref), scope, on)

    def yearly_volumes(
        self, controller_ref: str, year: int, as_of: date | None = None
    ) -> YearVolumes:
        """Distinct individuals the controller sent in calendar year `year`, counted as of
        `as_of` (default: today, or the year's last day for a past year)."""
        controller = self.app.controller(controller_ref)
        day = as_of or min(self.app.clock().date(), date(year, 12, 31))
        if day.year != year:
            raise InvalidValueError("as_of", day.isoformat(), f"is not in {year}")
        counts = self.app.transfer_volumes.counts(controller.id, calendar_scope(year), day)
        return YearVolumes(controller_ref, year, day, counts)

    def may(
        self,
        subject_id: UUID,
        purpose_id: str,
        at: datetime | None = None,
        *,
        destination: str | None = None,
        recipient: str | None = None,
    ) -> Decision:
        """The purpose decision; with a `destination`, whether the data may also go there
        today (`may_transfer`)."""
        if destination is None:
            return self.queries.may(subject_id, purpose_id, at)
        if at is not None:
            problem = "is not supported with a destination: transfers are decided for today"
            raise InvalidValueError("at", at.isoformat(), problem)
        return self.may_transfer(subject_id, purpose_id, destination, recipient=recipient)

    def may_transfer(
        self, subject_id: UUID, purpose_id: str, destination: str, *, recipient: str | None = None
    ) -> Decision:
        """May this subject's data be sent to `destination` (and `recipient`) for this
        purpose today? See `registry.domain.crossborder.permission` for the conditions; a
        named recipient also needs a contract on record covering the purpose today, once
        the processor register has entries (`registry.domain.governance.processor_rules`)."""
        decision = self._may_send(subject_id, purpose_id, destination, recipient)
        if recipient is None:
            return decision
        contract = self.processors.contract_reason(recipient, purpose_id, self.app.clock().date())
        if contract is None:
            return decision
        allowed = decision.allowed and contract.code == COVERED
        return Decision(allowed, (*decision.reasons, contract))

    def _may_send(
        self, subject_id: UUID, purpose_id: str, destination: str, recipient: str | None
    ) -> Decision:
        problem = country_problem(destination)
        if problem is not None:
            raise InvalidValueError("destination", destination, problem)
        base = self.queries.may(subject_id, purpose_id)
        if destination == "CN":
            domestic = DecisionReason(
                "domestic", "mainland China: no provision abroad", MECHANISMS, None
            )
            return Decision(base.allowed, (*base.reasons, domestic))
        consent, terms = self._consent_for_transfer(subject_id, purpose_id)
        self.app.transfer_volumes.catch_up()
        flows = [
            (cast(DataFlow, self.app.repository.get(flow_id)), included_on)
            for flow_id, included_on in self.app.transfer_volumes.view.flows_of(subject_id)
        ]
        ask = TransferAsk(purpose_id, destination, recipient, self.app.clock().date())
        return transfer_decision(base, consent, terms, flows, ask)

    def without_transfer_consent(
        self, subject_ids: Sequence[UUID], purpose_ids: Sequence[str]
    ) -> set[UUID]:
        """The subjects who have not given, for every purpose here that rests on consent, a
        consent that holds today and is a separate consent to the provision abroad (PIPL
        Art. 39)."""
        needing = [p for p in purpose_ids if self._needs_consent(p)]
        return {s for s in subject_ids if not all(self._consents_abroad(s, p) for p in needing)}

    def _needs_consent(self, purpose_id: str) -> bool:
        purpose = self.app.purpose(purpose_id, to_change=False)
        return purpose.current.spec.lawful_basis.needs_consent

    def _consents_abroad(self, subject_id: UUID, purpose_id: str) -> bool:
        if not self.queries.may(subject_id, purpose_id).allowed:
            return False
        consent, terms = self._consent_for_transfer(subject_id, purpose_id)
        if consent is None or terms is None:
            return False
        return separate_consent_reason(consent, terms).code == "cross_border_consent_given"

    def _consent_for_transfer(
        self, subject_id: UUID, purpose_id: str
    ) -> tuple[PurposeConsent | None, PurposeTerms | None]:
        """The answer and the terms it was given for, when the basis is consent."""
        purpose = self.app.purpose(purpose_id)
        if not purpose.current.spec.lawful_basis.needs_consent:
            return None, None
        consent = self.queries.current_state(subject_id).get(purpose_id)
        if consent is None:
            return None, None
        return consent, purpose.terms_of_version(consent.record.purpose_version)

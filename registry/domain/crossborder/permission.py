"""May a subject's data go abroad for a purpose? Three conditions, each with its article.

1. The purpose's lawful basis covers the use (the ordinary permission decision).
2. Under the consent basis, the person gave *separate* consent to the provision abroad, on a
   notice for that purpose version that asked for it (PIPL Art. 39).
3. An approved flow to the destination (and recipient, when named) that covers the purpose,
   whose mechanism is still valid, includes the person (PIPL Art. 38).

The reasons name every condition that fails; an allowed answer names what satisfied each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from registry.domain.consent.basis import SeparateConsentReason
from registry.domain.consent.decision import Decision, DecisionReason
from registry.domain.consent.purpose import PurposeTerms
from registry.domain.consent.state import PurposeConsent
from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.rules import Origin

CROSS_BORDER = SeparateConsentReason.CROSS_BORDER.article
MECHANISMS = "PIPL Art. 38"


@dataclass(frozen=True)
class TransferAsk:
    purpose_id: str
    destination: str
    recipient: str | None
    on: date


def transfer_decision(
    base: Decision,
    consent: PurposeConsent | None,
    terms: PurposeTerms | None,
    flows: Sequence[tuple[DataFlow, date]],
    ask: TransferAsk,
) -> Decision:
    """`base` is the purpose decision; `consent` the person's answer for the purpose and
    `terms` the purpose version it was given for (both None without an answer); `flows` the
    flows that include the person, with the day each included them."""
    reasons = list(base.reasons)
    allowed = base.allowed
    if base.allowed and consent is not None and terms is not None:
        separate = separate_consent_reason(consent, terms)
        reasons.append(separate)
        allowed = separate.code == "cross_border_consent_given"
    flow_reason = _flow_reason(flows, ask)
    reasons.append(flow_reason)
    return Decision(allowed and flow_reason.code == "flow_approved", tuple(reasons))


def separate_consent_reason(consent: PurposeConsent, terms: PurposeTerms) -> DecisionReason:
    record = consent.record
    if not record.separate:
        message = (
            f"the consent of {record.occurred_at.date()} was not a separate consent; "
            "provision abroad needs one"
        )
        return DecisionReason(
            "cross_border_consent_missing", message, CROSS_BORDER, record.position
        )
    if SeparateConsentReason.CROSS_BORDER not in terms.spec.separate_consent_reasons:
        message = (
            f"the notice for version {terms.version} of {terms.purpose_id!r} did not ask for "
            "consent to provision abroad"
        )
        return DecisionReason(
            "cross_border_consent_missing", message, CROSS_BORDER, record.position
        )
    message = f"separate consent to provision abroad given on {record.occurred_at.date()}"
    return DecisionReason("cross_border_consent_given", message, CROSS_BORDER, record.position)


def _flow_reason(flows: Sequence[tuple[DataFlow, date]], ask: TransferAsk) -> DecisionReason:
    to = _target(ask)
    relevant = [(f, day) for f, day in flows if _reaches(f, ask) and day <= ask.on]
    covering = [(f, day) for f, day in relevant if ask.purpose_id in f.proposal.purposes]
    for flow, day in covering:
        if flow.closed_because(ask.on) is None:
            return _approved(flow, day)
    if covering:
        flow = covering[0][0]
        problem = flow.closed_because(ask.on)
        assert problem is not None
        message = f"flow {flow.flow_ref!r} {to} includes the subject, but {problem[1]}"
        return DecisionReason("flow_not_open", message, MECHANISMS, None)
    if relevant:
        refs = ", ".join(repr(f.flow_ref) for f, _ in relevant)
        message = f"flow {refs} {to} includes the subject, but not for {ask.purpose_id!r}"
        return DecisionReason("flow_purpose_not_covered", message, MECHANISMS, None)
    message = f"no approved flow {to} includes the subject"
    return DecisionReason("no_flow", message, MECHANISMS, None)


def _approved(flow: DataFlow, day: date) -> DecisionReason:
    assert flow.assessment is not None
    mechanism = flow.assessment.mechanism.value.replace("_", " ")
    held = f" ({flow.mechanism.kind.value.replace('_', ' ')})" if flow.mechanism else ""
    exempt = flow.assessment.exempt_reason
    basis = f"exempt: {exempt}" if exempt else f"mechanism {mechanism}{held}"
    message = (
        f"flow {flow.flow_ref!r} to {flow.proposal.recipient} in {flow.proposal.destination} "
        f"is approved ({basis}) and includes the subject since {day}"
    )
    # An exempt flow, or one from the EU, rests on the article its assessment cites first.
    own_article = exempt or flow.proposal.origin is Origin.EU
    reasons = flow.assessment.reasons
    article = reasons[0][0] if own_article and reasons else MECHANISMS
    return DecisionReason("flow_approved", message, article, None)


def _reaches(flow: DataFlow, ask: TransferAsk) -> bool:
    if flow.proposal.destination != ask.destination:
        return False
    return ask.recipient is None or _same(flow.proposal.recipient, ask.recipient)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def _target(ask: TransferAsk) -> str:
    return f"to {ask.recipient} in {ask.destination}" if ask.recipient else f"to {ask.destination}"

"""EU rules: GDPR Chapter V, tried in the order the Regulation sets.

Within the EEA nothing is needed; otherwise an adequacy decision in force on the decision
date (Art. 45), else SCCs or BCRs the caller has in place (Art. 46-47), else an Art. 49(1)
derogation the caller relies on; failing all three the transfer is not permitted.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from registry.domain.crossborder.adequacy import AdequacyDecision, adequacy_for
from registry.domain.crossborder.duties import eu_duties
from registry.domain.crossborder.request import TransferRequest
from registry.domain.crossborder.values import (
    Derogation,
    Mechanism,
    Origin,
    Safeguard,
    TransferAssessment,
    TransferReason,
)
from registry.domain.crossborder.versions import EU_GDPR

EU_MEMBERS = {
    *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"),
    *("IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"),
}
EEA = frozenset({*EU_MEMBERS, "IS", "LI", "NO"})
# Not a third country until this date: the United Kingdom through the withdrawal transition
# and the bridge of the EU-UK Trade and Cooperation Agreement, which ended with adequacy.
FORMER_MEMBERS = {"GB": date(2021, 6, 28)}

SAFEGUARDS = {
    Safeguard.SCCS: ("GDPR Art. 46(2)(c)", "Standard contractual clauses of the Commission."),
    Safeguard.BCRS: ("GDPR Art. 47", "Approved binding corporate rules (Art. 46(2)(b))."),
}
DEROGATIONS = {
    Derogation.EXPLICIT_CONSENT: ("GDPR Art. 49(1)(a)", "The data subject explicitly consented."),
    Derogation.CONTRACT: ("GDPR Art. 49(1)(b)", "Necessary for a contract with the data subject."),
    Derogation.PUBLIC_INTEREST: ("GDPR Art. 49(1)(d)", "Necessary for important public interest."),
    Derogation.LEGAL_CLAIMS: ("GDPR Art. 49(1)(e)", "Necessary for legal claims."),
    Derogation.VITAL_INTERESTS: (
        "GDPR Art. 49(1)(f)",
        "Necessary to protect vital interests; the data subject cannot consent.",
    ),
}


class _Outcome(NamedTuple):
    mechanism: Mechanism
    reasons: list[TransferReason]


def assess_eu(request: TransferRequest) -> TransferAssessment:
    third_country = not in_eea(request.destination, request.date)
    outcome = _decide(request) if third_country else _within_eea(request.destination)
    explicit = (
        outcome.mechanism is Mechanism.DEROGATION
        and request.derogation is Derogation.EXPLICIT_CONSENT
    )
    return TransferAssessment(
        origin=Origin.EU,
        mechanism=outcome.mechanism,
        exempt_reason=None,
        reasons=tuple(outcome.reasons),
        duties=eu_duties(third_country=third_country, explicit_consent=explicit),
        rule_version=EU_GDPR,
    )


def in_eea(country: str, on_date: date) -> bool:
    left_on = FORMER_MEMBERS.get(country)
    return country in EEA or (left_on is not None and on_date < left_on)


def _within_eea(country: str) -> _Outcome:
    where = "was treated as a Member State" if country in FORMER_MEMBERS else "is in the EEA"
    text = f"{country} {where}: not a transfer to a third country."
    return _Outcome(Mechanism.NONE, [TransferReason("GDPR Art. 44", text)])


def _decide(request: TransferRequest) -> _Outcome:
    notes: list[TransferReason] = []
    decision = adequacy_for(request.destination)
    if decision is not None:
        covered, reason = _adequacy_reason(decision, request)
        if covered:
            return _Outcome(Mechanism.ADEQUACY, [reason])
        notes.append(reason)
    if request.safeguard is not None:
        return _Outcome(
            Mechanism.SCCS_OR_BCRS, [*notes, TransferReason(*SAFEGUARDS[request.safeguard])]
        )
    if request.derogation is not None:
        reason = TransferReason(*DEROGATIONS[request.derogation])
        return _Outcome(Mechanism.DEROGATION, [*notes, reason])
    text = "No adequacy decision, safeguard or Art. 49(1) derogation: the transfer may not go."
    return _Outcome(Mechanism.NOT_PERMITTED, [*notes, TransferReason("GDPR Art. 44", text)])


def _adequacy_reason(
    decision: AdequacyDecision, request: TransferRequest
) -> tuple[bool, TransferReason]:
    on = request.date
    title = f"{decision.name}: Commission {decision.decision} of {decision.adopted_on.isoformat()}"
    if on < decision.adopted_on:
        return False, TransferReason(decision.article, f"{title} postdates {on.isoformat()}.")
    if decision.until is not None and on >= decision.until:
        ended = f"{title} ended on {decision.until.isoformat()}; no later decision recorded."
        return False, TransferReason(decision.article, ended)
    if decision.certified_recipients_only and not request.recipient_certified:
        text = f"{title} covers only {decision.scope}; the recipient is not certified."
        return False, TransferReason(decision.article, text)
    scope = f" (scope: {decision.scope})" if decision.scope else ""
    return True, TransferReason(decision.article, f"{title}{scope}.")

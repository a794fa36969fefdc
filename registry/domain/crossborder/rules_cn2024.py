"""CN rules from 2024-03-22: the CAC Provisions on Promoting and Regulating Cross-Border Data Flows.

Exemptions are tried first (Art. 3-6), then the security-assessment grounds (Art. 7), then
the standard contract or certification band (Art. 8); what is left is the small-volume
exemption of Art. 5(4). Counts are cumulative since 1 January of the current year and
include the transfer being assessed.
"""

from __future__ import annotations

from typing import NamedTuple

from registry.domain.crossborder.duties import PROVISIONS, cn_duties
from registry.domain.crossborder.request import TransferRequest
from registry.domain.crossborder.values import (
    ExemptReason,
    Mechanism,
    Origin,
    Scenario,
    TransferAssessment,
    TransferReason,
)
from registry.domain.crossborder.versions import (
    ASSESSMENT_VALIDITY_YEARS,
    CN_2024,
    counting_period_start,
)

STANDARD_CONTRACT_FROM = 100_000
ASSESSMENT_FROM_NON_SENSITIVE = 1_000_000
ASSESSMENT_FROM_SENSITIVE = 10_000
CIIO_ASSESSMENT = "A CIIO's personal information leaves only after a CAC security assessment."

# Individuals sent under these exemptions stay out of the yearly count (Art. 5(1)-(3)).
UNCOUNTED = frozenset({ExemptReason.CONTRACT, ExemptReason.HR, ExemptReason.EMERGENCY})

_EXEMPTIONS: dict[Scenario, tuple[ExemptReason, str, str]] = {
    Scenario.NO_PERSONAL_INFORMATION: (
        ExemptReason.NO_PERSONAL_INFORMATION,
        "Art. 3",
        "Data from trade, transport, research, manufacturing or marketing that holds "
        "neither personal information nor important data.",
    ),
    Scenario.COLLECTED_ABROAD: (
        ExemptReason.COLLECTED_ABROAD,
        "Art. 4",
        "Personal information collected abroad, processed in China and sent back without "
        "domestic personal information or important data added.",
    ),
    Scenario.CONTRACT: (
        ExemptReason.CONTRACT,
        "Art. 5(1)",
        "Necessary to conclude or perform a contract to which the individual is a party.",
    ),
    Scenario.HR: (
        ExemptReason.HR,
        "Art. 5(2)",
        "Necessary for cross-border HR management under lawful labour rules and collective "
        "contracts.",
    ),
    Scenario.EMERGENCY: (
        ExemptReason.EMERGENCY,
        "Art. 5(3)",
        "Necessary in an emergency to protect a person's life, health or property.",
    ),
    Scenario.FTZ_NEGATIVE_LIST_EXEMPT: (
        ExemptReason.FTZ_NEGATIVE_LIST,
        "Art. 6",
        "Data of a free trade zone processor that is not on the zone's negative list.",
    ),
}


class Ruling(NamedTuple):
    mechanism: Mechanism
    exempt_reason: ExemptReason | None
    reasons: list[TransferReason]


def carries_personal_information(request: TransferRequest) -> bool:
    no_persons = request.individuals == 0 and not request.sensitive
    return not (request.scenario is Scenario.NO_PERSONAL_INFORMATION and no_persons)


def cumulative_counts(request: TransferRequest, *, include_transfer: bool) -> tuple[int, int]:
    """(non-sensitive, sensitive) distinct individuals, with or without this transfer's."""
    added = request.individuals if include_transfer else 0
    if request.sensitive:
        return request.already_sent_non_sensitive, request.already_sent_sensitive + added
    return request.already_sent_non_sensitive + added, request.already_sent_sensitive


def assess_cn_domestic(request: TransferRequest, rule_version: str) -> TransferAssessment:
    """A destination in mainland China: nothing leaves the country."""
    text = "The destination is mainland China: no provision abroad."
    return TransferAssessment(
        origin=Origin.CN,
        mechanism=Mechanism.NONE,
        exempt_reason=None,
        reasons=(TransferReason("PIPL Art. 38", text),),
        duties=(),
        rule_version=rule_version,
        counting_period_start=counting_period_start(request.date),
    )


def assess_cn_2024(request: TransferRequest) -> TransferAssessment:
    personal = carries_personal_information(request)
    blocked, exemption = _scenario_exemption(request, personal)
    counted = personal and (exemption is None or exemption.exempt_reason not in UNCOUNTED)
    non_sensitive, sensitive = cumulative_counts(request, include_transfer=counted)
    ruling = (
        exemption
        if exemption is not None
        else _by_volume(request, personal, non_sensitive, sensitive)
    )
    ruling = ruling._replace(reasons=blocked + ruling.reasons)
    return cn_assessment(request, CN_2024, ruling, personal=personal, counted=counted)


def cn_assessment(
    request: TransferRequest, rule_version: str, ruling: Ruling, *, personal: bool, counted: bool
) -> TransferAssessment:
    """The CN assessment of `ruling`, with the duties, counts and validity of `rule_version`."""
    non_sensitive, sensitive = cumulative_counts(request, include_transfer=counted)
    validity = None
    if ruling.mechanism is Mechanism.SECURITY_ASSESSMENT:
        validity = ASSESSMENT_VALIDITY_YEARS[rule_version]
    return TransferAssessment(
        origin=Origin.CN,
        mechanism=ruling.mechanism,
        exempt_reason=ruling.exempt_reason,
        reasons=tuple(ruling.reasons),
        duties=cn_duties(request, rule_version, ruling.mechanism, personal=personal),
        rule_version=rule_version,
        counting_period_start=counting_period_start(request.date),
        counted_non_sensitive=non_sensitive,
        counted_sensitive=sensitive,
        counts_toward_volume=counted,
        assessment_validity_years=validity,
    )


def _scenario_exemption(
    request: TransferRequest, personal: bool
) -> tuple[list[TransferReason], Ruling | None]:
    """(reasons an asserted exemption fails, the exemption's decision when it holds)."""
    if request.scenario is None:
        return [], None
    reason, article, text = _EXEMPTIONS[request.scenario]
    obstacle = _obstacle(request.scenario, request.important_data, personal)
    if obstacle is not None:
        return [TransferReason(f"{PROVISIONS} {obstacle[0]}", obstacle[1])], None
    reasons = [TransferReason(f"{PROVISIONS} {article}", text)]
    if request.ciio:
        reasons.append(
            TransferReason(
                f"{PROVISIONS} Art. 7", "Art. 3-6 exemptions prevail over the CIIO ground."
            )
        )
    return [], Ruling(Mechanism.NONE, reason, reasons)


def _obstacle(scenario: Scenario, important_data: bool, personal: bool) -> tuple[str, str] | None:
    """(article, why) when the asserted exemption cannot hold for this transfer."""
    if scenario is Scenario.NO_PERSONAL_INFORMATION and personal:
        return "Art. 3", "Not exempt: the transfer includes personal information."
    if scenario is Scenario.FTZ_NEGATIVE_LIST_EXEMPT or not important_data:
        return None
    if scenario in (Scenario.CONTRACT, Scenario.HR, Scenario.EMERGENCY):
        return "Art. 5", "Not exempt: the Art. 5 exemptions do not cover important data."
    return _EXEMPTIONS[scenario][1], "Not exempt: the transfer includes important data."


def _by_volume(
    request: TransferRequest, personal: bool, non_sensitive: int, sensitive: int
) -> Ruling:
    if request.important_data:
        return _assessment(_important_data_reasons(request.ciio))
    if request.ciio and personal:
        return _assessment(
            [
                TransferReason(
                    f"{PROVISIONS} Art. 7(1)", "A CIIO provides personal information abroad."
                ),
                TransferReason("PIPL Art. 40", CIIO_ASSESSMENT),
            ]
        )
    counts = (
        f"{non_sensitive:,} non-sensitive and {sensitive:,} sensitive individuals since "
        f"{counting_period_start(request.date).isoformat()}"
    )
    return _by_count(counts, non_sensitive, sensitive)


def _by_count(counts: str, non_sensitive: int, sensitive: int) -> Ruling:
    if non_sensitive >= ASSESSMENT_FROM_NON_SENSITIVE or sensitive >= ASSESSMENT_FROM_SENSITIVE:
        text = f"{counts}: at least 1,000,000 non-sensitive or 10,000 sensitive."
        return _assessment([TransferReason(f"{PROVISIONS} Art. 7(2)", text)])
    if non_sensitive >= STANDARD_CONTRACT_FROM or sensitive > 0:
        text = f"{counts}: 100,000-999,999 non-sensitive or 1-9,999 sensitive."
        routes = "Routes: the CAC standard contract or certification."
        return Ruling(
            Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION,
            None,
            [TransferReason(f"{PROVISIONS} Art. 8", text), TransferReason("PIPL Art. 38", routes)],
        )
    text = f"{counts}: a non-CIIO below 100,000 non-sensitive and no sensitive."
    return Ruling(
        Mechanism.NONE,
        ExemptReason.BELOW_THRESHOLD,
        [TransferReason(f"{PROVISIONS} Art. 5(4)", text)],
    )


def _important_data_reasons(ciio: bool) -> list[TransferReason]:
    item, who = ("Art. 7(1)", "A CIIO") if ciio else ("Art. 7(2)", "A data processor")
    return [
        TransferReason(f"{PROVISIONS} {item}", f"{who} provides important data abroad."),
        TransferReason("DSL Art. 31", "Important data leaves under the outbound security rules."),
    ]


def _assessment(reasons: list[TransferReason]) -> Ruling:
    return Ruling(Mechanism.SECURITY_ASSESSMENT, None, reasons)

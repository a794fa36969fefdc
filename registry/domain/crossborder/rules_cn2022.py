"""CN rules for decisions dated 2022-09-01 to 2024-03-21: the 2022 Security Assessment Measures.

Art. 4 lists the assessment grounds; everything else needs the standard contract (open from
2023-06-01 under the Standard Contract Measures) or certification. Counts are cumulative
since 1 January of the previous year, include the transfer, and there are no exemptions of
the 2024 kind.
"""

from __future__ import annotations

from registry.domain.crossborder.duties import MEASURES
from registry.domain.crossborder.request import TransferRequest
from registry.domain.crossborder.rules_cn2024 import (
    CIIO_ASSESSMENT,
    Ruling,
    carries_personal_information,
    cn_assessment,
    cumulative_counts,
)
from registry.domain.crossborder.values import (
    ExemptReason,
    Mechanism,
    Scenario,
    TransferAssessment,
    TransferReason,
)
from registry.domain.crossborder.versions import (
    CN_2022,
    CN_STANDARD_CONTRACT_IN_FORCE,
    counting_period_start,
)
from registry.errors import MissingTransferInput

STANDARD_CONTRACT_MEASURES = "CAC Standard Contract Measures"
ASSESSMENT_FROM_PROCESSED = 1_000_000
ASSESSMENT_FROM_PERSONAL = 100_000
ASSESSMENT_FROM_SENSITIVE = 10_000


def assess_cn_2022(request: TransferRequest) -> TransferAssessment:
    personal = carries_personal_information(request)
    non_sensitive, sensitive = cumulative_counts(request, include_transfer=personal)
    ruling = _decide(request, personal, non_sensitive, sensitive)
    ruling = ruling._replace(reasons=_no_exemption(request.scenario) + ruling.reasons)
    return cn_assessment(request, CN_2022, ruling, personal=personal, counted=personal)


def _no_exemption(scenario: Scenario | None) -> list[TransferReason]:
    if scenario is None or scenario is Scenario.NO_PERSONAL_INFORMATION:
        return []
    return [
        TransferReason(
            f"{MEASURES} Art. 4",
            f"No '{scenario.value}' exemption before 2024-03-22; the exemptions came with "
            "the 2024 Cross-Border Provisions.",
        )
    ]


def _decide(request: TransferRequest, personal: bool, non_sensitive: int, sensitive: int) -> Ruling:
    if request.important_data:
        return _assessment("Art. 4(1)", "The processor provides important data abroad.")
    if not personal:
        text = "Neither personal information nor important data leaves the country."
        return Ruling(
            Mechanism.NONE,
            ExemptReason.NO_PERSONAL_INFORMATION,
            [TransferReason(f"{MEASURES} Art. 2", text)],
        )
    if request.ciio:
        decision = _assessment("Art. 4(2)", "A CIIO provides personal information abroad.")
        decision.reasons.append(TransferReason("PIPL Art. 40", CIIO_ASSESSMENT))
        return decision
    return _by_volume(request, non_sensitive, sensitive)


def _by_volume(request: TransferRequest, non_sensitive: int, sensitive: int) -> Ruling:
    total = non_sensitive + sensitive
    since = counting_period_start(request.date).isoformat()
    if total >= ASSESSMENT_FROM_PERSONAL or sensitive >= ASSESSMENT_FROM_SENSITIVE:
        return _assessment(
            "Art. 4(3)",
            f"{total:,} individuals ({sensitive:,} sensitive) since {since}: at least "
            "100,000 individuals or 10,000 sensitive.",
        )
    processed = request.individuals_processed
    if processed is None:
        raise MissingTransferInput(
            "individuals_processed",
            "the 2022 Measures (Art. 4(2)) need the number of individuals whose personal "
            "information the controller handles",
        )
    if processed >= ASSESSMENT_FROM_PROCESSED:
        return _assessment(
            "Art. 4(2)", f"The processor handles personal information of {processed:,} people."
        )
    return Ruling(
        Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION,
        None,
        _contract_or_certification(request, total, sensitive, since),
    )


def _contract_or_certification(
    request: TransferRequest, total: int, sensitive: int, since: str
) -> list[TransferReason]:
    below = f"{total:,} individuals ({sensitive:,} sensitive) since {since}: below Art. 4 grounds."
    if request.date >= CN_STANDARD_CONTRACT_IN_FORCE:
        return [
            TransferReason(f"{STANDARD_CONTRACT_MEASURES} Art. 4", below),
            TransferReason("PIPL Art. 38", "Routes: the CAC standard contract or certification."),
        ]
    return [
        TransferReason(f"{MEASURES} Art. 4", below),
        TransferReason(
            "PIPL Art. 38",
            "Route: certification. The standard contract route opened only on 2023-06-01.",
        ),
    ]


def _assessment(item: str, text: str) -> Ruling:
    return Ruling(Mechanism.SECURITY_ASSESSMENT, None, [TransferReason(f"{MEASURES} {item}", text)])

"""Cross-border transfer rules: which mechanism the law requires, and why.

`assess(request)` is pure: it reads no clock and no store, so the same request (which
carries its own decision date) always gives the same `TransferAssessment`. The rule set follows the
date and origin: for CN, the 2024 CAC Cross-Border Provisions from 2024-03-22 and the 2022
Security Assessment Measures before; for the EU, GDPR Chapter V. The caller counts the
individuals already sent over `counting_period_start(date)`; its errors are the
`CrossBorderError` branch of `registry.errors`.
"""

from __future__ import annotations

from registry.domain.crossborder.request import TransferRequest
from registry.domain.crossborder.rules_cn2022 import assess_cn_2022
from registry.domain.crossborder.rules_cn2024 import assess_cn_2024, assess_cn_domestic
from registry.domain.crossborder.rules_eu import assess_eu
from registry.domain.crossborder.values import (
    Derogation,
    Duty,
    ExemptReason,
    Mechanism,
    Origin,
    Safeguard,
    Scenario,
    TransferAssessment,
    TransferReason,
)
from registry.domain.crossborder.versions import (
    CN_2022,
    CN_2024,
    EU_GDPR,
    assessment_expires_on,
    assessment_valid,
    counting_period_start,
    rule_version_for,
)

__all__ = [
    "CN_2022",
    "CN_2024",
    "EU_GDPR",
    "Derogation",
    "Duty",
    "ExemptReason",
    "Mechanism",
    "Origin",
    "Safeguard",
    "Scenario",
    "TransferAssessment",
    "TransferReason",
    "TransferRequest",
    "assess",
    "assessment_expires_on",
    "assessment_valid",
    "counting_period_start",
    "rule_version_for",
]

_RULE_SETS = {CN_2024: assess_cn_2024, CN_2022: assess_cn_2022, EU_GDPR: assess_eu}


def assess(request: TransferRequest) -> TransferAssessment:
    """The mechanism a transfer needs on `request.date`, with reasons, duties and rule version."""
    rule_version = rule_version_for(request.origin, request.date)
    if request.origin is Origin.CN and request.destination == "CN":
        return assess_cn_domestic(request, rule_version)
    return _RULE_SETS[rule_version](request)

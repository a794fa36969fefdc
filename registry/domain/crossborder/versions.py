"""Which rule set governs a decision date, its counting period and assessment validity.

A decision about the past is judged by the rule set in force on its date: the 2024 CAC
Cross-Border Provisions from 2024-03-22, the 2022 Security Assessment Measures from
2022-09-01 until then. The EU rules are those of the GDPR from 2018-05-25.
"""

from __future__ import annotations

from datetime import date

from registry.domain.crossborder.values import Origin
from registry.errors import DateNotCovered, UnknownRuleVersion

CN_2024 = "cn-2024-03-22"
CN_2022 = "cn-2022-09-01"
EU_GDPR = "eu-2018-05-25"

CN_2024_IN_FORCE = date(2024, 3, 22)
CN_2022_IN_FORCE = date(2022, 9, 1)
CN_STANDARD_CONTRACT_IN_FORCE = date(2023, 6, 1)
GDPR_IN_FORCE = date(2018, 5, 25)

ASSESSMENT_VALIDITY_YEARS = {CN_2024: 3, CN_2022: 2}


def rule_version_for(origin: Origin, on_date: date) -> str:
    """The rule set that governs a decision about a transfer from `origin` on `on_date`."""
    if origin is Origin.EU:
        _require_on_or_after(on_date, GDPR_IN_FORCE, "the GDPR")
        return EU_GDPR
    _require_on_or_after(on_date, CN_2022_IN_FORCE, "the 2022 Security Assessment Measures")
    return CN_2024 if on_date >= CN_2024_IN_FORCE else CN_2022


def counting_period_start(on_date: date) -> date:
    """First day of the CN counting period for a decision on `on_date`.

    1 January of the current year under the 2024 Provisions; 1 January of the previous year
    under the 2022 Measures. The period runs to `on_date` inclusive.
    """
    if rule_version_for(Origin.CN, on_date) == CN_2024:
        return date(on_date.year, 1, 1)
    return date(on_date.year - 1, 1, 1)


def assessment_expires_on(approved_on: date, rule_version: str) -> date:
    """First day on which a CAC security assessment approved on `approved_on` is no longer valid.

    Three years under the 2024 Provisions (Art. 9), two under the 2022 Measures (Art. 14),
    counted from the day the result was issued. An approval on 29 February runs to 1 March.
    """
    years = _validity_years(rule_version)
    try:
        return approved_on.replace(year=approved_on.year + years)
    except ValueError:  # 29 February in a year that has none
        return date(approved_on.year + years, 3, 1)


def assessment_valid(approved_on: date, rule_version: str, on_date: date) -> bool:
    """Whether an assessment approved on `approved_on` under `rule_version` covers `on_date`."""
    return approved_on <= on_date < assessment_expires_on(approved_on, rule_version)


def _validity_years(rule_version: str) -> int:
    try:
        return ASSESSMENT_VALIDITY_YEARS[rule_version]
    except KeyError:
        known = ", ".join(ASSESSMENT_VALIDITY_YEARS)
        raise UnknownRuleVersion(
            "rule_version", f"no security-assessment validity for {rule_version!r}; known: {known}"
        ) from None


def _require_on_or_after(on_date: date, start: date, rule_set: str) -> None:
    if on_date < start:
        raise DateNotCovered(
            "date", f"{on_date.isoformat()} precedes {rule_set} ({start.isoformat()})"
        )

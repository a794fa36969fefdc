"""The rule set follows the decision date; counting periods and assessment validity."""

from datetime import date

import pytest

from registry.domain.crossborder.rules import (
    CN_2022,
    CN_2024,
    EU_GDPR,
    ExemptReason,
    Mechanism,
    Origin,
    assess,
    assessment_expires_on,
    assessment_valid,
    counting_period_start,
    rule_version_for,
)
from registry.errors import DateNotCovered, UnknownRuleVersion

SCC = Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION
SA = Mechanism.SECURITY_ASSESSMENT
BEFORE, FROM = date(2024, 3, 21), date(2024, 3, 22)


@pytest.mark.parametrize(
    ("on", "fields", "version", "period_start", "mechanism", "articles", "validity"),
    [
        pytest.param(
            BEFORE,
            {"already_sent_non_sensitive": 150_000},
            CN_2022,
            date(2023, 1, 1),
            SA,
            ("CAC Security Assessment Measures Art. 4(3)",),
            2,
            id="150,000 on 2024-03-21",
        ),
        pytest.param(
            FROM,
            {"already_sent_non_sensitive": 150_000},
            CN_2024,
            date(2024, 1, 1),
            SCC,
            ("CAC Cross-Border Provisions Art. 8", "PIPL Art. 38"),
            None,
            id="150,000 on 2024-03-22",
        ),
        pytest.param(
            BEFORE,
            {"already_sent_non_sensitive": 50_000, "individuals_processed": 60_000},
            CN_2022,
            date(2023, 1, 1),
            SCC,
            ("CAC Standard Contract Measures Art. 4", "PIPL Art. 38"),
            None,
            id="50,000 on 2024-03-21",
        ),
        pytest.param(
            FROM,
            {"already_sent_non_sensitive": 50_000},
            CN_2024,
            date(2024, 1, 1),
            Mechanism.NONE,
            ("CAC Cross-Border Provisions Art. 5(4)",),
            None,
            id="50,000 on 2024-03-22",
        ),
        pytest.param(
            BEFORE,
            {"ciio": True},
            CN_2022,
            date(2023, 1, 1),
            SA,
            ("CAC Security Assessment Measures Art. 4(2)", "PIPL Art. 40"),
            2,
            id="CIIO on 2024-03-21",
        ),
        pytest.param(
            FROM,
            {"ciio": True},
            CN_2024,
            date(2024, 1, 1),
            SA,
            ("CAC Cross-Border Provisions Art. 7(1)", "PIPL Art. 40"),
            3,
            id="CIIO on 2024-03-22",
        ),
    ],
)
def test_date_each_side_of_2024_03_22(
    make_request, on, fields, version, period_start, mechanism, articles, validity
) -> None:
    assessment = assess(make_request(date=on, individuals=10, **fields))

    assert assessment.rule_version == version
    assert assessment.counting_period_start == period_start
    assert assessment.mechanism is mechanism
    assert assessment.cited_articles == articles
    assert assessment.assessment_validity_years == validity


@pytest.mark.parametrize(
    ("on", "exempt"),
    [
        pytest.param(BEFORE, None, id="2024-03-21"),
        pytest.param(FROM, ExemptReason.HR, id="2024-03-22"),
    ],
)
def test_hr_exemption_starts_on_2024_03_22(make_request, on, exempt) -> None:
    fields = {"scenario": "hr", "individuals": 10, "individuals_processed": 10}

    assert assess(make_request(date=on, **fields)).exempt_reason is exempt


@pytest.mark.parametrize(
    ("on", "start"),
    [
        (date(2022, 9, 1), date(2021, 1, 1)),
        (date(2024, 1, 15), date(2023, 1, 1)),
        (BEFORE, date(2023, 1, 1)),
        (FROM, date(2024, 1, 1)),
        (date(2025, 12, 31), date(2025, 1, 1)),
        (date(2026, 1, 1), date(2026, 1, 1)),
    ],
)
def test_counting_period_start(on, start) -> None:
    assert counting_period_start(on) == start


@pytest.mark.parametrize(
    ("origin", "on", "version"),
    [
        (Origin.CN, date(2022, 9, 1), CN_2022),
        (Origin.CN, BEFORE, CN_2022),
        (Origin.CN, FROM, CN_2024),
        (Origin.EU, date(2018, 5, 25), EU_GDPR),
    ],
)
def test_rule_version_for(origin, on, version) -> None:
    assert rule_version_for(origin, on) == version


@pytest.mark.parametrize(
    ("origin", "on"), [(Origin.CN, date(2022, 8, 31)), (Origin.EU, date(2018, 5, 24))]
)
def test_dates_before_every_rule_set_are_refused(make_request, origin, on) -> None:
    with pytest.raises(DateNotCovered) as raised:
        assess(make_request(origin=origin, date=on))

    assert raised.value.field == "date"


@pytest.mark.parametrize(
    ("approved_on", "version", "on", "valid"),
    [
        pytest.param(date(2024, 4, 1), CN_2024, date(2024, 4, 1), True, id="2024 rules: day 1"),
        pytest.param(date(2024, 4, 1), CN_2024, date(2027, 3, 31), True, id="2024: last day"),
        pytest.param(date(2024, 4, 1), CN_2024, date(2027, 4, 1), False, id="2024: expired 3y"),
        pytest.param(date(2023, 4, 1), CN_2022, date(2025, 3, 31), True, id="2022: last day"),
        pytest.param(date(2023, 4, 1), CN_2022, date(2025, 4, 1), False, id="2022: expired 2y"),
        pytest.param(date(2023, 4, 1), CN_2024, date(2025, 4, 1), True, id="same dates, 3y"),
        pytest.param(date(2024, 4, 1), CN_2024, date(2024, 3, 31), False, id="before approval"),
    ],
)
def test_assessment_valid(approved_on, version, on, valid) -> None:
    assert assessment_valid(approved_on, version, on) is valid


@pytest.mark.parametrize(
    ("approved_on", "version", "expires_on"),
    [
        (date(2024, 4, 1), CN_2024, date(2027, 4, 1)),
        (date(2023, 4, 1), CN_2022, date(2025, 4, 1)),
        (date(2024, 2, 29), CN_2022, date(2026, 3, 1)),
        (date(2024, 2, 29), CN_2024, date(2027, 3, 1)),
    ],
)
def test_assessment_expires_on(approved_on, version, expires_on) -> None:
    assert assessment_expires_on(approved_on, version) == expires_on


@pytest.mark.parametrize("version", [EU_GDPR, "cn-2021-11-01", ""])
def test_unknown_rule_version_is_refused(version) -> None:
    with pytest.raises(UnknownRuleVersion) as raised:
        assessment_valid(date(2024, 4, 1), version, date(2024, 5, 1))

    assert raised.value.field == "rule_version"

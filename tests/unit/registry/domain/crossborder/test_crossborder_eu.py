"""GDPR Chapter V: EEA, adequacy on its dates, safeguards, derogations, refusal."""

from datetime import date
from typing import Any

import pytest

from registry.domain.crossborder.rules import EU_GDPR, Mechanism, assess

ADEQUACY = Mechanism.ADEQUACY
SAFEGUARDED = Mechanism.SCCS_OR_BCRS
DEROGATION = Mechanism.DEROGATION
REFUSED = Mechanism.NOT_PERMITTED
ON = date(2024, 6, 1)


def case(case_id: str, fields: dict[str, Any], mechanism: Mechanism, articles: tuple[str, ...]):
    return pytest.param(fields, mechanism, articles, id=case_id)


CASES = [
    case("Germany", {"destination": "DE"}, Mechanism.NONE, ("GDPR Art. 44",)),
    case("Norway (EEA, not EU)", {"destination": "NO"}, Mechanism.NONE, ("GDPR Art. 44",)),
    case("Switzerland", {"destination": "CH"}, ADEQUACY, ("GDPR Art. 45(9)",)),
    case("Canada", {"destination": "CA"}, ADEQUACY, ("GDPR Art. 45(9)",)),
    case("Israel", {"destination": "IL"}, ADEQUACY, ("GDPR Art. 45(9)",)),
    case("Japan", {"destination": "JP"}, ADEQUACY, ("GDPR Art. 45(3)",)),
    case("Korea", {"destination": "KR"}, ADEQUACY, ("GDPR Art. 45(3)",)),
    case(
        "US, certified recipient",
        {"destination": "US", "recipient_certified": True},
        ADEQUACY,
        ("GDPR Art. 45(3)",),
    ),
    case(
        "US, uncertified, nothing else",
        {"destination": "US"},
        REFUSED,
        ("GDPR Art. 45(3)", "GDPR Art. 44"),
    ),
    case(
        "US, uncertified, SCCs",
        {"destination": "US", "safeguard": "sccs"},
        SAFEGUARDED,
        ("GDPR Art. 45(3)", "GDPR Art. 46(2)(c)"),
    ),
    case(
        "US before the Data Privacy Framework",
        {"destination": "US", "recipient_certified": True, "date": date(2023, 7, 9)},
        REFUSED,
        ("GDPR Art. 45(3)", "GDPR Art. 44"),
    ),
    case(
        "Japan the day before its decision",
        {"destination": "JP", "date": date(2019, 1, 22)},
        REFUSED,
        ("GDPR Art. 45(3)", "GDPR Art. 44"),
    ),
    case(
        "Japan on the day of its decision",
        {"destination": "JP", "date": date(2019, 1, 23)},
        ADEQUACY,
        ("GDPR Art. 45(3)",),
    ),
    case(
        "UK during the transition",
        {"destination": "GB", "date": date(2020, 6, 1)},
        Mechanism.NONE,
        ("GDPR Art. 44",),
    ),
    case(
        "UK on the day of its decision",
        {"destination": "GB", "date": date(2021, 6, 28)},
        ADEQUACY,
        ("GDPR Art. 45(3)",),
    ),
    case(
        "UK on the last day recorded",
        {"destination": "GB", "date": date(2025, 12, 26)},
        ADEQUACY,
        ("GDPR Art. 45(3)",),
    ),
    case(
        "UK after the recorded end, SCCs",
        {"destination": "GB", "date": date(2025, 12, 27), "safeguard": "sccs"},
        SAFEGUARDED,
        ("GDPR Art. 45(3)", "GDPR Art. 46(2)(c)"),
    ),
    case("China, BCRs", {"destination": "CN", "safeguard": "bcrs"}, SAFEGUARDED, ("GDPR Art. 47",)),
    case(
        "safeguard preferred to derogation",
        {"destination": "IN", "safeguard": "sccs", "derogation": "explicit_consent"},
        SAFEGUARDED,
        ("GDPR Art. 46(2)(c)",),
    ),
    case(
        "adequacy preferred to safeguard",
        {"destination": "NZ", "safeguard": "sccs"},
        ADEQUACY,
        ("GDPR Art. 45(9)",),
    ),
    case(
        "explicit consent",
        {"destination": "IN", "derogation": "explicit_consent"},
        DEROGATION,
        ("GDPR Art. 49(1)(a)",),
    ),
    case(
        "contract",
        {"destination": "IN", "derogation": "contract"},
        DEROGATION,
        ("GDPR Art. 49(1)(b)",),
    ),
    case(
        "public interest",
        {"destination": "IN", "derogation": "public_interest"},
        DEROGATION,
        ("GDPR Art. 49(1)(d)",),
    ),
    case(
        "legal claims",
        {"destination": "IN", "derogation": "legal_claims"},
        DEROGATION,
        ("GDPR Art. 49(1)(e)",),
    ),
    case(
        "vital interests",
        {"destination": "IN", "derogation": "vital_interests"},
        DEROGATION,
        ("GDPR Art. 49(1)(f)",),
    ),
    case("nothing in place", {"destination": "IN"}, REFUSED, ("GDPR Art. 44",)),
    case(
        "CN-only fields are ignored",
        {"destination": "IN", "ciio": True, "important_data": True, "scenario": "hr"},
        REFUSED,
        ("GDPR Art. 44",),
    ),
]


@pytest.mark.parametrize(("fields", "mechanism", "articles"), CASES)
def test_mechanism_and_cited_articles(make_request, fields, mechanism, articles) -> None:
    assessment = assess(make_request(**{"origin": "EU", "date": ON, **fields}))

    assert assessment.mechanism is mechanism
    assert assessment.cited_articles == articles
    assert assessment.rule_version == EU_GDPR
    assert assessment.exempt_reason is None
    assert assessment.counting_period_start is None


def test_adequacy_reason_names_the_decision_and_scope(make_request) -> None:
    reason = assess(make_request(origin="EU", destination="CA", date=ON)).reasons[0]

    assert "Decision 2002/2/EC" in reason.text
    assert "PIPEDA" in reason.text


@pytest.mark.parametrize(
    ("fields", "duties"),
    [
        pytest.param({"destination": "FR"}, (), id="within the EEA"),
        pytest.param(
            {"destination": "JP"}, ("GDPR Art. 13(1)(f)", "GDPR Art. 30(1)(e)"), id="adequacy"
        ),
        pytest.param(
            {"destination": "IN", "derogation": "explicit_consent"},
            ("GDPR Art. 13(1)(f)", "GDPR Art. 30(1)(e)", "GDPR Art. 49(1)(a)"),
            id="explicit consent",
        ),
        pytest.param(
            {"destination": "IN", "safeguard": "sccs", "derogation": "explicit_consent"},
            ("GDPR Art. 13(1)(f)", "GDPR Art. 30(1)(e)"),
            id="consent not relied on",
        ),
    ],
)
def test_duties(make_request, fields, duties) -> None:
    assessment = assess(make_request(**{"origin": "EU", "date": ON, **fields}))

    assert assessment.duty_articles == duties

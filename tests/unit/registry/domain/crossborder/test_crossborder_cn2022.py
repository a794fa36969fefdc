"""The 2022 Security Assessment Measures, for decisions dated before 2024-03-22."""

from datetime import date
from typing import Any

import pytest

from registry.domain.crossborder.rules import CN_2022, ExemptReason, Mechanism, assess
from registry.errors import MissingTransferInput

M = "CAC Security Assessment Measures"
SCM = "CAC Standard Contract Measures"
SCC = Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION
SA = Mechanism.SECURITY_ASSESSMENT
CONTRACT_ROUTE = (f"{SCM} Art. 4", "PIPL Art. 38")
ON = date(2023, 9, 1)


def case(case_id: str, fields: dict[str, Any], mechanism: Mechanism, articles: tuple[str, ...]):
    return pytest.param(
        {"individuals_processed": 50_000, **fields}, mechanism, articles, id=case_id
    )


CASES = [
    case(
        "99,999 individuals",
        {"already_sent_non_sensitive": 99_000, "individuals": 999},
        SCC,
        CONTRACT_ROUTE,
    ),
    case(
        "100,000 individuals",
        {"already_sent_non_sensitive": 99_000, "individuals": 1_000},
        SA,
        (f"{M} Art. 4(3)",),
    ),
    case(
        "100,000 counting sensitive and non-sensitive together",
        {
            "already_sent_non_sensitive": 95_000,
            "already_sent_sensitive": 4_000,
            "individuals": 1_000,
        },
        SA,
        (f"{M} Art. 4(3)",),
    ),
    case(
        "9,999 sensitive",
        {"sensitive": True, "already_sent_sensitive": 9_000, "individuals": 999},
        SCC,
        CONTRACT_ROUTE,
    ),
    case(
        "10,000 sensitive",
        {"sensitive": True, "already_sent_sensitive": 9_000, "individuals": 1_000},
        SA,
        (f"{M} Art. 4(3)",),
    ),
    case(
        "handles PI of 999,999 people",
        {"individuals_processed": 999_999, "individuals": 10},
        SCC,
        CONTRACT_ROUTE,
    ),
    case(
        "handles PI of 1,000,000 people",
        {"individuals_processed": 1_000_000, "individuals": 10},
        SA,
        (f"{M} Art. 4(2)",),
    ),
    case("CIIO", {"ciio": True, "individuals": 1}, SA, (f"{M} Art. 4(2)", "PIPL Art. 40")),
    case("important data", {"important_data": True}, SA, (f"{M} Art. 4(1)",)),
    case(
        "no contract exemption yet",
        {"scenario": "contract", "individuals": 10},
        SCC,
        (f"{M} Art. 4", *CONTRACT_ROUTE),
    ),
    case(
        "no hr exemption yet, over 100,000",
        {"scenario": "hr", "individuals": 100_000},
        SA,
        (f"{M} Art. 4", f"{M} Art. 4(3)"),
    ),
    case(
        "no free trade zone exemption yet",
        {"scenario": "ftz_negative_list_exempt", "individuals": 10},
        SCC,
        (f"{M} Art. 4", *CONTRACT_ROUTE),
    ),
]


@pytest.mark.parametrize(("fields", "mechanism", "articles"), CASES)
def test_mechanism_and_cited_articles(make_request, fields, mechanism, articles) -> None:
    assessment = assess(make_request(date=ON, **fields))

    assert assessment.mechanism is mechanism
    assert assessment.exempt_reason is None
    assert assessment.cited_articles == articles
    assert assessment.rule_version == CN_2022


def test_nothing_personal_and_nothing_important_needs_nothing(make_request) -> None:
    assessment = assess(make_request(date=ON, scenario="no_personal_information"))

    assert assessment.mechanism is Mechanism.NONE
    assert assessment.exempt_reason is ExemptReason.NO_PERSONAL_INFORMATION
    assert assessment.cited_articles == (f"{M} Art. 2",)
    assert assessment.duties == ()


@pytest.mark.parametrize(
    ("on", "articles", "route_text"),
    [
        pytest.param(
            date(2023, 5, 31), (f"{M} Art. 4", "PIPL Art. 38"), "certification", id="2023-05-31"
        ),
        pytest.param(date(2023, 6, 1), CONTRACT_ROUTE, "standard contract", id="2023-06-01"),
    ],
)
def test_standard_contract_route_opens_on_2023_06_01(make_request, on, articles, route_text):
    assessment = assess(make_request(date=on, individuals=10, individuals_processed=10))

    assert assessment.mechanism is SCC
    assert assessment.cited_articles == articles
    assert route_text in assessment.reasons[-1].text


def test_below_the_volume_grounds_the_processed_count_is_required(make_request) -> None:
    with pytest.raises(MissingTransferInput) as raised:
        assess(make_request(date=ON, individuals=10))

    assert raised.value.field == "individuals_processed"


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"individuals": 100_000}, id="volume"),
        pytest.param({"ciio": True}, id="CIIO"),
        pytest.param({"important_data": True}, id="important data"),
    ],
)
def test_processed_count_is_not_needed_once_an_assessment_is_due(make_request, fields) -> None:
    assert assess(make_request(date=ON, **fields)).mechanism is SA

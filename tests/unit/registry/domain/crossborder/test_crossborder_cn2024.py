"""The 2024 CAC Provisions at every threshold, with each exemption and what blocks it."""

from typing import Any

import pytest

from registry.domain.crossborder.rules import CN_2024, ExemptReason, Mechanism, assess

P = "CAC Cross-Border Provisions"
NONE = Mechanism.NONE
SCC = Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION
SA = Mechanism.SECURITY_ASSESSMENT
IMPORTANT = (f"{P} Art. 7(2)", "DSL Art. 31")


def case(
    case_id: str,
    fields: dict[str, Any],
    mechanism: Mechanism,
    exempt: ExemptReason | None,
    articles: tuple[str, ...],
) -> Any:
    return pytest.param(fields, mechanism, exempt, articles, id=case_id)


VOLUME_CASES = [
    case("nothing sent", {}, NONE, ExemptReason.BELOW_THRESHOLD, (f"{P} Art. 5(4)",)),
    case(
        "99,999 non-sensitive",
        {"already_sent_non_sensitive": 99_000, "individuals": 999},
        NONE,
        ExemptReason.BELOW_THRESHOLD,
        (f"{P} Art. 5(4)",),
    ),
    case(
        "100,000 non-sensitive",
        {"already_sent_non_sensitive": 99_000, "individuals": 1_000},
        SCC,
        None,
        (f"{P} Art. 8", "PIPL Art. 38"),
    ),
    case(
        "999,999 non-sensitive",
        {"already_sent_non_sensitive": 999_998, "individuals": 1},
        SCC,
        None,
        (f"{P} Art. 8", "PIPL Art. 38"),
    ),
    case(
        "1,000,000 non-sensitive",
        {"already_sent_non_sensitive": 999_999, "individuals": 1},
        SA,
        None,
        (f"{P} Art. 7(2)",),
    ),
    case(
        "1,000,000 in this transfer alone",
        {"individuals": 1_000_000},
        SA,
        None,
        (f"{P} Art. 7(2)",),
    ),
    case(
        "1 sensitive",
        {"sensitive": True, "individuals": 1},
        SCC,
        None,
        (f"{P} Art. 8", "PIPL Art. 38"),
    ),
    case(
        "9,999 sensitive",
        {"sensitive": True, "already_sent_sensitive": 9_990, "individuals": 9},
        SCC,
        None,
        (f"{P} Art. 8", "PIPL Art. 38"),
    ),
    case(
        "10,000 sensitive",
        {"sensitive": True, "already_sent_sensitive": 9_990, "individuals": 10},
        SA,
        None,
        (f"{P} Art. 7(2)",),
    ),
    case(
        "sensitive sent earlier this year",
        {"already_sent_sensitive": 5, "individuals": 20},
        SCC,
        None,
        (f"{P} Art. 8", "PIPL Art. 38"),
    ),
    case(
        "CIIO, one individual",
        {"ciio": True, "individuals": 1},
        SA,
        None,
        (f"{P} Art. 7(1)", "PIPL Art. 40"),
    ),
    case(
        "important data, non-CIIO",
        {"important_data": True},
        SA,
        None,
        IMPORTANT,
    ),
    case(
        "important data, CIIO",
        {"important_data": True, "ciio": True, "individuals": 10},
        SA,
        None,
        (f"{P} Art. 7(1)", "DSL Art. 31"),
    ),
]

EXEMPTION_CASES = [
    case(
        "contract, sensitive, over every threshold",
        {"scenario": "contract", "sensitive": True, "individuals": 2_000_000},
        NONE,
        ExemptReason.CONTRACT,
        (f"{P} Art. 5(1)",),
    ),
    case(
        "hr for a CIIO",
        {"scenario": "hr", "ciio": True, "individuals": 5_000},
        NONE,
        ExemptReason.HR,
        (f"{P} Art. 5(2)", f"{P} Art. 7"),
    ),
    case(
        "emergency, sensitive",
        {"scenario": "emergency", "sensitive": True, "individuals": 3},
        NONE,
        ExemptReason.EMERGENCY,
        (f"{P} Art. 5(3)",),
    ),
    case(
        "free trade zone, 2,000,000 individuals",
        {"scenario": "ftz_negative_list_exempt", "individuals": 2_000_000},
        NONE,
        ExemptReason.FTZ_NEGATIVE_LIST,
        (f"{P} Art. 6",),
    ),
    case(
        "no personal information, CIIO",
        {"scenario": "no_personal_information", "ciio": True},
        NONE,
        ExemptReason.NO_PERSONAL_INFORMATION,
        (f"{P} Art. 3", f"{P} Art. 7"),
    ),
    case(
        "collected abroad and sent back",
        {"scenario": "collected_abroad", "individuals": 3_000_000},
        NONE,
        ExemptReason.COLLECTED_ABROAD,
        (f"{P} Art. 4",),
    ),
]

BLOCKED_EXEMPTION_CASES = [
    case(
        "no personal information, yet individuals",
        {"scenario": "no_personal_information", "individuals": 150_000},
        SCC,
        None,
        (f"{P} Art. 3", f"{P} Art. 8", "PIPL Art. 38"),
    ),
    case(
        "no personal information, yet important data",
        {"scenario": "no_personal_information", "important_data": True},
        SA,
        None,
        (f"{P} Art. 3", *IMPORTANT),
    ),
    case(
        "contract with important data",
        {"scenario": "contract", "important_data": True, "individuals": 10},
        SA,
        None,
        (f"{P} Art. 5", *IMPORTANT),
    ),
    case(
        "hr with important data",
        {"scenario": "hr", "important_data": True},
        SA,
        None,
        (f"{P} Art. 5", *IMPORTANT),
    ),
    case(
        "emergency with important data",
        {"scenario": "emergency", "important_data": True},
        SA,
        None,
        (f"{P} Art. 5", *IMPORTANT),
    ),
    case(
        "collected abroad with important data",
        {"scenario": "collected_abroad", "important_data": True},
        SA,
        None,
        (f"{P} Art. 4", *IMPORTANT),
    ),
]


@pytest.mark.parametrize(
    ("fields", "mechanism", "exempt", "articles"),
    VOLUME_CASES + EXEMPTION_CASES + BLOCKED_EXEMPTION_CASES,
)
def test_mechanism_and_cited_articles(make_request, fields, mechanism, exempt, articles) -> None:
    assessment = assess(make_request(**fields))

    assert assessment.mechanism is mechanism
    assert assessment.exempt_reason is exempt
    assert assessment.cited_articles == articles
    assert assessment.rule_version == CN_2024


@pytest.mark.parametrize(
    ("fields", "counted", "non_sensitive", "sensitive"),
    [
        pytest.param(
            {"already_sent_non_sensitive": 70, "already_sent_sensitive": 4, "individuals": 30},
            True,
            100,
            4,
            id="non-sensitive transfer adds to non-sensitive",
        ),
        pytest.param(
            {"sensitive": True, "already_sent_sensitive": 4, "individuals": 30},
            True,
            0,
            34,
            id="sensitive transfer adds to sensitive",
        ),
        pytest.param(
            {"scenario": "contract", "already_sent_non_sensitive": 70, "individuals": 30},
            False,
            70,
            0,
            id="contract exemption stays out of the count",
        ),
        pytest.param(
            {"scenario": "hr", "sensitive": True, "individuals": 30},
            False,
            0,
            0,
            id="hr exemption stays out of the count",
        ),
        pytest.param(
            {"scenario": "ftz_negative_list_exempt", "individuals": 30},
            True,
            30,
            0,
            id="free trade zone transfer is counted",
        ),
    ],
)
def test_counting_of_this_transfer(make_request, fields, counted, non_sensitive, sensitive) -> None:
    assessment = assess(make_request(**fields))

    assert assessment.counts_toward_volume is counted
    assert (assessment.counted_non_sensitive, assessment.counted_sensitive) == (
        non_sensitive,
        sensitive,
    )


def test_exempt_contract_transfer_does_not_push_the_count_over_100000(make_request) -> None:
    assessment = assess(
        make_request(scenario="contract", already_sent_non_sensitive=99_999, individuals=50_000)
    )

    assert assessment.exempt_reason is ExemptReason.CONTRACT
    assert assessment.counted_non_sensitive == 99_999


def test_reasons_state_the_counts_and_period(make_request) -> None:
    assessment = assess(make_request(already_sent_non_sensitive=99_000, individuals=1_000))

    assert "100,000 non-sensitive" in assessment.reasons[0].text
    assert "since 2024-01-01" in assessment.reasons[0].text


def test_destination_in_mainland_china_is_not_a_transfer(make_request) -> None:
    assessment = assess(make_request(destination="CN", ciio=True, individuals=5_000_000))

    assert assessment.mechanism is NONE
    assert assessment.cited_articles == ("PIPL Art. 38",)
    assert assessment.duties == ()


def test_hong_kong_is_abroad(make_request) -> None:
    assessment = assess(make_request(destination="HK", ciio=True, individuals=1))

    assert assessment.mechanism is SA

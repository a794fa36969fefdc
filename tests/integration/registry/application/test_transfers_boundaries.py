"""The thresholds reached through the registry: real flows give the counts already sent, the
query adds `individuals`, and the engine decides. On every store.

Already sent by `acme`: 3 people in 2023, 3 more on 2024-05-02 (non-sensitive), and 3
people's sensitive information on 2024-07-02. A single sensitive person already puts a
transfer in the standard-contract band, so the non-sensitive boundaries are assessed in
June and the sensitive ones in August.
"""

from datetime import date
from typing import Any

import pytest
from transfers_scenarios import approved_flow, include, subjects

from registry.application import Registry
from registry.application.transfers import TransferQuery

P = "CAC Cross-Border Provisions"
M = "CAC Security Assessment Measures"
JUNE = date(2024, 6, 1)
AUGUST = date(2024, 8, 1)
ALREADY = 3


@pytest.fixture()
def sent(registry: Registry) -> Registry:
    people = subjects(registry, 9)
    approved_flow(registry, "old", date(2023, 9, 1), individuals_processed=1000)
    include(registry, "old", people[:3], date(2023, 9, 2))
    approved_flow(registry, "contact", date(2024, 5, 1))
    approved_flow(registry, "health", date(2024, 5, 1), sensitive=True, individuals=3)
    include(registry, "contact", people[3:6], date(2024, 5, 2))
    include(registry, "health", people[6:], date(2024, 7, 2))
    return registry


def query(**fields: Any) -> TransferQuery:
    values: dict[str, Any] = {
        "controller_ref": "acme",
        "destination": "SG",
        "recipient": "Acme Support Pte Ltd",
        "purposes": ["health-data"],
    }
    return TransferQuery(**(values | fields))


CASES = [
    # (id, query fields, date, mechanism, exempt reason, cited articles)
    (
        "99,999 non-sensitive",
        {"individuals": 99_999 - ALREADY},
        JUNE,
        "none",
        "below_threshold",
        [f"{P} Art. 5(4)"],
    ),
    (
        "100,000 non-sensitive",
        {"individuals": 100_000 - ALREADY},
        JUNE,
        "standard_contract_or_certification",
        None,
        [f"{P} Art. 8", "PIPL Art. 38"],
    ),
    (
        "999,999 non-sensitive",
        {"individuals": 999_999 - ALREADY},
        JUNE,
        "standard_contract_or_certification",
        None,
        [f"{P} Art. 8", "PIPL Art. 38"],
    ),
    (
        "1,000,000 non-sensitive",
        {"individuals": 1_000_000 - ALREADY},
        JUNE,
        "security_assessment",
        None,
        [f"{P} Art. 7(2)"],
    ),
    (
        "9,999 sensitive",
        {"individuals": 9_999 - ALREADY, "sensitive": True},
        AUGUST,
        "standard_contract_or_certification",
        None,
        [f"{P} Art. 8", "PIPL Art. 38"],
    ),
    (
        "10,000 sensitive",
        {"individuals": 10_000 - ALREADY, "sensitive": True},
        AUGUST,
        "security_assessment",
        None,
        [f"{P} Art. 7(2)"],
    ),
    (
        "important data",
        {"individuals": 10, "important_data": True},
        JUNE,
        "security_assessment",
        None,
        [f"{P} Art. 7(2)", "DSL Art. 31"],
    ),
    (
        "contract",
        {"individuals": 2_000_000, "scenario": "contract"},
        JUNE,
        "none",
        "contract",
        [f"{P} Art. 5(1)"],
    ),
    ("hr", {"individuals": 2_000_000, "scenario": "hr"}, JUNE, "none", "hr", [f"{P} Art. 5(2)"]),
    (
        "emergency",
        {"individuals": 20_000, "sensitive": True, "scenario": "emergency"},
        JUNE,
        "none",
        "emergency",
        [f"{P} Art. 5(3)"],
    ),
    (
        "free trade zone",
        {"individuals": 2_000_000, "scenario": "ftz_negative_list_exempt"},
        JUNE,
        "none",
        "ftz_negative_list",
        [f"{P} Art. 6"],
    ),
    (
        "no personal information",
        {"scenario": "no_personal_information"},
        JUNE,
        "none",
        "no_personal_information",
        [f"{P} Art. 3"],
    ),
    # The day before the 2024 Provisions: counted since 2023-01-01, the 2023 people count.
    (
        "2024-03-21",
        {"individuals": 100_000 - ALREADY, "individuals_processed": 200_000},
        date(2024, 3, 21),
        "security_assessment",
        None,
        [f"{M} Art. 4(3)"],
    ),
    # Their first day: counted since 2024-01-01, and the 2024 people came only from May.
    (
        "2024-03-22",
        {"individuals": 100_000 - ALREADY},
        date(2024, 3, 22),
        "none",
        "below_threshold",
        [f"{P} Art. 5(4)"],
    ),
]


@pytest.mark.parametrize(
    ("fields", "on", "mechanism", "exempt", "articles"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_counts_from_flows_meet_the_thresholds(
    sent: Registry,
    fields: dict[str, Any],
    on: date,
    mechanism: str,
    exempt: str | None,
    articles: list[str],
) -> None:
    result = sent.transfers.assess_transfer(query(**fields), on)
    assert result.mechanism.value == mechanism
    assert result.exempt_reason == exempt
    assert list(result.cited_articles) == articles


def test_the_counts_include_the_flows_and_the_new_individuals(sent: Registry) -> None:
    result = sent.transfers.assess_transfer(query(individuals=100), AUGUST)
    assert (result.counted_non_sensitive, result.counted_sensitive) == (ALREADY + 100, ALREADY)
    before = sent.transfers.assess_transfer(query(individuals=100), date(2024, 5, 1))
    assert (before.counted_non_sensitive, before.counted_sensitive) == (100, 0)


def test_a_ciio_controller_always_needs_the_assessment(registry: Registry) -> None:
    registry.controllers.register_controller(
        "grid", name="Grid Operator", contact="dpo@grid.example", jurisdiction="CN", ciio=True
    )
    result = registry.transfers.assess_transfer(query(controller_ref="grid", individuals=1), JUNE)
    assert result.mechanism.value == "security_assessment"
    assert list(result.cited_articles) == [f"{P} Art. 7(1)", "PIPL Art. 40"]


def test_a_flow_is_assessed_with_the_counts_it_adds(sent: Registry) -> None:
    approved_flow(sent, "big", JUNE, individuals=100_000 - ALREADY)
    flow = sent.flows.data_flow("big")
    assert flow.assessment is not None
    assert flow.assessment.mechanism.value == "standard_contract_or_certification"
    assert flow.assessment.counted_non_sensitive == 100_000
    assert flow.mechanism is not None and flow.mechanism.kind.value == "standard_contract"

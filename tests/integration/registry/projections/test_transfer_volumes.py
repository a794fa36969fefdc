"""Yearly volumes: distinct individuals per controller, counted from real flows, on every store."""

from datetime import date

import pytest
from registry_scenarios import OpenRegistry
from transfers_scenarios import approved_flow, include, subjects

from registry.application import Registry
from registry.domain.crossborder.rules import Scenario


def counts(registry: Registry, year: int, as_of: date | None = None) -> tuple[int, int]:
    volumes = registry.transfers.yearly_volumes("acme", year, as_of)
    return volumes.counts.non_sensitive, volumes.counts.sensitive


def test_the_same_person_in_two_flows_counts_once(registry: Registry) -> None:
    people = subjects(registry, 5)
    approved_flow(registry, "sg-support", date(2024, 5, 2))
    approved_flow(registry, "de-support", date(2024, 5, 2), destination="DE")
    include(registry, "sg-support", people[:3], date(2024, 5, 3))
    include(registry, "de-support", people[1:5], date(2024, 6, 3))

    assert counts(registry, 2024) == (5, 0)
    assert counts(registry, 2024, date(2024, 5, 31)) == (3, 0)
    # the first day a person was sent is the day they count from
    assert counts(registry, 2024, date(2024, 6, 3)) == (5, 0)


def test_a_new_year_starts_from_zero(registry: Registry) -> None:
    people = subjects(registry, 4)
    approved_flow(registry, "sg-support", date(2024, 11, 1))
    include(registry, "sg-support", people[:3], date(2024, 12, 31))
    # person 2 goes again in the new year: in the flow since 2024, counted again in 2025
    include(registry, "sg-support", people[2:], date(2025, 1, 1))

    assert counts(registry, 2024) == (3, 0)
    assert counts(registry, 2025, date(2025, 1, 1)) == (2, 0)
    assert counts(registry, 2025) == (2, 0)
    # the assessment on 1 January counts from that day only (2024 Provisions)
    assert registry.transfers.volumes_for_decision("acme", date(2025, 1, 1)).total == 2


def test_flows_exempt_under_article_5_do_not_count(registry: Registry) -> None:
    people = subjects(registry, 6)
    on = date(2024, 7, 1)
    for ref, scenario in [
        ("orders", Scenario.CONTRACT),
        ("staff", Scenario.HR),
        ("rescue", Scenario.EMERGENCY),
    ]:
        approved_flow(registry, ref, on, scenario=scenario)
        assert registry.flows.data_flow(ref).assessment.counts_toward_volume is False  # type: ignore[union-attr]
        include(registry, ref, people, on)
    assert counts(registry, 2024) == (0, 0)

    # a flow exempt only for its small size still counts (Art. 5(4) looks at the total)
    approved_flow(registry, "small", on)
    include(registry, "small", people[:2], on)
    assert counts(registry, 2024) == (2, 0)


def test_sensitive_and_non_sensitive_are_counted_apart(registry: Registry) -> None:
    people = subjects(registry, 5)
    approved_flow(registry, "contact", date(2024, 4, 1))
    approved_flow(registry, "health", date(2024, 4, 1), sensitive=True)
    include(registry, "contact", people[:4], date(2024, 4, 2))
    include(registry, "health", people[3:], date(2024, 4, 10))

    assert counts(registry, 2024, date(2024, 4, 9)) == (4, 0)
    # person 3 was first sent as non-sensitive, then as sensitive: from then on sensitive only
    assert counts(registry, 2024) == (3, 2)


def test_an_earlier_inclusion_moves_the_day_a_person_counts_from(
    registry: Registry,
) -> None:
    people = subjects(registry, 2)
    approved_flow(registry, "late", date(2024, 8, 1))
    approved_flow(registry, "early", date(2024, 4, 1), destination="JP")
    include(registry, "late", people, date(2024, 8, 2))
    assert counts(registry, 2024, date(2024, 5, 1)) == (0, 0)

    include(registry, "early", people[:1], date(2024, 4, 2))  # recorded later, dated earlier
    assert counts(registry, 2024, date(2024, 5, 1)) == (1, 0)
    assert counts(registry, 2024) == (2, 0)


def test_the_2022_measures_count_from_the_previous_year(registry: Registry) -> None:
    people = subjects(registry, 3)
    approved_flow(registry, "old", date(2023, 9, 1), individuals_processed=1000)
    include(registry, "old", people[:2], date(2023, 9, 2))
    approved_flow(registry, "new", date(2024, 2, 1), individuals_processed=1000)
    include(registry, "new", people[1:], date(2024, 2, 2))

    # before 2024-03-22 the period starts on 1 January of the previous year
    assert registry.transfers.volumes_for_decision("acme", date(2024, 3, 21)).total == 3
    # from 2024-03-22 it is the calendar year
    assert registry.transfers.volumes_for_decision("acme", date(2024, 3, 22)).total == 2
    assert counts(registry, 2023) == (2, 0)


def test_a_bulk_inclusion_goes_in_chunks_and_rebuilds_the_same(
    registry: Registry,
) -> None:
    people = subjects(registry, 12_000)
    approved_flow(registry, "bulk", date(2024, 9, 1))
    result = registry.flows.include_in_flow("bulk", people, on=date(2024, 9, 2))
    assert (result.added, result.already) == (12_000, 0)
    # three events of at most 5,000 subjects each, after proposed, assessed, approved
    assert registry.flows.data_flow("bulk").version == 3 + 3
    assert registry.flows.data_flow("bulk").included == 12_000

    again = registry.flows.include_in_flow("bulk", people[:10], on=date(2024, 9, 3))
    assert (again.position, again.added, again.already) == (None, 0, 10)
    assert counts(registry, 2024) == (12_000, 0)

    before = registry.app.transfer_volumes.view.dump()
    assert registry.app.transfer_volumes.rebuild() == 4  # the proposal and three inclusions
    assert registry.app.transfer_volumes.view.dump() == before


def test_volumes_survive_a_restart(registry: Registry, open_registry: OpenRegistry) -> None:
    if registry.app.env.get("PERSISTENCE_MODULE") == "eventsourcing.popo":
        pytest.skip("an in-memory store does not outlive its registry")
    people = subjects(registry, 3)
    approved_flow(registry, "sg", date(2024, 9, 1))
    include(registry, "sg", people, date(2024, 9, 2))
    position = registry.app.transfer_volumes.view.position()
    registry.app.transfer_volumes.view.clear()  # as if the projection had never run

    restarted = open_registry()
    assert restarted.app.transfer_volumes.view.position() == position
    assert counts(restarted, 2024) == (3, 0)

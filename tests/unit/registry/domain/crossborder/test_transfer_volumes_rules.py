"""Counting scopes and the per-day ledger, as pure functions."""

from collections import Counter
from datetime import date

import pytest

from registry.domain.crossborder.volumes import (
    SENSITIVE,
    TOTAL,
    DayKey,
    Member,
    MemberKey,
    fold_many,
    scope_for_decision,
    scope_range,
    scopes_of,
)
from registry.errors import DateNotCovered


@pytest.mark.parametrize(
    ("included_on", "scopes"),
    [
        (date(2021, 6, 1), ("Y2021", "W2022")),
        (date(2022, 6, 1), ("Y2022", "W2022", "W2023")),
        (date(2023, 6, 1), ("Y2023", "W2023", "W2024")),
        (date(2024, 6, 1), ("Y2024", "W2024")),
        (date(2025, 1, 1), ("Y2025",)),
    ],
)
def test_an_inclusion_counts_in_its_year_and_the_windows_of_the_2022_measures(
    included_on: date, scopes: tuple[str, ...]
) -> None:
    assert scopes_of(included_on) == scopes


@pytest.mark.parametrize(
    ("decided_on", "scope", "first_day"),
    [
        (date(2022, 9, 1), "W2022", date(2021, 1, 1)),
        (date(2024, 3, 21), "W2024", date(2023, 1, 1)),
        (date(2024, 3, 22), "Y2024", date(2024, 1, 1)),
        (date(2026, 7, 1), "Y2026", date(2026, 1, 1)),
    ],
)
def test_a_decision_reads_the_scope_of_its_counting_period(
    decided_on: date, scope: str, first_day: date
) -> None:
    assert scope_for_decision(decided_on) == scope
    assert scope_range(scope)[0] == first_day
    assert scope in scopes_of(first_day)


def test_no_scope_before_the_2022_measures() -> None:
    with pytest.raises(DateNotCovered):
        scope_for_decision(date(2022, 8, 31))


def test_the_ledger_moves_a_person_to_their_earliest_day() -> None:
    members: dict[MemberKey, Member] = {}
    deltas: Counter[DayKey] = Counter()
    key = ("c", "Y2024")
    fold_many(members, key, date(2024, 5, 1), False, ["a", "b"], deltas)
    fold_many(members, key, date(2024, 6, 1), True, ["b", "c"], deltas)
    fold_many(members, key, date(2024, 4, 1), False, ["b"], deltas)

    assert members[("c", "Y2024", "b")] == Member(date(2024, 4, 1), date(2024, 6, 1))
    by_day = {(day, kind): n for (_, _, day, kind), n in deltas.items() if n}
    assert by_day == {
        (date(2024, 4, 1), TOTAL): 1,  # b, moved from 1 May
        (date(2024, 5, 1), TOTAL): 1,  # a
        (date(2024, 6, 1), TOTAL): 1,  # c
        (date(2024, 6, 1), SENSITIVE): 2,  # b and c
    }

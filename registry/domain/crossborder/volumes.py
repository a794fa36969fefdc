"""Counting the distinct individuals a controller sent abroad, as of any date.

A counting scope is a stretch of time whose individuals are counted once each: the calendar
year (`Y2025`, the 2024 Provisions' period) and, for the years the 2022 Measures governed
decisions, the two years up to the end of a year (`W2023` = 2022-01-01 to 2023-12-31).
Within a scope each person is a *member*: the first day they were sent, and the first day
their sensitive personal information was sent. Per scope and day the ledger keeps how
many people were first sent (and first sent as sensitive) that day, so a count as of any
date is a sum over at most two years of days, however many people there are. A person
whose sensitive information was sent counts as sensitive only (the engine's sets are
disjoint).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from datetime import date

from registry.domain.crossborder.rules import counting_period_start
from registry.domain.crossborder.versions import CN_2022_IN_FORCE, CN_2024_IN_FORCE

WINDOW_YEARS = range(CN_2022_IN_FORCE.year, CN_2024_IN_FORCE.year + 1)
"""End years of the two-year windows some 2022-Measures decision counted over."""

TOTAL = "total"
SENSITIVE = "sensitive"


def calendar_scope(year: int) -> str:
    return f"Y{year}"


def scope_for_decision(on_date: date) -> str:
    """The scope whose counts a CN decision on `on_date` uses (see `counting_period_start`)."""
    start = counting_period_start(on_date)
    return calendar_scope(on_date.year) if start.year == on_date.year else f"W{on_date.year}"


def scopes_of(included_on: date) -> tuple[str, ...]:
    """Every scope an individual sent on `included_on` is counted in."""
    year = included_on.year
    windows = tuple(f"W{end}" for end in (year, year + 1) if end in WINDOW_YEARS)
    return (calendar_scope(year), *windows)


def scope_range(scope: str) -> tuple[date, date]:
    """The first and last day of a scope."""
    end = int(scope[1:])
    start = end if scope.startswith("Y") else end - 1
    return date(start, 1, 1), date(end, 12, 31)


@dataclass(frozen=True)
class VolumeCounts:
    """Distinct individuals in a scope as of a date; the two sets are disjoint."""

    non_sensitive: int
    sensitive: int

    @property
    def total(self) -> int:
        return self.non_sensitive + self.sensitive

    @classmethod
    def of(cls, total: int, sensitive: int) -> VolumeCounts:
        return cls(non_sensitive=total - sensitive, sensitive=sensitive)


@dataclass(frozen=True)
class Member:
    first_on: date
    sensitive_on: date | None


MemberKey = tuple[str, str, str]
"""(controller id hex, scope, subject id hex)."""
DayKey = tuple[str, str, date, str]
"""(controller id hex, scope, day, TOTAL or SENSITIVE)."""


def fold(
    members: MutableMapping[MemberKey, Member],
    key: MemberKey,
    day: date,
    sensitive: bool,
    deltas: Counter[DayKey],
) -> bool:
    """Apply one inclusion to `members` and the per-day `deltas`; True if the member changed.

    A person counts from their earliest inclusion, so an inclusion dated before the one
    already known moves them to the earlier day."""
    old = members.get(key)
    first = day if old is None or day < old.first_on else old.first_on
    old_sensitive = old.sensitive_on if old else None
    new_sensitive = old_sensitive
    if sensitive and (old_sensitive is None or day < old_sensitive):
        new_sensitive = day
    controller, scope, _ = key
    changed = False
    if old is None or first != old.first_on:
        _move(deltas, controller, scope, TOTAL, old.first_on if old else None, first)
        changed = True
    if new_sensitive != old_sensitive:
        assert new_sensitive is not None
        _move(deltas, controller, scope, SENSITIVE, old_sensitive, new_sensitive)
        changed = True
    if changed:
        members[key] = Member(first, new_sensitive)
    return changed


def fold_many(
    members: MutableMapping[MemberKey, Member],
    scope_key: tuple[str, str],
    day: date,
    sensitive: bool,
    subjects: Iterable[str],
    deltas: Counter[DayKey],
) -> list[MemberKey]:
    """`fold` for every subject of one inclusion into (controller, scope); returns the keys
    of the members that changed. People not yet counted, the usual case, are added in one
    step per day."""
    controller, scope = scope_key
    fresh = Member(day, day if sensitive else None)
    changed: list[MemberKey] = []
    added = 0
    for subject in subjects:
        key = (controller, scope, subject)
        if key not in members:
            members[key] = fresh
            added += 1
            changed.append(key)
        elif fold(members, key, day, sensitive, deltas):
            changed.append(key)
    if added:
        deltas[(controller, scope, day, TOTAL)] += added
        if sensitive:
            deltas[(controller, scope, day, SENSITIVE)] += added
    return changed


def _move(
    deltas: Counter[DayKey], controller: str, scope: str, kind: str, old: date | None, new: date
) -> None:
    deltas[(controller, scope, new, kind)] += 1
    if old is not None:
        deltas[(controller, scope, old, kind)] -= 1

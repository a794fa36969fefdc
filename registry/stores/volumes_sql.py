"""The transfer read model as SQL tables beside the events (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from registry.domain.crossborder.volumes import (
    SENSITIVE,
    TOTAL,
    DayKey,
    Member,
    MemberKey,
    VolumeCounts,
    fold_many,
    scope_range,
    scopes_of,
)
from registry.projections.transfer_volumes import (
    PROJECTION_NAME,
    FlowListed,
    Inclusion,
    VolumeChange,
)
from registry.stores.tracked_sql import SqlTrackedView
from registry.stores.volumes_statements import VolumeStatements

Prepared = tuple[list[tuple[Any, ...]], list[Inclusion], list[tuple[Any, ...]]]
"""A batch's flow rows, inclusions and per-day count changes."""


class SqlTransferVolumes(SqlTrackedView[VolumeChange]):
    """The read model's rows and position, written in follower batches."""

    name = PROJECTION_NAME
    sql: VolumeStatements

    def prepare(self, items: Sequence[tuple[int, VolumeChange]]) -> Prepared:
        changes = [change for _, change in items]
        flows = [_flow_row(change) for change in changes if isinstance(change, FlowListed)]
        inclusions = [change for change in changes if isinstance(change, Inclusion)]
        return flows, inclusions, self._day_changes(inclusions)

    def write(self, c: Any, prepared: Prepared) -> None:
        flows, inclusions, days = prepared
        self.sql.insert_flow.run(c, flows)
        for i in inclusions:
            fixed = (i.flow_id.hex, i.included_on.isoformat(), i.sensitive, i.counted)
            self.sql.insert_included.run(c, fixed, i.subject_ids)
        self.sql.add_days.run(c, days)

    def statements(self) -> VolumeStatements:
        return VolumeStatements(self.dialect, self.position_sql)

    def _day_changes(self, inclusions: Sequence[Inclusion]) -> list[tuple[Any, ...]]:
        """How the counted inclusions change the per-day counts, given each person's first
        days so far (read from the inclusions already applied)."""
        counted = [inclusion for inclusion in inclusions if inclusion.counted]
        wanted: dict[tuple[str, str], set[str]] = defaultdict(set)
        for inclusion in counted:
            for scope in scopes_of(inclusion.included_on):
                wanted[(inclusion.controller_id.hex, scope)].update(inclusion.subject_ids)
        members: dict[MemberKey, Member] = {}
        if wanted:
            with self.transaction(False) as c:
                for (controller, scope), subjects in wanted.items():
                    members.update(self._members(c, controller, scope, sorted(subjects)))
        deltas: Counter[DayKey] = Counter()
        for inclusion in counted:
            for scope in scopes_of(inclusion.included_on):
                scope_key = (inclusion.controller_id.hex, scope)
                day, sensitive = inclusion.included_on, inclusion.sensitive
                fold_many(members, scope_key, day, sensitive, inclusion.subject_ids, deltas)
        return _day_rows(deltas)

    def _members(
        self, c: Any, controller: str, scope: str, subjects: Sequence[str]
    ) -> Iterable[tuple[MemberKey, Member]]:
        first, last = (day.isoformat() for day in scope_range(scope))
        params = (controller, first, last)
        rows = self.dialect.select_in(
            c, self.sql.members, params, subjects, tail=self.sql.members_tail
        )
        for row in rows:
            member = Member(date.fromisoformat(row["first_on"]), _day(row["sensitive_on"]))
            yield (controller, scope, row["subject_id"]), member

    def counts(self, controller_id: UUID, scope: str, on: date) -> tuple[VolumeCounts, bool]:
        with self.transaction(False) as c:
            c.execute(self.sql.counts, (controller_id.hex, scope, on.isoformat()))
            row = c.fetchone()
        return VolumeCounts.of(int(row["total"]), int(row["sensitive"])), bool(row["current"])

    def already_in(self, flow_id: UUID, subject_ids: Sequence[UUID], year: int) -> set[UUID]:
        hexes = [subject_id.hex for subject_id in subject_ids]
        params = (flow_id.hex, date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat())
        with self.transaction(False) as c:
            rows = self.dialect.select_in(c, self.sql.in_flow, params, hexes)
        return {UUID(hex=row["subject_id"]) for row in rows}

    def count_registered(self, subject_ids: Sequence[UUID]) -> int:
        hexes = [subject_id.hex for subject_id in subject_ids]
        cast = self.dialect.id_cast
        with self.transaction(False) as c:
            rows = self.dialect.select_in(c, self.sql.registered, (), hexes, cast)
        return sum(int(row["n"]) for row in rows)

    def flows_of(self, subject_id: UUID) -> list[tuple[UUID, date]]:
        with self.transaction(False) as c:
            c.execute(self.sql.flows_of, (subject_id.hex,))
            rows = c.fetchall()
        return [(UUID(hex=r["flow_id"]), date.fromisoformat(r["included_on"])) for r in rows]

    def flows(self, controller_id: UUID | None, destination: str | None) -> list[UUID]:
        q = self.dialect.placeholder
        filters = [("controller_id", controller_id and controller_id.hex)]
        filters.append(("destination", destination))
        used = [(column, value) for column, value in filters if value is not None]
        where = " AND ".join(f"{column} = {q}" for column, _ in used)
        statement = f"{self.sql.flows}{' WHERE ' + where if where else ''} ORDER BY flow_ref"
        with self.transaction(False) as c:
            c.execute(statement, tuple(value for _, value in used))
            return [UUID(hex=row["flow_id"]) for row in c.fetchall()]


def _flow_row(flow: FlowListed) -> tuple[Any, ...]:
    return (flow.flow_id.hex, flow.flow_ref, flow.controller_id.hex, flow.destination)


def _day_rows(deltas: Counter[DayKey]) -> list[tuple[Any, ...]]:
    days: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: {TOTAL: 0, SENSITIVE: 0})
    for (controller, scope, day, kind), delta in deltas.items():
        days[(controller, scope, day.isoformat())][kind] += delta
    rows = [(*key, sums[TOTAL], sums[SENSITIVE]) for key, sums in days.items()]
    return [row for row in rows if row[3] or row[4]]


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)

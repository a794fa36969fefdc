"""The SQL of the transfer read model, for SQLite and PostgreSQL alike.

Ids are stored as 32 hex digits and days as ISO text, so text order is date order. Many
subjects that share the other columns of their rows go to PostgreSQL as one comma-joined
string that the server splits (`string_to_array`): one parameter instead of an array of
100,000 values, which the driver would otherwise convert one by one. SQLite takes them as
`executemany` rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from registry.stores.dialect import Dialect

INCLUDED_COLUMNS = ("flow_id", "included_on", "sensitive", "counted", "subject_id")
FLOW_COLUMNS = ("flow_id", "flow_ref", "controller_id", "destination")
DAY_COLUMNS = ("controller_id", "scope", "day", "individuals", "sensitive")


class RowsInsert:
    """An INSERT of a few rows, one parameter set each."""

    def __init__(self, d: Dialect, table: str, columns: Sequence[str], tail: str) -> None:
        values = ", ".join([d.placeholder] * len(columns))
        self.statement = (
            f"INSERT INTO {d.table(table)} AS t ({', '.join(columns)}) VALUES ({values}) {tail}"
        )

    def run(self, c: Any, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            c.executemany(self.statement, rows)


class SubjectsInsert:
    """An INSERT of rows that differ only in their last column, the subject id."""

    def __init__(self, d: Dialect, table: str, columns: Sequence[str], tail: str) -> None:
        q, names = d.placeholder, ", ".join(columns)
        fixed = ", ".join([q] * (len(columns) - 1))
        head = f"INSERT INTO {d.table(table)} AS t ({names})"
        if d.arrays:
            split = f"unnest(string_to_array({q}, ',')) AS subject"
            self.statement = f"{head} SELECT {fixed}, subject FROM {split} {tail}"
        else:
            self.statement = f"{head} VALUES ({fixed}, {q}) {tail}"
        self.joined = d.arrays

    def run(self, c: Any, fixed: tuple[Any, ...], subjects: Sequence[str]) -> None:
        if not subjects:
            return
        if self.joined:
            c.execute(self.statement, (*fixed, ",".join(subjects)))
        else:
            c.executemany(self.statement, [(*fixed, subject) for subject in subjects])


class VolumeStatements:
    def __init__(self, d: Dialect, position: str) -> None:
        """`position`: the query of the view's position."""
        q = d.placeholder
        flows, included = d.table("transfer_flows"), d.table("transfer_flow_subjects")
        days = d.table("transfer_volume_days")
        self.tables = [
            f"CREATE TABLE IF NOT EXISTS {flows} (flow_id TEXT PRIMARY KEY, "
            "flow_ref TEXT NOT NULL UNIQUE, controller_id TEXT NOT NULL, "
            "destination TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {included} (subject_id TEXT NOT NULL, "
            "flow_id TEXT NOT NULL, included_on TEXT NOT NULL, sensitive BOOLEAN NOT NULL, "
            "counted BOOLEAN NOT NULL, "
            f"PRIMARY KEY (subject_id, flow_id, included_on)){d.table_options}",
            f"CREATE TABLE IF NOT EXISTS {days} (controller_id TEXT NOT NULL, "
            "scope TEXT NOT NULL, day TEXT NOT NULL, individuals BIGINT NOT NULL, "
            f"sensitive BIGINT NOT NULL, PRIMARY KEY (controller_id, scope, day)){d.table_options}",
        ]
        self.insert_flow = RowsInsert(d, "transfer_flows", FLOW_COLUMNS, "ON CONFLICT DO NOTHING")
        self.insert_included = SubjectsInsert(
            d, "transfer_flow_subjects", INCLUDED_COLUMNS, "ON CONFLICT DO NOTHING"
        )
        self.add_days = RowsInsert(
            d,
            "transfer_volume_days",
            DAY_COLUMNS,
            "ON CONFLICT (controller_id, scope, day) DO UPDATE SET "
            "individuals = t.individuals + excluded.individuals, "
            "sensitive = t.sensitive + excluded.sensitive",
        )
        # A person's first day, and first sensitive day, in a scope of one controller.
        self.members = (
            "SELECT i.subject_id, MIN(i.included_on) AS first_on, "
            "MIN(CASE WHEN i.sensitive THEN i.included_on END) AS sensitive_on "
            f"FROM {included} i JOIN {flows} f ON f.flow_id = i.flow_id "
            f"WHERE f.controller_id = {q} AND i.counted AND i.included_on >= {q} "
            f"AND i.included_on <= {q} AND i.subject_id"
        )
        self.members_tail = "GROUP BY i.subject_id"
        self.in_flow = (
            f"SELECT DISTINCT subject_id FROM {included} WHERE flow_id = {q} "
            f"AND included_on >= {q} AND included_on <= {q} AND subject_id"
        )
        self.counts = (
            f"SELECT COALESCE(SUM(individuals), 0) AS total, COALESCE(SUM(sensitive), 0) "
            f"AS sensitive, ({position}) >= {d.log_end} AS current "
            f"FROM {days} WHERE controller_id = {q} AND scope = {q} AND day <= {q}"
        )
        self.registered = (
            f"SELECT COUNT(*) AS n FROM {d.events_table} WHERE originator_version = 1 "
            "AND originator_id"
        )
        self.flows_of = f"SELECT flow_id, included_on FROM {included} WHERE subject_id = {q}"
        self.flows = f"SELECT flow_id FROM {flows}"
        tables = (flows, included, days)
        self.clear = [f"DELETE FROM {table}" for table in tables]
        self.dump = [
            f"SELECT * FROM {flows} ORDER BY flow_id",
            f"SELECT * FROM {included} ORDER BY subject_id, flow_id, included_on",
            f"SELECT * FROM {days} WHERE individuals <> 0 OR sensitive <> 0 "
            "ORDER BY controller_id, scope, day",
        ]

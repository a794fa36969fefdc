"""The consent-state read model as SQL tables beside the events (SQLite and PostgreSQL).

Times are stored as fixed-width UTC ISO text, so that text order is time order in both
databases. The projection's position lives in `projection_positions`, one row per
projection, so other read models can share the table.
"""

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from registry.domain.basis import LawfulBasis
from registry.domain.consent import ConsentRecord, ConsentStatus
from registry.domain.decision import PurposeStanding
from registry.projections import PROJECTION_NAME, Change, ConsentChange, PurposeChange

Transaction = Callable[[bool], AbstractContextManager[Any]]

CONSENT_COLUMNS = (
    "subject_id",
    "purpose_id",
    "status",
    "purpose_version",
    "occurred_at",
    "valid_until",
    "separate",
    "written",
    "guardian",
    "event_version",
    "event_position",
    "reason",
    "article",
)
CONSENTS = ", ".join(f"c.{column}" for column in CONSENT_COLUMNS)
PURPOSES = (
    "p.purpose_id AS p_id, p.lawful_basis, p.version, p.material_version, p.material_position, "
    "p.retired, p.event_position AS p_position"
)


@dataclass(frozen=True)
class Dialect:
    placeholder: str
    schema_prefix: str
    events_table: str
    notification_id: str
    table_options: str = ""


def timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat(timespec="microseconds")


def from_timestamp(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


class SqlStatements:
    def __init__(self, d: Dialect) -> None:
        p, q = d.schema_prefix, d.placeholder
        consents, purposes, positions = (
            f"{p}consent_state",
            f"{p}purpose_state",
            f"{p}projection_positions",
        )
        values = ", ".join([q] * len(CONSENT_COLUMNS))
        updates = ", ".join(f"{c} = excluded.{c}" for c in CONSENT_COLUMNS[2:])
        self.create = [
            f"CREATE TABLE IF NOT EXISTS {consents} ("
            "subject_id TEXT NOT NULL, purpose_id TEXT NOT NULL, status TEXT NOT NULL, "
            "purpose_version INTEGER NOT NULL, occurred_at TEXT NOT NULL, valid_until TEXT, "
            "separate BOOLEAN NOT NULL, written BOOLEAN NOT NULL, guardian BOOLEAN NOT NULL, "
            "event_version INTEGER NOT NULL, event_position BIGINT NOT NULL, "
            "reason TEXT, article TEXT, "
            f"PRIMARY KEY (subject_id, purpose_id)){d.table_options}",
            f"CREATE INDEX IF NOT EXISTS consent_state_lapsing ON {consents} (valid_until) "
            "WHERE status = 'given'",
            f"CREATE TABLE IF NOT EXISTS {purposes} ("
            "purpose_uuid TEXT PRIMARY KEY, purpose_id TEXT NOT NULL UNIQUE, "
            "lawful_basis TEXT NOT NULL, version INTEGER NOT NULL, "
            "material_version INTEGER NOT NULL, material_position BIGINT, "
            "retired BOOLEAN NOT NULL, event_position BIGINT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {positions} ("
            "name TEXT PRIMARY KEY, position BIGINT NOT NULL)",
            f"INSERT INTO {positions} (name, position) VALUES ('{PROJECTION_NAME}', 0) "
            "ON CONFLICT (name) DO NOTHING",
        ]
        self.position = f"SELECT position FROM {positions} WHERE name = '{PROJECTION_NAME}'"
        self.advance = (
            f"UPDATE {positions} SET position = {q} WHERE name = '{PROJECTION_NAME}' "
            f"AND position = {q} RETURNING position"
        )
        self.advance_inline = (
            f"UPDATE {positions} SET position = {q} "
            f"WHERE name = '{PROJECTION_NAME}' AND position = "
            f"(SELECT COALESCE(MAX({d.notification_id}), 0) FROM {d.events_table} "
            f"WHERE {d.notification_id} < {q}) RETURNING position"
        )
        self.upsert_consent = (
            f"INSERT INTO {consents} AS cs ({', '.join(CONSENT_COLUMNS)}) VALUES ({values}) "
            f"ON CONFLICT (subject_id, purpose_id) DO UPDATE SET {updates} "
            "WHERE (excluded.occurred_at, excluded.event_version) "
            ">= (cs.occurred_at, cs.event_version)"
        )
        self.define_purpose = (
            f"INSERT INTO {purposes} (purpose_uuid, purpose_id, lawful_basis, version, "
            f"material_version, material_position, retired, event_position) "
            f"VALUES ({q}, {q}, {q}, 1, 1, {q}, {q}, {q})"
        )
        self.revise_purpose = (
            f"UPDATE {purposes} SET lawful_basis = {q}, version = {q}, event_position = {q} "
            f"WHERE purpose_uuid = {q}"
        )
        self.revise_materially = (
            f"UPDATE {purposes} SET lawful_basis = {q}, version = {q}, event_position = {q}, "
            f"material_version = {q}, material_position = {q} WHERE purpose_uuid = {q}"
        )
        self.retire_purpose = (
            f"UPDATE {purposes} SET retired = {q}, event_position = {q} WHERE purpose_uuid = {q}"
        )
        self.clear = [
            f"DELETE FROM {consents}",
            f"DELETE FROM {purposes}",
            f"UPDATE {positions} SET position = 0 WHERE name = '{PROJECTION_NAME}'",
        ]
        self.subject = (
            f"SELECT {CONSENTS}, {PURPOSES} FROM {consents} c "
            f"LEFT JOIN {purposes} p ON p.purpose_id = c.purpose_id WHERE c.subject_id = {q}"
        )
        self.purpose_and_record = (
            f"SELECT {PURPOSES}, {CONSENTS} FROM {purposes} p LEFT JOIN {consents} c "
            f"ON c.purpose_id = p.purpose_id AND c.subject_id = {q} WHERE p.purpose_id = {q}"
        )
        self.lapsed = (
            f"SELECT subject_id, purpose_id FROM {consents} WHERE status = 'given' "
            f"AND valid_until <= {q} ORDER BY subject_id, purpose_id"
        )
        self.dump = [
            f"SELECT {CONSENTS} FROM {consents} c ORDER BY subject_id, purpose_id",
            f"SELECT * FROM {purposes} ORDER BY purpose_uuid",
        ]


class SqlConsentState:
    """The read model's rows and position, written inline or in follower batches."""

    def __init__(self, statements: SqlStatements, transaction: Transaction) -> None:
        self.sql = statements
        self.transaction = transaction

    def create(self) -> None:
        with self.transaction(True) as c:
            for statement in self.sql.create:
                c.execute(statement)

    def position(self) -> int:
        with self.transaction(False) as c:
            c.execute(self.sql.position)
            return int(c.fetchone()["position"])

    def write_inline(self, c: Any, ids: Sequence[int], changes: Sequence[Change | None]) -> None:
        """Inside the events' transaction; skipped when the view is behind (the follower
        will then apply these events in order)."""
        c.execute(self.sql.advance_inline, (ids[-1], ids[0]))
        if c.fetchone() is not None:
            self._apply(c, zip(ids, changes, strict=True))

    def apply_batch(self, after: int, items: Sequence[tuple[int, Change | None]]) -> bool:
        if not items or items[0][0] <= after:
            return False
        with self.transaction(True) as c:
            c.execute(self.sql.advance, (items[-1][0], after))
            if c.fetchone() is None:
                return False
            self._apply(c, items)
        return True

    def clear(self) -> None:
        with self.transaction(True) as c:
            for statement in self.sql.clear:
                c.execute(statement)

    def _apply(self, c: Any, items: Iterable[tuple[int, Change | None]]) -> None:
        consent_rows = []
        for position, change in items:
            if isinstance(change, ConsentChange):
                consent_rows.append(_consent_row(position, change))
            elif isinstance(change, PurposeChange):
                c.execute(*self._purpose_statement(position, change))
        if consent_rows:
            c.executemany(self.sql.upsert_consent, consent_rows)

    def _purpose_statement(
        self, position: int, change: PurposeChange
    ) -> tuple[str, tuple[Any, ...]]:
        key = str(change.purpose_uuid)
        if change.purpose_id is not None:
            params = (key, change.purpose_id, change.lawful_basis, position, False, position)
            return self.sql.define_purpose, params
        if change.retired:
            return self.sql.retire_purpose, (True, position, key)
        if change.material:
            params2 = (change.lawful_basis, change.version, position, change.version, position, key)
            return self.sql.revise_materially, params2
        return self.sql.revise_purpose, (change.lawful_basis, change.version, position, key)

    def subject(self, subject_id: UUID) -> tuple[list[ConsentRecord], dict[str, PurposeStanding]]:
        with self.transaction(False) as c:
            c.execute(self.sql.subject, (str(subject_id),))
            rows = c.fetchall()
        records = [_record(row) for row in rows]
        standings = {row["p_id"]: _standing(row) for row in rows if row["p_id"] is not None}
        return records, standings

    def purpose_and_record(
        self, purpose_id: str, subject_id: UUID
    ) -> tuple[PurposeStanding | None, ConsentRecord | None]:
        with self.transaction(False) as c:
            c.execute(self.sql.purpose_and_record, (str(subject_id), purpose_id))
            row = c.fetchone()
        if row is None:
            return None, None
        return _standing(row), (_record(row) if row["subject_id"] is not None else None)

    def lapsed(self, now: datetime) -> list[tuple[UUID, str]]:
        with self.transaction(False) as c:
            c.execute(self.sql.lapsed, (timestamp(now),))
            return [(UUID(row["subject_id"]), row["purpose_id"]) for row in c.fetchall()]

    def dump(self) -> list[tuple[object, ...]]:
        with self.transaction(False) as c:
            rows: list[tuple[object, ...]] = []
            for statement in self.sql.dump:
                c.execute(statement)
                rows.extend(tuple(dict(row).values()) for row in c.fetchall())
            return rows


def _consent_row(position: int, change: ConsentChange) -> tuple[Any, ...]:
    r = change.record
    return (
        str(change.subject_id), r.purpose_id, r.status.value, r.purpose_version,
        timestamp(r.occurred_at), timestamp(r.valid_until), r.separate, r.written, r.guardian,
        r.event_version, position, r.reason, r.article,
    )  # fmt: skip


def _record(row: Any) -> ConsentRecord:
    return ConsentRecord(
        purpose_id=row["purpose_id"],
        status=ConsentStatus(row["status"]),
        purpose_version=row["purpose_version"],
        occurred_at=datetime.fromisoformat(row["occurred_at"]),
        valid_until=from_timestamp(row["valid_until"]),
        separate=bool(row["separate"]),
        written=bool(row["written"]),
        guardian=bool(row["guardian"]),
        event_version=row["event_version"],
        position=row["event_position"],
        reason=row["reason"],
        article=row["article"],
    )


def _standing(row: Any) -> PurposeStanding:
    return PurposeStanding(
        purpose_id=row["p_id"],
        lawful_basis=LawfulBasis(row["lawful_basis"]),
        version=row["version"],
        material_version=row["material_version"],
        material_position=row["material_position"],
        retired=bool(row["retired"]),
        position=row["p_position"],
    )

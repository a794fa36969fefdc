"""The consent-state read model as SQL tables beside the events (SQLite and PostgreSQL).

Times are stored as fixed-width UTC ISO text, so that text order is time order in both
databases.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from registry.domain.consent.basis import LawfulBasis
from registry.domain.consent.consent import ConsentRecord, ConsentStatus
from registry.domain.consent.decision import PurposeStanding
from registry.domain.consent.subject import ConsentEvent
from registry.projections.consent_state import PROJECTION_NAME, Change, PurposeChange
from registry.stores.consent_statements import Statements, Writes
from registry.stores.tracked_sql import SqlTrackedView


def timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat(timespec="microseconds")


def from_timestamp(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


Prepared = tuple[list[tuple[str, tuple[Any, ...]]], list[tuple[Any, ...]]]
"""A batch's purpose writes (the name of the statement, its parameters) and consent rows."""


class SqlConsentState(SqlTrackedView[Change]):
    """The read model's rows and position, written inline or in follower batches."""

    name = PROJECTION_NAME
    sql: Statements

    def statements(self) -> Statements:
        return Statements(self.dialect, self.guard)

    def prepare(self, items: Sequence[tuple[int, Change]]) -> Prepared:
        latest: dict[tuple[UUID, str], tuple[int, ConsentEvent]] = {}
        purposes = []
        for position, change in items:
            if isinstance(change, ConsentEvent):
                key = (change.originator_id, change.purpose_id)
                if key not in latest or _supersedes(change, latest[key][1]):
                    latest[key] = (position, change)
            else:
                purposes.append(_purpose_write(position, change))
        # Only the answer that wins per subject and purpose is written: the upsert keeps the
        # later answer anyway, and one statement may not change a row twice.
        return purposes, [_consent_row(position, change) for position, change in latest.values()]

    def write(self, c: Any, prepared: Prepared) -> None:
        self._write(c, prepared, self.sql.writes, ())

    def write_guarded(self, c: Any, prepared: Prepared, position: int) -> None:
        """Rows that apply only if `advance_inline` moved the position to `position` in this
        transaction."""
        self._write(c, prepared, self.sql.guarded_writes, (position,))

    def _write(self, c: Any, prepared: Prepared, writes: Writes, guard: tuple[int, ...]) -> None:
        purposes, rows = prepared
        for statement, params in purposes:
            c.execute(getattr(writes, statement), (*params, *guard))
        if rows and self.dialect.arrays:
            columns = [list(column) for column in zip(*rows, strict=True)]
            c.execute(writes.upsert_consent, (*columns, *guard))
        elif rows:
            c.executemany(writes.upsert_consent, [(*row, *guard) for row in rows])

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


def _purpose_write(position: int, change: PurposeChange) -> tuple[str, tuple[Any, ...]]:
    key = str(change.purpose_uuid)
    params: tuple[Any, ...]
    if change.purpose_id is not None:
        params = (key, change.purpose_id, change.lawful_basis, position, False, position)
        return "define_purpose", params
    if change.retired:
        return "retire_purpose", (True, position, key)
    if change.material:
        params = (change.lawful_basis, change.version, position, change.version, position, key)
        return "revise_materially", params
    return "revise_purpose", (change.lawful_basis, change.version, position, key)


def _supersedes(new: ConsentEvent, old: ConsentEvent) -> bool:
    return (new.occurred_at, new.originator_version) >= (old.occurred_at, old.originator_version)


def _consent_row(position: int, e: ConsentEvent) -> tuple[Any, ...]:
    return (
        str(e.originator_id),
        e.purpose_id,
        e.status.value,
        e.purpose_version,
        timestamp(e.occurred_at),
        timestamp(e.valid_until),
        e.separate,
        e.written,
        e.guardian,
        e.originator_version,
        position,
        getattr(e, "reason", None),
        getattr(e, "article", None),
    )


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

"""The consent-state read model as SQL tables beside the events (SQLite and PostgreSQL).

Times are stored as fixed-width UTC ISO text, so that text order is time order in both
databases. The projection's position lives in `projection_positions`, one row per
projection, so other read models can share the table.
"""

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from registry.domain.consent.basis import LawfulBasis
from registry.domain.consent.consent import ConsentRecord, ConsentStatus
from registry.domain.consent.decision import PurposeStanding
from registry.domain.consent.subject import ConsentEvent
from registry.projections import Change, PurposeChange
from registry.stores.dialect import Dialect, Transaction
from registry.stores.sql_statements import Statements, Writes


def timestamp(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat(timespec="microseconds")


def from_timestamp(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


class SqlConsentState:
    """The read model's rows and position, written inline or in follower batches."""

    def __init__(self, dialect: Dialect, transaction: Transaction) -> None:
        self.sql = Statements(dialect)
        self.arrays = dialect.arrays
        self.transaction = transaction

    def create(self) -> None:
        with self.transaction(True) as c:
            for statement in self.sql.create:
                c.execute(statement)

    def position(self) -> int:
        with self.transaction(False) as c:
            c.execute(self.sql.position)
            return int(c.fetchone()["position"])

    def advance_inline(self, c: Any, ids: Sequence[int]) -> None:
        """Move the position to the last of `ids` if it is at the event just before them;
        the cursor then returns one row if it moved."""
        c.execute(self.sql.advance_inline, (ids[-1], ids[0]))

    def write(self, c: Any, ids: Sequence[int], changes: Sequence[Change | None]) -> None:
        self._apply(c, zip(ids, changes, strict=True), self.sql.writes, ())

    def write_guarded(self, c: Any, ids: Sequence[int], changes: Sequence[Change | None]) -> None:
        """Rows that apply only if `advance_inline` moved the position in this transaction."""
        self._apply(c, zip(ids, changes, strict=True), self.sql.guarded_writes, (ids[-1],))

    def apply_batch(
        self, after: int, through: int, items: Sequence[tuple[int, Change | None]]
    ) -> bool:
        if through <= after or (items and not after < items[0][0] <= items[-1][0] <= through):
            return False
        with self.transaction(True) as c:
            c.execute(self.sql.advance, (through, after))
            if c.fetchone() is None:
                return False
            self._apply(c, items, self.sql.writes, ())
        return True

    def clear(self) -> None:
        with self.transaction(True) as c:
            for statement in self.sql.clear:
                c.execute(statement)

    def _apply(
        self,
        c: Any,
        items: Iterable[tuple[int, Change | None]],
        writes: Writes,
        guard: tuple[int, ...],
    ) -> None:
        latest: dict[tuple[UUID, str], tuple[int, ConsentEvent]] = {}
        for position, change in items:
            if isinstance(change, ConsentEvent):
                key = (change.originator_id, change.purpose_id)
                if key not in latest or _supersedes(change, latest[key][1]):
                    latest[key] = (position, change)
            elif isinstance(change, PurposeChange):
                statement, params = _purpose_write(writes, position, change)
                c.execute(statement, (*params, *guard))
        # Only the answer that wins per subject and purpose is written: the upsert keeps the
        # later answer anyway, and one statement may not change a row twice.
        rows = [_consent_row(position, change) for position, change in latest.values()]
        if rows and self.arrays:
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

    def dump(self) -> list[tuple[object, ...]]:
        with self.transaction(False) as c:
            rows: list[tuple[object, ...]] = []
            for statement in self.sql.dump:
                c.execute(statement)
                rows.extend(tuple(dict(row).values()) for row in c.fetchall())
            return rows


def _purpose_write(
    writes: Writes, position: int, change: PurposeChange
) -> tuple[str, tuple[Any, ...]]:
    key = str(change.purpose_uuid)
    params: tuple[Any, ...]
    if change.purpose_id is not None:
        params = (key, change.purpose_id, change.lawful_basis, position, False, position)
        return writes.define_purpose, params
    if change.retired:
        return writes.retire_purpose, (True, position, key)
    if change.material:
        params = (change.lawful_basis, change.version, position, change.version, position, key)
        return writes.revise_materially, params
    return writes.revise_purpose, (change.lawful_basis, change.version, position, key)


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

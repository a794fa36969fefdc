"""A read model as SQL tables (SQLite and PostgreSQL alike), its position kept beside them.

Positions live in `projection_positions`, one row per read model. A batch moves its read
model's row by compare-and-set in the transaction that writes the batch's rows, so a batch
whose starting position is no longer current writes nothing.
"""

from collections.abc import Callable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from registry.projections.tracked import PositionTracking, batch_fits
from registry.stores.dialect import Dialect, Transaction

C = TypeVar("C")
POSITIONS = "projection_positions"


class RowStatements(Protocol):
    """A read model's tables: how they are created (if missing), emptied and listed."""

    tables: list[str]
    clear: list[str]
    dump: list[str]


class SqlTrackedView(PositionTracking, Generic[C]):
    """The tracked-view mechanism in SQL. A read model names itself (`name`) and adds its
    tables (`statements`), how a batch's rows are worked out
    (`prepare`, before the transaction: it may read) and written (`write`), and its queries."""

    name = ""
    sql: RowStatements
    start = "0"
    """The position of a newly created view, as SQL."""

    def __init__(
        self,
        dialect: Dialect,
        transaction: Transaction,
        log_end: Callable[[], int | None] | None = None,
    ) -> None:
        """`log_end` gives the log's last position when the events are in another database
        than the view's (`dialect.events_table` is None)."""
        assert dialect.events_table is not None or log_end is not None
        self.dialect = dialect
        self.transaction = transaction
        self.log_end = log_end
        q, positions, name = dialect.placeholder, dialect.table(POSITIONS), self.name
        self.position_sql = f"SELECT position FROM {positions} WHERE name = '{name}'"
        self.guard = f"EXISTS (SELECT 1 FROM {positions} WHERE name = '{name}' AND position = {q})"
        """A condition for rows that apply only if the position is the parameter's value."""
        self.advance_sql = (
            f"UPDATE {positions} SET position = {q} WHERE name = '{name}' "
            f"AND position = {q} RETURNING position"
        )
        self.sql = self.statements()
        self.create_position_sql = [
            f"CREATE TABLE IF NOT EXISTS {positions} ("
            "name TEXT PRIMARY KEY, position BIGINT NOT NULL)",
            f"INSERT INTO {positions} (name, position) VALUES ('{name}', {self.start_position()}) "
            "ON CONFLICT (name) DO NOTHING",
        ]
        self.clear_position_sql = f"UPDATE {positions} SET position = 0 WHERE name = '{name}'"
        if dialect.events_table is not None:
            self.progress_sql = (
                f"SELECT position, {dialect.log_end} AS log_end FROM {positions} "
                f"WHERE name = '{name}'"
            )
            self.advance_inline_sql = (
                f"UPDATE {positions} SET position = {q} WHERE name = '{name}' AND position = "
                f"(SELECT COALESCE(MAX({dialect.notification_id}), 0) "
                f"FROM {dialect.events_table} WHERE {dialect.notification_id} < {q}) "
                "RETURNING position"
            )

    def create(self) -> None:
        """The tables if missing, then the position (whose start may read them)."""
        table, position = self.create_position_sql
        with self.transaction(True) as c:
            for statement in [table, *self.sql.tables, position]:
                c.execute(statement)

    def position(self) -> int:
        with self.transaction(False) as c:
            c.execute(self.position_sql)
            return int(c.fetchone()["position"])

    def progress(self) -> tuple[int, int]:
        if self.log_end is not None:
            return self.position(), self.log_end() or 0
        with self.transaction(False) as c:
            c.execute(self.progress_sql)
            row = c.fetchone()
        return int(row["position"]), int(row["log_end"])

    def apply_batch(self, after: int, through: int, items: Sequence[tuple[int, C]]) -> bool:
        """The rows are worked out before the transaction, from what was read after the
        caller read `after` as the position: if another batch commits meanwhile, the
        compare-and-set fails and nothing is written. (PostgreSQL also ends transactions
        that stay idle while Python works.)"""
        if not batch_fits(after, through, items):
            return False
        prepared = self.prepare(items)
        with self.transaction(True) as c:
            c.execute(self.advance_sql, (through, after))
            if c.fetchone() is None:
                return False
            self.write(c, prepared)
        return True

    def advance_inline(self, c: Any, ids: Sequence[int]) -> None:
        """Move the position to the last of `ids` (new events, in this transaction) if it is
        at the event just before them; `c` then returns one row if it moved."""
        c.execute(self.advance_inline_sql, (ids[-1], ids[0]))

    def clear(self) -> None:
        with self.transaction(True) as c:
            for statement in [*self.sql.clear, self.clear_position_sql]:
                c.execute(statement)

    def dump(self) -> list[tuple[object, ...]]:
        with self.transaction(False) as c:
            rows: list[tuple[object, ...]] = []
            for statement in self.sql.dump:
                c.execute(statement)
                rows.extend(tuple(dict(row).values()) for row in c.fetchall())
            return rows

    def statements(self) -> RowStatements:
        """The read model's SQL, built once the view's own is (it may use `guard`)."""
        raise NotImplementedError

    def start_position(self) -> str:
        """The position of a newly created view, as SQL."""
        return "0"

    def prepare(self, items: Sequence[tuple[int, C]]) -> Any:
        raise NotImplementedError

    def write(self, c: Any, prepared: Any) -> None:
        raise NotImplementedError

"""What the read models' SQL does differently on SQLite and on PostgreSQL, in one place.

Every read model writes the same SQL text for both databases; the `Dialect` fills in what
differs (placeholders, the schema, the events table and its position column, how many
values go to the server at once), and `dialect_for` / `transaction_for` build it and the
transactions from the store's recorder.
"""

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder

Transaction = Callable[[bool], AbstractContextManager[Any]]
"""`transaction(commit)`: a cursor whose rows are read by column name; committed on leaving
when `commit`, else only read from."""


@dataclass(frozen=True)
class Dialect:
    placeholder: str
    schema_prefix: str
    events_table: str | None
    """The events table, qualified; None when the read model's database holds no events."""
    notification_id: str
    """The events table's position column."""
    arrays: bool
    """Many values as one parameter (PostgreSQL: arrays or one comma-joined string that the
    server splits) rather than one parameter set each (SQLite: `executemany`, `IN` lists)."""
    id_cast: str = ""
    """How an array of id parameters becomes the events table's id type."""
    table_options: str = ""
    in_chunk: int = 500
    """Values per `IN (...)` list: below SQLite's bound-parameter limit."""

    def table(self, name: str) -> str:
        return f"{self.schema_prefix}{name}"

    @property
    def log_end(self) -> str:
        """The last event's position (0 for an empty log), as a scalar subquery."""
        return f"(SELECT COALESCE(MAX({self.notification_id}), 0) FROM {self.events_table})"

    def select_in(
        self,
        c: Any,
        statement: str,
        params: tuple[Any, ...],
        values: Sequence[str],
        cast: str = "",
        tail: str = "",
    ) -> list[Any]:
        """Rows of `statement`, which ends with the column to match against `values`, and
        is followed by `tail`."""
        q = self.placeholder
        if self.arrays:
            any_of = f"= ANY(string_to_array({q}, ','){cast})"
            c.execute(f"{statement} {any_of} {tail}", (*params, ",".join(values)))
            return list(c.fetchall())
        rows: list[Any] = []
        for start in range(0, len(values), self.in_chunk):
            chunk = values[start : start + self.in_chunk]
            marks = ", ".join([q] * len(chunk))
            c.execute(f"{statement} IN ({marks}) {tail}", (*params, *chunk))
            rows.extend(c.fetchall())
        return rows


def dialect_for(recorder: ApplicationRecorder) -> Dialect:
    """The dialect of the database `recorder` keeps its events in."""
    if isinstance(recorder, SQLiteApplicationRecorder):
        return Dialect(
            "?",
            "",
            recorder.events_table_name,
            "rowid",
            arrays=False,
            table_options=" WITHOUT ROWID",
        )
    from eventsourcing.postgres import PostgresApplicationRecorder

    assert isinstance(recorder, PostgresApplicationRecorder), recorder
    schema = f'"{recorder.datastore.schema}".'
    return Dialect(
        "%s",
        schema,
        f'{schema}"{recorder.events_table_name}"',
        "notification_id",
        arrays=True,
        id_cast="::uuid[]",
    )


def service_dialect(kind: str) -> Dialect:
    """The dialect of the service database (registry/servicedb.py: `dialect`), which holds
    no events (on SQLite it is another file): its schema is the connection's search path."""
    if kind == "sqlite":
        return Dialect("?", "", None, "", arrays=False, table_options=" WITHOUT ROWID")
    return Dialect("%s", "", None, "", arrays=True)


def transaction_for(recorder: ApplicationRecorder) -> Transaction:
    """Transactions on `recorder`'s database. On PostgreSQL, reads run on the pool's
    autocommit connection: one round trip each instead of three (begin, select, rollback)."""
    datastore: Any = getattr(recorder, "datastore", None)
    reads_alone = not isinstance(recorder, SQLiteApplicationRecorder)

    def transaction(commit: bool) -> AbstractContextManager[Any]:
        if reads_alone and not commit:
            return _autocommit_cursor(datastore)
        return datastore.transaction(commit=commit)

    return transaction


@contextmanager
def _autocommit_cursor(datastore: Any) -> Iterator[Any]:
    with datastore.get_connection() as connection, connection.cursor() as cursor:
        yield cursor

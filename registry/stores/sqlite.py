"""SQLite: the registry's events and its read model in one database file."""

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore

from registry.stores.sql import Dialect, SqlConsentState, SqlStatements

LOOKUP_CHUNK = 500


class SQLiteRegistryRecorder(SQLiteApplicationRecorder):
    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        dialect = Dialect("?", "", events_table_name, "rowid", " WITHOUT ROWID")
        self.view = SqlConsentState(SqlStatements(dialect), self._transaction)
        self.inline = True

    def _transaction(self, commit: bool) -> Any:
        return self.datastore.transaction(commit=commit)

    def create_table(self) -> None:
        super().create_table()
        self.view.create()

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        changes = kwargs.get("changes")
        if ids and changes and self.inline:
            self.view.write_inline(c, ids, changes)
        return ids

    def select_originator(self, originator_id: UUID) -> list[Notification]:
        statement = (
            f"SELECT rowid, * FROM {self.events_table_name} "
            "WHERE originator_id = ? ORDER BY originator_version"
        )
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement, (originator_id.hex,))
            return [
                Notification(
                    id=row["rowid"],
                    originator_id=originator_id,
                    originator_version=row["originator_version"],
                    topic=row["topic"],
                    state=row["state"],
                )
                for row in c.fetchall()
            ]

    def existing(self, originator_ids: Iterable[UUID]) -> set[UUID]:
        """Which of these aggregates have events already."""
        ids = [originator_id.hex for originator_id in originator_ids]
        found: set[UUID] = set()
        with self.datastore.transaction(commit=False) as c:
            for start in range(0, len(ids), LOOKUP_CHUNK):
                chunk = ids[start : start + LOOKUP_CHUNK]
                marks = ", ".join("?" * len(chunk))
                c.execute(
                    f"SELECT originator_id FROM {self.events_table_name} "
                    f"WHERE originator_version = 1 AND originator_id IN ({marks})",
                    chunk,
                )
                found.update(UUID(row["originator_id"]) for row in c.fetchall())
        return found

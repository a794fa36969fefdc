"""SQLite: the registry's events and its read model in one database file."""

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore

from registry.stores.consent_sql import SqlConsentState
from registry.stores.dialect import dialect_for, transaction_for
from registry.stores.inline import InlineWrites, inline_items
from registry.stores.lookups import SqlEventLookups
from registry.stores.topics import FlatTopicsRecorder


class SQLiteRegistryRecorder(
    InlineWrites[SqlConsentState], SqlEventLookups, FlatTopicsRecorder, SQLiteApplicationRecorder
):
    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        dialect, transaction = dialect_for(self), transaction_for(self)
        self.keep_inline(SqlConsentState(dialect, transaction))
        self.keep_lookups(dialect, transaction)

    def create_table(self) -> None:
        super().create_table()
        self.view.create()

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """The events and their consent-state rows, in the events' transaction: the library
        documents extending `_insert_events` to write rows passed down as keywords with the
        events (docs/topics/examples/searchable-content.rst, "Persistence").

        All events go in one statement; their ids follow the largest one, since this
        transaction is the only writer and SQLite gives each new row max(rowid) + 1."""
        if not stored_events:
            return []
        c.executemany(self.insert_events_statement, [_params(s) for s in stored_events])
        c.execute(f"SELECT MAX(rowid) FROM {self.events_table_name}")
        last = c.fetchone()[0]
        ids = list(range(last - len(stored_events) + 1, last + 1))
        changes = self.inline_changes(kwargs.get("changes"))
        if changes is not None:
            self.view.advance_inline(c, ids)
            if c.fetchone() is not None:
                self.view.write(c, self.view.prepare(inline_items(ids, changes)))
                self.wrote_inline(ids[-1])
        return ids


def _params(stored: StoredEvent) -> tuple[Any, ...]:
    originator_id = stored.originator_id
    key = originator_id.hex if isinstance(originator_id, UUID) else originator_id
    return (key, stored.originator_version, stored.topic, stored.state)

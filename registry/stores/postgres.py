"""PostgreSQL: the registry's events and its read model in one schema."""

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry

from registry.stores.consent_sql import SqlConsentState
from registry.stores.dialect import dialect_for, transaction_for
from registry.stores.inline import InlineWrites, inline_items
from registry.stores.lookups import SqlEventLookups
from registry.stores.topics import FlatTopicsRecorder

RECONNECT_GIVE_UP_S = 3.0
"""psycopg_pool backs off for up to five minutes between attempts to replace a broken
connection, so after an outage the store stayed unusable long after the database was back.
Giving up after a few seconds lets the next request start a fresh attempt at once."""


class PostgresRegistryRecorder(
    InlineWrites[SqlConsentState], SqlEventLookups, FlatTopicsRecorder, PostgresApplicationRecorder
):
    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str):
        super().__init__(datastore, events_table_name=events_table_name)
        datastore.pool.reconnect_timeout = RECONNECT_GIVE_UP_S
        dialect, transaction = dialect_for(self), transaction_for(self)
        self.keep_inline(SqlConsentState(dialect, transaction))
        self.keep_lookups(dialect, transaction)
        self.events = dialect.events_table

    def create_table(self) -> None:
        super().create_table()
        self.view.create()

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """The events and their consent-state rows in one transaction, in two round trips:
        the insert (for the ids), then the position's compare-and-set, the rows guarded by
        it and COMMIT. The library's `_insert_events` extension point runs before the insert,
        when the ids are not known yet, so this is the public `insert_events`, and the events
        go in by the library's own step for them (`_insert_stored_events`: table lock,
        notification, insert), called here, not overridden."""
        changes = self.inline_changes(kwargs.get("changes"))
        if changes is None or not stored_events:
            return super().insert_events(stored_events, **kwargs)
        with self.datastore.get_connection() as conn:
            moved = conn.cursor()
            with conn.pipeline() as pipeline, conn.transaction(), conn.cursor() as curs:
                self._insert_stored_events(curs, stored_events)
                pipeline.sync()
                ids = [row["notification_id"] for row in curs.fetchall()]
                self.view.advance_inline(moved, ids)
                prepared = self.view.prepare(inline_items(ids, changes))
                self.view.write_guarded(curs, prepared, ids[-1])
            if moved.fetchone() is not None:
                self.wrote_inline(ids[-1])
            moved.close()
        return ids

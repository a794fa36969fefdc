"""PostgreSQL: the registry's events and its read model in one schema."""

import threading
from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, Notification, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry

from registry.stores.dialect import dialect_for, transaction_for
from registry.stores.sql import SqlConsentState
from registry.stores.topics import FlatTopicsRecorder

RECONNECT_GIVE_UP_S = 3.0
"""psycopg_pool backs off for up to five minutes between attempts to replace a broken
connection, so after an outage the store stayed unusable long after the database was back.
Giving up after a few seconds lets the next request start a fresh attempt at once."""


class PostgresRegistryRecorder(FlatTopicsRecorder, PostgresApplicationRecorder):
    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str):
        super().__init__(datastore, events_table_name=events_table_name)
        datastore.pool.reconnect_timeout = RECONNECT_GIVE_UP_S
        dialect = dialect_for(self)
        self.view = SqlConsentState(dialect, transaction_for(self))
        self.inline = True
        self._inline = threading.local()
        self.events = dialect.events_table

    def create_table(self) -> None:
        super().create_table()
        self.view.create()

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        changes = kwargs.get("changes")
        self._inline.through = 0
        if not (changes and stored_events and self.inline):
            return super().insert_events(stored_events, **kwargs)
        # One transaction for the events and their rows, in two round trips: the insert
        # (for the ids), then the position's compare-and-set, the guarded rows and COMMIT.
        with self.datastore.get_connection() as conn:
            moved = conn.cursor()
            with conn.pipeline() as pipeline, conn.transaction(), conn.cursor() as curs:
                self._insert_stored_events(curs, stored_events)
                pipeline.sync()
                ids = [row["notification_id"] for row in curs.fetchall()]
                self.view.advance_inline(moved, ids)
                self.view.write_guarded(curs, ids, changes)
            if moved.fetchone() is not None:
                self._inline.through = ids[-1]
            moved.close()
        return ids

    def inline_through(self) -> int:
        """The last position this thread's latest write put in the read model (0: none)."""
        return int(getattr(self._inline, "through", 0))

    def select_originator(self, originator_id: UUID) -> list[Notification]:
        statement = (
            f"SELECT * FROM {self.events} WHERE originator_id = %s ORDER BY originator_version"
        )
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, (originator_id,))
            return [
                Notification(
                    id=row["notification_id"],
                    originator_id=originator_id,
                    originator_version=row["originator_version"],
                    topic=row["topic"],
                    state=bytes(row["state"]),
                )
                for row in curs.fetchall()
            ]

    def existing(self, originator_ids: Iterable[UUID]) -> set[UUID]:
        """Which of these aggregates have events already."""
        statement = (
            f"SELECT originator_id FROM {self.events} "
            "WHERE originator_version = 1 AND originator_id = ANY(%s)"
        )
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(statement, (list(originator_ids),))
            return {row["originator_id"] for row in curs.fetchall()}

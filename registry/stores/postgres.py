"""PostgreSQL: the registry's events and its read model in one schema."""

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, Notification, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.utils import retry

from registry.stores.sql import Dialect, SqlConsentState, SqlStatements


class PostgresRegistryRecorder(PostgresApplicationRecorder):
    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str):
        super().__init__(datastore, events_table_name=events_table_name)
        schema = f'"{datastore.schema}".'
        events = f'{schema}"{events_table_name}"'
        dialect = Dialect("%s", schema, events, "notification_id")
        self.view = SqlConsentState(SqlStatements(dialect), self._transaction)
        self.inline = True
        self.events = events

    def _transaction(self, commit: bool) -> Any:
        return self.datastore.transaction(commit=commit)

    def create_table(self) -> None:
        super().create_table()
        self.view.create()

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        changes = kwargs.get("changes")
        if not (changes and stored_events and self.inline):
            return super().insert_events(stored_events, **kwargs)
        # One transaction for the events and the rows they change; any error rolls back both.
        with (
            self.datastore.get_connection() as conn,
            conn.pipeline() as pipeline,
            conn.transaction(),
            conn.cursor() as curs,
        ):
            self._insert_stored_events(curs, stored_events)
            pipeline.sync()
            ids = [row["notification_id"] for row in curs.fetchall()]
            self.view.write_inline(curs, ids, changes)
        return ids

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

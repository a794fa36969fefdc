"""Reads of the events table that the library's recorders do not offer, in one SQL for
SQLite and PostgreSQL: an aggregate's events with their positions, and which aggregates
have any."""

from collections.abc import Iterable
from uuid import UUID

from eventsourcing.persistence import Notification

from registry.stores.dialect import Dialect, Transaction


class SqlEventLookups:
    """Mixed into the SQL recorders, which call `keep_lookups` once they are initialised."""

    def keep_lookups(self, dialect: Dialect, transaction: Transaction) -> None:
        self.dialect = dialect
        self.transaction = transaction
        q, events = dialect.placeholder, dialect.events_table
        self.originator = (
            f"SELECT {dialect.notification_id} AS position, originator_version, topic, state "
            f"FROM {events} WHERE originator_id = {q} ORDER BY originator_version"
        )
        self.registered = (
            f"SELECT originator_id FROM {events} WHERE originator_version = 1 AND originator_id"
        )

    def select_originator(self, originator_id: UUID) -> list[Notification]:
        """An aggregate's events with their positions in the log, in version order."""
        with self.transaction(False) as c:
            c.execute(self.originator, (originator_id.hex,))
            rows = c.fetchall()
        return [
            Notification(
                id=row["position"],
                originator_id=originator_id,
                originator_version=row["originator_version"],
                topic=row["topic"],
                state=bytes(row["state"]),
            )
            for row in rows
        ]

    def existing(self, originator_ids: Iterable[UUID]) -> set[UUID]:
        """Which of these aggregates have events already."""
        hexes = [originator_id.hex for originator_id in originator_ids]
        cast = self.dialect.id_cast
        with self.transaction(False) as c:
            rows = self.dialect.select_in(c, self.registered, (), hexes, cast)
        return {UUID(str(row["originator_id"])) for row in rows}

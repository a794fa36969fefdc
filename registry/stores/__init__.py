"""Where the registry keeps its events and read models: SQLite, PostgreSQL or memory.

`environment(settings)` turns settings into the event store's configuration;
`registry_recorder(factory)` builds the recorder that also keeps the consent-state view.

The recorders (sqlite.py, postgres.py, memory.py) write the consent state inline
(inline.py). The read models' storage is one mechanism: tracked_sql.py (SQLite and
PostgreSQL, their differences in dialect.py) and tracked_memory.py, to which each read
model adds its rows: consent_sql.py / consent_memory.py, volumes_sql.py / volumes_memory.py,
chain_sql.py (the audit chain, in the service database).
"""

from collections.abc import Iterable
from typing import Protocol
from urllib.parse import unquote, urlsplit
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, InfrastructureFactory, Notification
from eventsourcing.popo import POPOFactory
from eventsourcing.sqlite import SQLiteFactory

from registry.errors import InvalidValueError
from registry.projections.consent_state import ConsentStateView
from registry.settings import RegistrySettings
from registry.stores.memory import MemoryRegistryRecorder
from registry.stores.sqlite import SQLiteRegistryRecorder

SQLITE_FILE = "consentry.sqlite"
MEMORY_URL = "memory:"


class RegistryRecorder(Protocol):
    view: ConsentStateView
    inline: bool

    def select_originator(self, originator_id: UUID) -> list[Notification]: ...

    def existing(self, originator_ids: Iterable[UUID]) -> set[UUID]: ...

    def inline_through(self) -> int: ...


def environment(settings: RegistrySettings) -> dict[str, str]:
    url = settings.database_url
    if url == MEMORY_URL:
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    if url is None:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(settings.data_dir / SQLITE_FILE),
            "SQLITE_LOCK_TIMEOUT": "30",
        }
    if url.startswith(("postgresql://", "postgres://")):
        env = _postgres_environment(url, settings.database_schema)
        env["POSTGRES_CONNECT_TIMEOUT"] = str(settings.database_wait_s)
        return env
    raise InvalidValueError("database_url", url, "must be postgresql://…, memory: or unset")


def _postgres_environment(url: str, schema: str | None) -> dict[str, str]:
    parts = urlsplit(url)
    dbname = parts.path.lstrip("/")
    if not dbname or not parts.hostname:
        raise InvalidValueError("database_url", url, "needs a host and a database name")
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": unquote(dbname),
        "POSTGRES_HOST": parts.hostname,
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
    }
    if schema:
        env["POSTGRES_SCHEMA"] = schema
    return env


def registry_recorder(factory: InfrastructureFactory) -> ApplicationRecorder:
    recorder: ApplicationRecorder
    if isinstance(factory, POPOFactory):
        return MemoryRegistryRecorder()
    if isinstance(factory, SQLiteFactory):
        recorder = SQLiteRegistryRecorder(factory.datastore)
    else:
        from eventsourcing.postgres import PostgresFactory

        from registry.stores.postgres import PostgresRegistryRecorder

        assert isinstance(factory, PostgresFactory), factory
        table = f"{factory.env.name.lower()}_events"
        recorder = PostgresRegistryRecorder(factory.datastore, events_table_name=table)
    recorder.create_table()
    return recorder

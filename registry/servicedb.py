"""Small SQL helper for the service tables (idempotency, access log, audit chain), kept in the
registry's database: the SQLite file by default, PostgreSQL when configured.

SQL given to `execute` is written with `?` placeholders; they become `%s` for PostgreSQL.
`transaction` gives a cursor (rows by column name) for SQL written with the placeholders of
`service_dialect(dialect)` (registry/stores/dialect.py), as the read models' SQL is.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, Protocol

from registry.settings import RegistrySettings

Row = tuple[Any, ...]
RECONNECT_GIVE_UP_S = 3.0
CACHE_KIB = 256
"""Page cache of each SQLite connection. There is one per server thread (some forty), and
with SQLite's default of 2 MB each, lookups by random keys (idempotency keys, subject keys)
kept growing the server's memory by tens of MB under load; the OS caches the file anyway."""


class ServiceDatabase(Protocol):
    dialect: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run `sql` once per row, all in one transaction."""

    def transaction(self, commit: bool) -> AbstractContextManager[Any]:
        """A cursor; with `commit`, in one transaction committed on leaving (rolled back on
        an error), else reading in autocommit."""
        ...

    def scrub(self) -> None:
        """Make deleted or overwritten values unrecoverable from the database files."""

    def close(self) -> None: ...


class SQLiteServiceDatabase:
    dialect = "sqlite"

    def __init__(self, path: Path | str, *, uri: bool = False) -> None:
        self._path = str(path)
        self._uri = uri
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []

    def _connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self._path,
                timeout=30,
                isolation_level=None,
                uri=self._uri,
                check_same_thread=False,
            )
            if not self._uri:
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA secure_delete=ON")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self._connection().execute(sql, tuple(params))
        return cursor.fetchall()

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        conn = self._connection()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(sql, [tuple(row) for row in rows])
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    @contextmanager
    def transaction(self, commit: bool) -> Iterator[sqlite3.Cursor]:
        conn = self._connection()
        cursor = conn.cursor()
        cursor.row_factory = sqlite3.Row
        if not commit:
            yield cursor
            return
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def scrub(self) -> None:
        # secure_delete zeroes freed content; the checkpoint moves it out of the WAL file.
        if not self._uri:
            self._connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()


class PostgresServiceDatabase:
    dialect = "postgres"

    def __init__(self, url: str, schema: str | None = None, wait_s: float = 1.0) -> None:
        from psycopg_pool import ConnectionPool

        options = f"-c search_path={schema}" if schema else None
        kwargs: dict[str, Any] = {"autocommit": True}
        if options:
            kwargs["options"] = options
        # While the database is down, calls fail in about `wait_s` (answered 503) instead of
        # the pool's default 30 s; broken connections are given up on after a few seconds
        # (not the default five minutes of backing off), so that the first call after the
        # database is back connects at once.
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=8,
            kwargs=kwargs,
            open=True,
            timeout=wait_s,
            reconnect_timeout=RECONNECT_GIVE_UP_S,
        )

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._pool.connection() as conn:
            cursor = conn.execute(sql.replace("?", "%s"), tuple(params))
            return cursor.fetchall() if cursor.description else []

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), [tuple(row) for row in rows])

    @contextmanager
    def transaction(self, commit: bool) -> Iterator[Any]:
        from psycopg.rows import dict_row

        with self._pool.connection() as conn:
            if not commit:
                with conn.cursor(row_factory=dict_row) as cursor:
                    yield cursor
                return
            with conn.transaction(), conn.cursor(row_factory=dict_row) as cursor:
                yield cursor

    def scrub(self) -> None:
        # VACUUM cannot run in a transaction block; the pool's connections are autocommit.
        with self._pool.connection() as conn:
            conn.execute("VACUUM privacy_subject_keys")

    def close(self) -> None:
        self._pool.close()


def open_service_database(settings: RegistrySettings) -> ServiceDatabase:
    url = settings.database_url
    if url and url.startswith(("postgresql://", "postgres://")):
        return PostgresServiceDatabase(url, settings.database_schema, settings.database_wait_s)
    if url == "memory:":
        # One shared in-memory database for every thread of this process.
        name = f"file:consentry-service-{uuid.uuid4().hex}?mode=memory&cache=shared"
        return SQLiteServiceDatabase(name, uri=True)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SQLiteServiceDatabase(settings.data_dir / "service.sqlite")

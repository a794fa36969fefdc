"""A throwaway PostgreSQL database for a benchmark run, dropped afterwards."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from registry.settings import RegistrySettings


@contextmanager
def throwaway_database(
    server_url: str, schemas: tuple[str, ...] = ("ours", "raw")
) -> Iterator[str]:
    import psycopg

    name = f"consentry_bench_{uuid.uuid4().hex[:10]}"
    admin = f"{server_url.rstrip('/')}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{server_url.rstrip('/')}/{name}"
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            for schema in schemas:
                conn.execute(f'CREATE SCHEMA "{schema}"')
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_env(url: str, schema: str) -> dict[str, str]:
    """The event store configuration of a plain `eventsourcing` application in `schema`."""
    from registry.stores import environment

    return environment(RegistrySettings(database_url=url, database_schema=schema))

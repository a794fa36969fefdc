"""Fault tests: real `consentry serve` processes on loopback, killed, restarted and raced,
on SQLite and PostgreSQL (the shared server for a fresh schema, or a private cluster that a
test may stop and start)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_service import PrivatePostgres, Store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "sqlite":
        return Store(tmp_path / "data")
    return request.getfixturevalue("postgres_store")


@pytest.fixture()
def postgres_store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    """A fresh schema on the shared PostgreSQL server (never stopped by these tests)."""
    database = request.getfixturevalue("postgres_database")
    schema = request.getfixturevalue("postgres_schema")
    return Store(tmp_path / "data", database.url, schema)


@pytest.fixture()
def private_postgres() -> Iterator[PrivatePostgres]:
    cluster = PrivatePostgres().init()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()

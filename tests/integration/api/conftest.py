"""The API suite runs on SQLite (a temp directory) and PostgreSQL (a fresh schema per test)."""

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from api_harness import Api, MakeApi, api_settings, running_api


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Registry settings naming the store: none for SQLite, the url and schema for PostgreSQL."""
    if request.param == "sqlite":
        return {}
    database = request.getfixturevalue("postgres_database")
    schema = request.getfixturevalue("postgres_schema")
    return {"database_url": database.url, "database_schema": schema}


@pytest.fixture()
def make_api(store: dict[str, Any], tmp_path: Path) -> MakeApi:
    """Builds an app on this test's store with the given API settings (limits, …)."""
    name = "postgres" if store else "sqlite"

    def make(*, assistant: bool = False, **api: Any) -> AbstractContextManager[Api]:
        return running_api(api_settings(store, tmp_path, **api), name, assistant=assistant)

    return make


@pytest.fixture()
def api(make_api: MakeApi) -> Iterator[Api]:
    with make_api() as running:
        yield running

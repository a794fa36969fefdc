"""Settings decide the store; nothing else (not the process environment) does."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from registry.errors import InvalidValueError
from registry.settings import RegistrySettings
from registry.stores import environment


def test_sqlite_in_the_data_dir_by_default(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "data"
    env = environment(RegistrySettings(data_dir=data_dir))
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.sqlite"
    assert env["SQLITE_DBNAME"] == str(data_dir / "consentry.sqlite")
    assert data_dir.is_dir()


def test_postgresql_url_and_schema_become_connection_settings() -> None:
    settings = RegistrySettings(
        database_url="postgresql://registry:s%40cret@db.internal:6543/consents",
        database_schema="tenant_a",
    )
    env = environment(settings)
    assert {k: v for k, v in env.items() if k.startswith("POSTGRES_")} == {
        "POSTGRES_DBNAME": "consents",
        "POSTGRES_HOST": "db.internal",
        "POSTGRES_PORT": "6543",
        "POSTGRES_USER": "registry",
        "POSTGRES_PASSWORD": "s@cret",
        "POSTGRES_SCHEMA": "tenant_a",
        "POSTGRES_CONNECT_TIMEOUT": "1",
    }


def test_memory_and_bad_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSENTRY_DATABASE_URL", "memory:")
    assert environment(RegistrySettings()) == {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    with pytest.raises(InvalidValueError) as error:
        environment(RegistrySettings(database_url="mysql://db/consents"))
    assert error.value.field == "database_url"
    with pytest.raises(InvalidValueError):
        environment(RegistrySettings(database_url="postgresql://db.internal"))
    with pytest.raises(ValidationError, match="database_schema"):
        RegistrySettings(database_schema='x"; DROP TABLE stored_events; --')

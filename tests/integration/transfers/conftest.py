"""The transfer API over HTTP (TestClient through the ASGI app) on SQLite and PostgreSQL,
with one key per role. The default controller is `acme`, registered at start-up."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from transfers_http import ROLES, Http, key_of

from consentry.app import create_app
from consentry.settings import Settings
from knowledge.settings import KnowledgeSettings
from registry.api.settings import ApiSettings
from registry.audit.settings import AuditSettings
from registry.settings import RegistrySettings


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def http(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Http]:
    store: dict[str, Any] = {}
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_database")
        store = {
            "database_url": database.url,
            "database_schema": request.getfixturevalue("postgres_schema"),
        }
    keys = ",".join(f"{role}:{key_of(role)}" for role in ROLES)
    settings = Settings(
        registry=RegistrySettings(data_dir=tmp_path / "data", **store),
        api=ApiSettings(api_keys=keys, default_controller="acme"),
        audit=AuditSettings(chain_interval_s=0),
        knowledge=KnowledgeSettings(data_dir=tmp_path / "knowledge"),
    )
    app = create_app(settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Http(client, app.state.services.registry)

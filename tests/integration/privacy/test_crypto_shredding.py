"""Crypto-shredding end to end, through the HTTP API, on SQLite and PostgreSQL: personal
fields are stored only as ciphertext, erasure makes them unreadable everywhere, history and
the hash chain survive."""

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from consentry.app import create_app
from consentry.settings import Settings
from knowledge.settings import KnowledgeSettings
from registry.api.settings import ApiSettings
from registry.settings import RegistrySettings

NAME = "Zhang Sanfeng"
PHONE = "13812345678"
ADMIN = {"Authorization": "Bearer admin-key"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, RegistrySettings]:
    if request.param == "sqlite":
        return "sqlite", RegistrySettings(data_dir=tmp_path / "data")
    database = request.getfixturevalue("postgres_database")
    schema = request.getfixturevalue("postgres_schema")
    return "postgres", RegistrySettings(
        data_dir=tmp_path / "data", database_url=database.url, database_schema=schema
    )


@pytest.fixture()
def client(store: tuple[str, RegistrySettings], tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        registry=store[1],
        api=ApiSettings(api_keys="admin:admin-key"),
        knowledge=KnowledgeSettings(data_dir=tmp_path / "data"),
    )
    with TestClient(create_app(settings)) as test_client:
        test_client.put(
            "/v1/purposes/marketing",
            json={"name": "Marketing", "lawful_basis": "consent"},
            headers=ADMIN,
        ).raise_for_status()
        test_client.put(
            "/v1/subjects/C-7", json={"name": NAME, "contact": PHONE}, headers=ADMIN
        ).raise_for_status()
        test_client.post(
            "/v1/subjects/C-7/consents",
            json={"purpose": "marketing", "status": "given", "evidence": f"signed by {NAME}"},
            headers=ADMIN,
        ).raise_for_status()
        yield test_client


def stored_bytes(store: tuple[str, RegistrySettings]) -> bytes:
    """Everything the store holds, as raw bytes: the SQLite files, or every row of every
    table in the PostgreSQL schema rendered as text (what a dump would contain)."""
    kind, settings = store
    if kind == "sqlite":
        return b"".join(path.read_bytes() for path in sorted(settings.data_dir.glob("*.sqlite*")))
    assert settings.database_url and settings.database_schema
    chunks = []
    with psycopg.connect(settings.database_url) as conn:
        tables = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            (settings.database_schema,),
        ).fetchall()
        for (table,) in tables:
            rows = conn.execute(f'SELECT * FROM "{settings.database_schema}"."{table}"')
            for row in rows.fetchall():
                chunks.append(repr(row).encode())
    return b"\n".join(chunks)


def test_personal_fields_are_only_ciphertext_and_readable_until_erased(
    client: TestClient, store: tuple[str, RegistrySettings]
) -> None:
    raw = stored_bytes(store)
    assert NAME.encode() not in raw and PHONE.encode() not in raw
    assert b"sealed:v1:" in raw  # the fields are there, encrypted
    events = client.get("/v1/subjects/C-7/history", headers=ADMIN).json()["events"]
    registered = events[0]["data"]
    assert (registered["name"], registered["contact"], registered["customer_ref"]) == (
        NAME,
        PHONE,
        "C-7",
    )


def test_erasure_shreds_the_person_and_keeps_history_and_chain(
    client: TestClient, store: tuple[str, RegistrySettings]
) -> None:
    before = client.get("/v1/subjects/C-7/history", headers=ADMIN).json()["events"]
    erased = client.delete("/v1/subjects/C-7", headers=ADMIN)
    assert erased.status_code == 200 and erased.json()["erased"] is True

    after = client.get("/v1/subjects/C-7/history", headers=ADMIN).json()["events"]
    assert [e["position"] for e in after[: len(before)]] == [e["position"] for e in before]
    assert after[0]["data"]["name"] is None and after[0]["data"]["contact"] is None
    assert after[-1]["type"] == "Subject.Erased"
    permission = client.get("/v1/subjects/C-7/permission?purpose=marketing", headers=ADMIN)
    assert permission.json()["allowed"] is False

    raw = stored_bytes(store)
    assert NAME.encode() not in raw and PHONE.encode() not in raw
    verify = client.get("/v1/audit/verify", headers=ADMIN).json()
    assert verify["ok"] is True and verify["events_checked"] == after[-1]["position"]

    again = client.post(
        "/v1/subjects/C-7/consents",
        json={"purpose": "marketing", "status": "given"},
        headers=ADMIN,
    )
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "subject"
    assert client.delete("/v1/subjects/C-7", headers=ADMIN).status_code == 422

"""A store written by the registry at commit 5024061 (before the redesign) still opens.

The fixture under tests/fixtures/store-5024061 was made by that code, with what it read
from the store in expected.json. Today's code must read the same states, decisions, read-model
rows, volumes and reports, rebuild its read models to the same rows, and verify the hash
chain and the signed checkpoints.
"""

import json
import shutil
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from registry.application import ConsentRegistry, make_registry
from registry.audit.ledger import AuditLedger
from registry.audit.signing import load_or_create_signing_key
from registry.servicedb import open_service_database
from registry.settings import RegistrySettings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
STORE = FIXTURES / "store-5024061"
sys.path.insert(0, str(FIXTURES))

from store_view import observe  # noqa: E402

pytestmark = pytest.mark.integration

EXPECTED = json.loads((STORE / "expected.json").read_text())
OBSERVED_AT = datetime.fromisoformat(EXPECTED["observed_at"])


@pytest.fixture()
def opened(tmp_path: Path) -> Iterator[tuple[ConsentRegistry, AuditLedger]]:
    data = tmp_path / "store"
    shutil.copytree(STORE, data, ignore=shutil.ignore_patterns("expected.json"))
    settings = RegistrySettings(data_dir=data)
    registry = make_registry(settings)
    db = open_service_database(settings)
    key, _ = load_or_create_signing_key(data / "keys" / "signing.pem", create=False)
    try:
        yield registry, AuditLedger(db, registry.recorder, key)
    finally:
        db.close()
        registry.close()


def test_the_old_store_reads_as_it_did(opened: tuple[ConsentRegistry, AuditLedger]) -> None:
    registry, ledger = opened
    seen = observe(registry, ledger, OBSERVED_AT)
    for part, expected in EXPECTED.items():
        assert seen[part] == expected, part


def test_rebuilt_read_models_match_the_old_rows(
    opened: tuple[ConsentRegistry, AuditLedger],
) -> None:
    registry, ledger = opened
    assert registry.read_model.rebuild() > 0
    assert registry.transfer_volumes.rebuild() > 0
    seen = observe(registry, ledger, OBSERVED_AT)
    assert seen["consent_rows"] == EXPECTED["consent_rows"]
    assert seen["volume_rows"] == EXPECTED["volume_rows"]


def test_the_old_chain_and_checkpoints_verify(opened: tuple[ConsentRegistry, AuditLedger]) -> None:
    _, ledger = opened
    ledger.catch_up()
    result = ledger.verify()
    assert result.ok and result.events_checked == EXPECTED["max_position"]
    assert len(ledger.checkpoints()) == len(EXPECTED["checkpoints"]) == 2


def load_into_postgres(sqlite_dir: Path, settings: RegistrySettings) -> None:
    """Copies the SQLite store's events (in their order) and service rows into PostgreSQL
    tables that a registry opened there first has created."""
    import sqlite3

    import psycopg

    empty, db = make_registry(settings), open_service_database(settings)
    key, _ = load_or_create_signing_key(sqlite_dir / "keys" / "signing.pem", create=False)
    AuditLedger(db, empty.recorder, key)  # creates the chain's tables
    table = empty.recorder.events_table_name  # type: ignore[attr-defined]
    db.close()
    empty.close()
    events = sqlite3.connect(sqlite_dir / "consentry.sqlite")
    service = sqlite3.connect(sqlite_dir / "service.sqlite")
    with psycopg.connect(str(settings.database_url), autocommit=False) as conn:
        conn.execute(f'SET search_path TO "{settings.database_schema}"')
        conn.cursor().executemany(
            f"INSERT INTO {table} "
            "(notification_id, originator_id, originator_version, topic, state) "
            "VALUES (%s, %s, %s, %s, %s)",
            events.execute(
                "SELECT rowid, originator_id, originator_version, topic, state "
                "FROM stored_events ORDER BY rowid"
            ).fetchall(),
        )
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'notification_id'), "
            f"(SELECT max(notification_id) FROM {table}))"
        )
        service_tables = ("privacy_subject_keys", "privacy_key_check", "audit_links")
        for table in (*service_tables, "audit_checkpoints"):
            cursor = service.execute(f"SELECT * FROM {table}")
            columns = [c[0] for c in cursor.description]
            marks = ", ".join(["%s"] * len(columns))
            conn.execute(f"DELETE FROM {table}")
            conn.cursor().executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", cursor.fetchall()
            )
        conn.commit()


@pytest.mark.postgres
def test_the_old_store_loaded_into_postgres_reads_as_it_did(
    tmp_path: Path, postgres_database: object, postgres_schema: str
) -> None:
    data = tmp_path / "store"
    shutil.copytree(STORE, data, ignore=shutil.ignore_patterns("expected.json"))
    url = postgres_database.url  # type: ignore[attr-defined]
    settings = RegistrySettings(data_dir=data, database_url=url, database_schema=postgres_schema)
    load_into_postgres(data, settings)
    registry = make_registry(settings)
    db = open_service_database(settings)
    key, _ = load_or_create_signing_key(data / "keys" / "signing.pem", create=False)
    try:
        ledger = AuditLedger(db, registry.recorder, key)
        seen = observe(registry, ledger, OBSERVED_AT)
        for part, expected in EXPECTED.items():
            assert seen[part] == expected, part
    finally:
        db.close()
        registry.close()

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
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from registry.application import Registry, make_registry
from registry.audit.ledger import AuditLedger
from registry.audit.signing import load_or_create_signing_key
from registry.domain.crossborder.dataflow_values import FlowProposal
from registry.servicedb import open_service_database
from registry.settings import RegistrySettings

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
STORE = FIXTURES / "store-5024061"
sys.path.insert(0, str(FIXTURES))

from plain_values import as_made, public_state  # noqa: E402
from store_view import observe  # noqa: E402

pytestmark = pytest.mark.integration

EXPECTED = json.loads((STORE / "expected.json").read_text())
OBSERVED_AT = datetime.fromisoformat(EXPECTED["observed_at"])


@contextmanager
def opened_store(settings: RegistrySettings) -> Iterator[tuple[Registry, AuditLedger]]:
    registry = make_registry(settings)
    db = open_service_database(settings)
    key, _ = load_or_create_signing_key(settings.data_dir / "keys" / "signing.pem", create=False)
    try:
        yield registry, AuditLedger(db, registry.app.recorder, key)
    finally:
        db.close()
        registry.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def opened(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Registry, AuditLedger]]:
    """A copy of the fixture store, as it is (SQLite) or loaded into a fresh PostgreSQL schema."""
    data = tmp_path / "store"
    shutil.copytree(STORE, data, ignore=shutil.ignore_patterns("expected.json"))
    settings = RegistrySettings(data_dir=data)
    if request.param == "postgres":
        database = request.getfixturevalue("postgres_database")
        schema = request.getfixturevalue("postgres_schema")
        settings = settings.model_copy(
            update={"database_url": database.url, "database_schema": schema}
        )
        load_into_postgres(data, settings)
    with opened_store(settings) as store:
        yield store


ANY = object()
ADDED: dict[str, dict[str, object]] = {
    "flows": {"origin": "CN", "recipient_certified": 0, "safeguard": None, "derogation": None},
    "controllers": {"dpo_contact": None, "changes": []},
    # Computed from kinds of events the fixture has none of (customers' responses).
    "succession": {"responses": ANY, "consents_withdrawn": ANY, "standing": ANY},
    "succession_aggregate": {"withdrawn": ANY, "response": ANY},
}
"""Per part of the observation, the fields values gained after the fixture was made, with
what the fixture's events read as in them (their upcasters or defaults give it)."""


def without_added(value: object, added: dict[str, object]) -> object:
    """`value` without the `added` fields, at any depth, each checked first."""
    if isinstance(value, dict):
        for name, old in added.items():
            assert old is ANY or name not in value or value[name] == old, (name, value[name])
        return {key: without_added(item, added) for key, item in value.items() if key not in added}
    if isinstance(value, list):
        return [without_added(item, added) for item in value]
    return value


def test_the_old_store_reads_as_it_did(opened: tuple[Registry, AuditLedger]) -> None:
    registry, ledger = opened
    seen = observe(registry, ledger, OBSERVED_AT)
    for part, expected in EXPECTED.items():
        assert without_added(as_made(seen[part]), ADDED.get(part, {})) == expected, part


def test_rebuilt_read_models_match_the_old_rows(
    opened: tuple[Registry, AuditLedger],
) -> None:
    registry, ledger = opened
    assert registry.app.read_model.rebuild() > 0
    assert registry.app.transfer_volumes.rebuild() > 0
    seen = observe(registry, ledger, OBSERVED_AT)
    assert seen["consent_rows"] == EXPECTED["consent_rows"]
    assert seen["volume_rows"] == EXPECTED["volume_rows"]


def test_the_old_chain_and_checkpoints_verify(opened: tuple[Registry, AuditLedger]) -> None:
    _, ledger = opened
    ledger.catch_up()
    result = ledger.verify()
    assert result.ok and result.events_checked == EXPECTED["max_position"]
    assert len(ledger.checkpoints()) == len(EXPECTED["checkpoints"]) == 2


def test_new_events_chain_on_after_the_old_ones(
    opened: tuple[Registry, AuditLedger],
) -> None:
    """Events written now (typed values, version 2) follow the old ones in the log: the chain
    over both verifies, the old links stay as they were, and both kinds read back."""
    registry, ledger = opened
    ledger.catch_up()
    old_links = ledger.links()
    proposal = FlowProposal("JP", "Acme KK", "privacy@acme.example.jp", ("newsletter",))
    registry.flows.propose_flow("acme-jp-newsletter", "acme", proposal, on=date(2026, 11, 2))
    newsletter = registry.app.purpose("newsletter").current
    revised = replace(newsletter.spec, retention_days=400)
    registry.purposes.revise_purpose(
        "newsletter", revised, material=False, effective_at=OBSERVED_AT
    )

    ledger.catch_up()
    result = ledger.verify()
    old_count = EXPECTED["max_position"]
    assert result.ok and result.events_checked == old_count + 3
    assert {p: h for p, h in ledger.links().items() if p <= old_count} == old_links
    assert len(ledger.checkpoints()) == len(EXPECTED["checkpoints"]) + 1
    new = registry.app.recorder.select_notifications(old_count + 1, 10)
    assert [json.loads(n.state)["class_version"] for n in new] == [2, 2, 2]
    assert registry.flows.data_flow("acme-jp-newsletter").proposal == proposal
    history = public_state(registry.app.purpose("newsletter"))["history"]
    assert as_made(history[:-1]) == EXPECTED["purposes"]["newsletter"]["history"]
    assert registry.app.purpose("newsletter").current.spec == revised


def load_into_postgres(sqlite_dir: Path, settings: RegistrySettings) -> None:
    """Copies the SQLite store's events (in their order) and service rows into PostgreSQL
    tables that a registry opened there first has created."""
    import sqlite3

    import psycopg

    with opened_store(settings) as (empty, _):  # creates the tables, chain's included
        table = empty.app.recorder.events_table_name  # type: ignore[attr-defined]
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

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

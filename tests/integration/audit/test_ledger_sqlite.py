"""The hash-chain ledger over a real SQLite event store, tampered with by SQL."""

import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from registry.audit.export import export_lines, verify_export
from registry.audit.ledger import AuditLedger
from registry.servicedb import SQLiteServiceDatabase


class Note(Aggregate):
    @event("Written")
    def __init__(self, text: str) -> None:
        self.text = text

    @event("Edited")
    def edit(self, text: str) -> None:
        self.text = text


def make_store(tmp_path: Path) -> tuple[Application, AuditLedger, Path]:
    db_file = tmp_path / "events.sqlite"
    app = Application(
        env={
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(db_file),
        }
    )
    for i in range(5):
        note = Note(f"note {i}")
        note.edit(f"note {i} edited")
        app.save(note)
    ledger = AuditLedger(
        SQLiteServiceDatabase(tmp_path / "service.sqlite"),
        app.recorder,
        Ed25519PrivateKey.generate(),
    )
    assert ledger.catch_up() == 10
    return app, ledger, db_file


def sql(db_file: Path, statement: str, *params: object) -> None:
    with sqlite3.connect(db_file) as conn:
        conn.execute(statement, params)


def test_untouched_store_verifies_and_resumes(tmp_path: Path) -> None:
    app, ledger, _ = make_store(tmp_path)
    result = ledger.verify()
    assert result.ok and result.events_checked == 10
    app.save(Note("later"))
    assert ledger.catch_up() == 1
    assert ledger.catch_up() == 0
    assert ledger.verify().events_checked == 11
    assert len(ledger.checkpoints()) == 2


def test_two_chainers_link_each_event_once(tmp_path: Path) -> None:
    """A second ledger on the same databases (another replica) resumes from the chain's
    position: it neither links an event again nor leaves one out, and its links and the
    first ledger's are one chain."""
    app, ledger, _ = make_store(tmp_path)
    other = AuditLedger(ledger.db, app.recorder, ledger.key)
    assert other.catch_up() == 0
    app.save(Note("later"))
    app.save(Note("later still"))
    assert other.catch_up() == 2
    assert ledger.catch_up() == 0
    assert sorted(ledger.links()) == list(range(1, 13))
    assert ledger.verify().ok and other.verify().events_checked == 12


def test_a_rebuilt_chain_has_the_same_links(tmp_path: Path) -> None:
    app, ledger, _ = make_store(tmp_path)
    links = ledger.links()
    assert ledger.chain.rebuild() == 10
    assert ledger.links() == links
    assert ledger.verify().ok and app.recorder.max_notification_id() == 10


@pytest.mark.parametrize(
    ("statement", "first_bad"),
    [
        (
            "UPDATE stored_events SET state = CAST(REPLACE(CAST(state AS TEXT), 'note 3', 'note 9')"
            " AS BLOB) WHERE rowid = 7",
            7,
        ),
        ("DELETE FROM stored_events WHERE rowid = 4", 4),
        (
            "UPDATE stored_events SET state = (SELECT state FROM stored_events WHERE rowid = 6)"
            " WHERE rowid = 5",
            5,
        ),
    ],
    ids=["one-byte-edit", "delete", "copy-over"],
)
def test_tampering_is_reported_at_its_position(
    tmp_path: Path, statement: str, first_bad: int
) -> None:
    _, ledger, db_file = make_store(tmp_path)
    sql(db_file, statement)
    result = ledger.verify()
    assert not result.ok
    assert result.first_bad_position == first_bad


def test_swapping_two_events_is_detected(tmp_path: Path) -> None:
    _, ledger, db_file = make_store(tmp_path)
    with sqlite3.connect(db_file) as conn:
        (a,), (b,) = conn.execute(
            "SELECT state FROM stored_events WHERE rowid IN (2, 8) ORDER BY rowid"
        )
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = 2", (b,))
        conn.execute("UPDATE stored_events SET state = ? WHERE rowid = 8", (a,))
    assert ledger.verify().first_bad_position == 2


def test_export_verifies_offline_and_fails_after_tampering(tmp_path: Path) -> None:
    _, ledger, db_file = make_store(tmp_path)
    public = ledger.key.public_key()
    assert verify_export(list(export_lines(ledger)), public).ok
    sql(db_file, "DELETE FROM stored_events WHERE rowid = 3")
    result = verify_export(list(export_lines(ledger)), public)
    assert not result.ok and result.first_bad_position == 3

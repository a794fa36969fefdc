"""Tampering with the registry's own stored events, by SQL, on SQLite and PostgreSQL: verify
names the first bad position, and an export of the tampered store fails offline."""

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from consentry.services import Services, open_services
from consentry.settings import Settings
from knowledge.settings import KnowledgeSettings
from registry.api.settings import ApiSettings
from registry.application import Answer
from registry.audit.export import export_lines, verify_export
from registry.domain import ConsentDetails, LawfulBasis, PurposeSpec
from registry.settings import RegistrySettings

Sql = Callable[[str], None]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Services, Sql]]:
    if request.param == "sqlite":
        registry = RegistrySettings(data_dir=tmp_path)
        events_file = tmp_path / "consentry.sqlite"

        def run(statement: str) -> None:
            with sqlite3.connect(events_file) as conn:
                conn.execute(statement.format(table="stored_events", pos="rowid"))

    else:
        database = request.getfixturevalue("postgres_database")
        schema = request.getfixturevalue("postgres_schema")
        registry = RegistrySettings(
            data_dir=tmp_path, database_url=database.url, database_schema=schema
        )

        def run(statement: str) -> None:
            table = f'"{schema}".consentregistry_events'
            with psycopg.connect(database.url) as conn:
                conn.execute(statement.format(table=table, pos="notification_id").encode())

    services = open_services(
        Settings(
            registry=registry,
            api=ApiSettings(api_keys="admin:k"),
            knowledge=KnowledgeSettings(data_dir=tmp_path),
        )
    )
    services.registry.purposes.define_purpose("news", PurposeSpec("News", LawfulBasis.CONSENT))
    for n in range(4):
        services.registry.consents.record_answer(
            "default",
            f"C-{n}",
            "news",
            Answer.GIVEN,
            ConsentDetails(occurred_at=services.registry.app.clock()),
        )
    services.ledger.catch_up()
    yield services, run
    services.close()


def test_untouched_store_verifies(store: tuple[Services, Sql]) -> None:
    services, _ = store
    result = services.ledger.verify()
    assert result.ok and result.events_checked == 10
    public = services.ledger.key.public_key()
    assert verify_export(list(export_lines(services.ledger)), public).ok


@pytest.mark.parametrize(
    ("statement", "first_bad"),
    [
        ("UPDATE {table} SET topic = topic || 'x' WHERE {pos} = 6", 6),
        ("DELETE FROM {table} WHERE {pos} = 5", 5),
        (
            "UPDATE {table} SET state = (SELECT state FROM {table} WHERE {pos} = 9)"
            " WHERE {pos} = 7",
            7,
        ),
    ],
    ids=["edited", "deleted", "overwritten"],
)
def test_tampering_is_found_online_and_offline(
    store: tuple[Services, Sql], statement: str, first_bad: int
) -> None:
    services, run = store
    run(statement)
    result = services.ledger.verify()
    assert not result.ok and result.first_bad_position == first_bad
    offline = verify_export(list(export_lines(services.ledger)), services.ledger.key.public_key())
    assert not offline.ok and offline.first_bad_position == first_bad

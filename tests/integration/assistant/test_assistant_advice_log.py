"""The advice log on the real service databases: SQLite and PostgreSQL."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from assistant.advice_log import AdviceLog
from assistant.service import AskRequest, Assistant
from registry.servicedb import PostgresServiceDatabase, ServiceDatabase, SQLiteServiceDatabase


@dataclass(frozen=True)
class User:
    role: str
    key_id: str
    label: str = "tester"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path) -> Iterator[ServiceDatabase]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        db: ServiceDatabase = SQLiteServiceDatabase(tmp_path / "service.sqlite")
    else:
        url = request.getfixturevalue("postgres_database").url
        db = PostgresServiceDatabase(url, request.getfixturevalue("postgres_schema"))
    yield db
    db.close()


def test_entries_round_trip_newest_first(database: ServiceDatabase) -> None:
    log = AdviceLog(database)
    first = log.record(
        key_id="k1",
        role="staff",
        label="alice",
        question="第一问",
        mode="extractive",
        refused=False,
        cited=["PIPL Art. 22"],
        index_version="v1",
        session_id=None,
    )
    second = log.record(
        key_id="k2",
        role="regulator",
        label="bob",
        question="second",
        mode="llm",
        refused=True,
        cited=[],
        index_version="v1",
        session_id="s-1",
    )
    entries = log.entries()
    assert [e.advice_id for e in entries] == [second.advice_id, first.advice_id]
    assert entries[1] == first
    assert entries[0].refused is True and entries[0].session_id == "s-1"
    assert [e.advice_id for e in log.entries(limit=1, offset=1)] == [first.advice_id]
    assert [e.question for e in log.entries(key_id="k1")] == ["第一问"]


def test_the_log_survives_reopening_and_schema_creation_is_repeatable(
    database: ServiceDatabase,
) -> None:
    AdviceLog(database).record(
        key_id="k",
        role="staff",
        label="",
        question="q",
        mode="extractive",
        refused=False,
        cited=["GDPR Art. 33"],
        index_version="v",
        session_id=None,
    )
    reopened = AdviceLog(database)
    assert [e.cited for e in reopened.entries()] == [("GDPR Art. 33",)]


def test_every_answer_is_logged_with_who_mode_sources_and_index(database, memory_search) -> None:  # type: ignore[no-untyped-def]
    assistant = Assistant(memory_search, memory_search, advice=AdviceLog(database))
    answer = assistant.ask(
        AskRequest("公司合并时客户个人信息转移给接收方，要告知什么？"),
        User("staff", "k-9", "carol"),
    )
    refusal = assistant.ask(
        AskRequest("年终奖的个人所得税怎么计算？"), User("staff", "k-9", "carol")
    )
    entries = {e.advice_id: e for e in assistant.advice_entries()}
    logged = entries[answer.advice_id or ""]
    assert (logged.key_id, logged.role, logged.label) == ("k-9", "staff", "carol")
    assert logged.mode == "extractive" and not logged.refused
    assert list(logged.cited) == [c.label for c in answer.citations] and logged.cited
    assert logged.index_version == memory_search.index_version()
    assert entries[refusal.advice_id or ""].refused

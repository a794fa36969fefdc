"""Shared fixtures.

PostgreSQL: tests marked `postgres` get a fresh database. `CONSENTRY_TEST_DATABASE_URL` names
one (CI creates it); otherwise a throwaway database is created on 127.0.0.1:5432 and dropped
at the end. When PostgreSQL cannot be reached the tests are skipped when pytest is run by
hand, but fail in CI (`CI` set) and under `make test` (`CONSENTRY_TEST_REQUIRE_POSTGRES` set,
after it has started the server): there they must never be skipped.
"""

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from index_builds import BUILDS, timed_build

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@dataclass(frozen=True)
class PostgresDatabase:
    url: str

    @property
    def dbname(self) -> str:
        return urlsplit(self.url).path.lstrip("/")


def _unreachable(reason: str) -> None:
    if os.environ.get("CI") or os.environ.get("CONSENTRY_TEST_REQUIRE_POSTGRES"):
        pytest.fail(f"PostgreSQL is required (CI or make test): {reason}")
    pytest.skip(f"PostgreSQL not reachable: {reason}")


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[PostgresDatabase]:
    import psycopg

    given = os.environ.get("CONSENTRY_TEST_DATABASE_URL")
    if given:
        try:
            psycopg.connect(given, connect_timeout=5).close()
        except psycopg.OperationalError as error:
            _unreachable(str(error))
        yield PostgresDatabase(given)
        return
    name = f"consentry_test_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        _unreachable(str(error))
    yield PostgresDatabase(f"postgresql://postgres@127.0.0.1:5432/{name}")
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def postgres_schema(postgres_database: PostgresDatabase) -> Iterator[str]:
    """A fresh schema in the test database, dropped after the test."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_database.url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    yield schema
    with psycopg.connect(postgres_database.url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture(scope="session")
def shared_corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedded index of `knowledge/` and `../shared/regulations`, built once for every
    evaluation in the session (embedding the whole corpus takes minutes on two cores).

    `CONSENTRY_EVAL_INDEX_DIR` names a folder to keep it in between runs; ingest is
    incremental, so a kept index is only brought up to date. Without `../shared` the
    evaluations are skipped, except in CI (`CI` set), where they fail instead.
    """
    from knowledge.evaluation_run import build_index
    from knowledge.settings import PACKAGE_DIR

    regulations = SHARED / "regulations"
    if not (regulations.is_dir() and (SHARED / "eval" / "retrieval-dev.jsonl").is_file()):
        if os.environ.get("CI"):
            pytest.fail(f"the shared corpus and evaluation files are required in CI: {SHARED}")
        pytest.skip(f"no shared corpus at {SHARED}")
    kept = os.environ.get("CONSENTRY_EVAL_INDEX_DIR")
    index_dir = Path(kept) if kept else tmp_path_factory.mktemp("shared-index")
    with timed_build(f"shared corpus index ({index_dir})"):
        build_index([PACKAGE_DIR, regulations], index_dir, progress=False)
    return index_dir


def pytest_configure(config: pytest.Config) -> None:
    """One passage-vector cache for the whole session (`knowledge.embedding_cache`), so that
    the session's index builds embed each text once: they share the package's own corpus.
    Servers the tests start get it through their environment."""
    if not os.environ.get("CONSENTRY_EMBEDDINGS_CACHE"):
        folder = Path(tempfile.mkdtemp(prefix="consentry-test-embeddings-"))
        os.environ["CONSENTRY_EMBEDDINGS_CACHE"] = str(folder / "embeddings.sqlite")
        config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The session's knowledge index builds and how long each took."""
    if BUILDS:
        terminalreporter.section("knowledge index builds")
        for label, seconds in BUILDS:
            terminalreporter.write_line(f"{seconds:8.1f}s  {label}")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests by folder so `-m unit|integration|e2e` selects them."""
    for item in items:
        parts = item.path.parts
        for level in ("unit", "integration", "e2e"):
            if level in parts:
                item.add_marker(getattr(pytest.mark, level))

"""PostgreSQL tests are never skipped in CI or under `make test`: with the database out of reach
they fail there, and are skipped only when pytest is run by hand. Checked by running the
suite's own conftest in a separate pytest over a test that asks for the database, pointed at
a port where nothing listens."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parents[1] / "conftest.py"
NEEDS_POSTGRES = """
def test_needs_postgres(postgres_database):
    assert postgres_database.url
"""
UNREACHABLE = "postgresql://postgres@127.0.0.1:1/consentry_nowhere"


def run_pytest(folder: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    shutil.copy(CONFTEST, folder / "conftest.py")
    shutil.copy(CONFTEST.with_name("index_builds.py"), folder / "index_builds.py")
    (folder / "test_needs_postgres.py").write_text(NEEDS_POSTGRES)
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"CI", "CONSENTRY_TEST_REQUIRE_POSTGRES", "PYTEST_ADDOPTS"}
    }
    env |= {"CONSENTRY_TEST_DATABASE_URL": UNREACHABLE, **extra}
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(folder)]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("setting", ["CI", "CONSENTRY_TEST_REQUIRE_POSTGRES"])
def test_unreachable_postgres_fails_when_required(tmp_path: Path, setting: str) -> None:
    run = run_pytest(tmp_path, **{setting: "1"})
    assert run.returncode == 1, run.stdout
    assert "1 error" in run.stdout and "skipped" not in run.stdout, run.stdout
    assert "PostgreSQL is required" in run.stdout, run.stdout


def test_unreachable_postgres_skips_when_run_by_hand(tmp_path: Path) -> None:
    run = run_pytest(tmp_path)
    assert run.returncode == 0, run.stdout
    assert "1 skipped" in run.stdout and "PostgreSQL not reachable" in run.stdout, run.stdout

"""The production layout in docker-compose.yml: valid for Compose, and every command it runs
is one the `consentry` command line accepts. (No container engine runs here, so the file is
checked, not started.)"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from consentry.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"


def services() -> dict[str, dict]:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def test_layout_has_the_production_services() -> None:
    found = services()
    assert {"api", "projector", "postgres", "chroma", "llm"} <= set(found)
    assert found["llm"]["profiles"] == ["llm"]
    for name in ("api", "postgres"):
        assert found[name]["healthcheck"]["test"], f"{name} has no health check"
    api_env = found["api"]["environment"]
    assert api_env["CONSENTRY_DATABASE_URL"].startswith("postgresql://")
    assert api_env["CONSENTRY_CHROMA_URL"].startswith("http://chroma:")


@pytest.mark.parametrize("name", ["api", "projector"])
def test_service_commands_are_valid_consentry_commands(name: str) -> None:
    command = services()[name]["command"]
    assert command[0] == "consentry"
    args = build_parser().parse_args(command[1:])
    assert callable(args.handler)


def test_compose_accepts_the_file(tmp_path: Path) -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail("docker-compose is required in CI (scripts/system-deps installs it)")
        pytest.skip("docker-compose is not installed")
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / "Dockerfile", tmp_path / "Dockerfile")
    (tmp_path / "secrets").mkdir()
    for secret in ("api-keys", "master.key", "signing.pem"):
        (tmp_path / "secrets" / secret).write_text("placeholder\n")
    result = subprocess.run(
        [tool, "--profile", "llm", "config", "-q"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr

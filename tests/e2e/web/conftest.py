"""Browser tests: Debian's Chromium, driven by Playwright, against `consentry serve` on loopback.

One service per session, with its own data directory and one key per role; the assistant's
index holds the PIPL only (its official text and the package's digests of it) so that it
builds in a few minutes; the registry is filled through the HTTP API as
any client would. Chromium is the system package (`/usr/bin/chromium`); Playwright never
downloads a browser here.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from index_builds import timed_build
from playwright.sync_api import Browser, Page, sync_playwright
from served_process import free_port, start_serve, wait_until_answering
from web_seed import SeededRegistry, seed_registry

from knowledge.settings import PACKAGE_DIR as CORPUS_DIR

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROLES = ("admin", "staff", "regulator", "system")
START_TIMEOUT_S = 180
INDEX_TIMEOUT_S = 900
# The first test also waits for the index and the service (pytest-timeout counts fixtures).
TEST_TIMEOUT_S = INDEX_TIMEOUT_S + START_TIMEOUT_S + 300
HERE = Path(__file__).resolve().parent
# The official texts stay outside the repository, in shared/ beside it; an answer may cite
# only an article whose official text is indexed.
OFFICIAL_PIPL = CORPUS_DIR.parent.parent / "shared" / "regulations" / "cn-pipl-2021.md"
INDEXED = [CORPUS_DIR / "digests" / "cn-pipl-2021.md", OFFICIAL_PIPL]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.timeout(TEST_TIMEOUT_S))


def _service_env(data_dir: Path, keys: dict[str, str]) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("CONSENTRY_")}
    env["CONSENTRY_EMBEDDINGS_CACHE"] = os.environ.get("CONSENTRY_EMBEDDINGS_CACHE", "")
    env["CONSENTRY_DATA_DIR"] = str(data_dir)
    env["CONSENTRY_API_KEYS"] = ",".join(f"{role}:{key}" for role, key in keys.items())
    return env


def _build_index(env: dict[str, str], log: Path) -> None:
    if not OFFICIAL_PIPL.is_file():
        pytest.fail(f"the official PIPL text must be at {OFFICIAL_PIPL} (shared/ beside the repo)")
    command = [sys.executable, "-m", "consentry.cli", "knowledge", "ingest", "--no-progress"]
    with log.open("wb") as output, timed_build("web pages' index (official PIPL + knowledge/)"):
        done = subprocess.run(
            [*command, *map(str, INDEXED)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            timeout=INDEX_TIMEOUT_S,
            check=False,
        )
    assert done.returncode == 0, f"knowledge ingest failed:\n{log.read_text()}"


class Service:
    def __init__(self, base_url: str, keys: dict[str, str]) -> None:
        self.base_url = base_url
        self.keys = keys

    def client(self, role: str) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[role]}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=120)


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("web-service")
    keys = {role: f"{role}-{secrets.token_urlsafe(16)}" for role in ROLES}
    port = free_port()
    env = _service_env(root / "data", keys)
    _build_index(env, root / "ingest.log")
    log = root / "service.log"
    process = start_serve(port, env, log)
    try:
        base_url = f"http://127.0.0.1:{port}"
        wait_until_answering(f"{base_url}/healthz", process, START_TIMEOUT_S, log.read_text)
        yield Service(base_url, keys)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def seeded(service: Service) -> SeededRegistry:
    with service.client("admin") as admin:
        return seed_registry(admin)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM} (Debian package 'chromium')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser, service: Service) -> Iterator[Page]:
    """A fresh tab at 1440 px; JavaScript errors and Content-Security-Policy violations (a
    resource from elsewhere, an inline script) fail the test."""
    context = browser.new_context(
        viewport={"width": 1440, "height": 900}, base_url=service.base_url, accept_downloads=True
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"

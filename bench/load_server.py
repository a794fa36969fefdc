"""The server under load: a store preloaded through the bulk import, then `consentry serve`
in its own process, with its resident memory read from /proc."""

import csv
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

import httpx

KEYS = {role: f"load-{role}-key-0000000000000001" for role in ("admin", "staff", "system")}
PURPOSES = ("newsletter", "profiling", "sharing")
START = datetime(2024, 1, 1, tzinfo=UTC)
READY_TIMEOUT_S = 180


def server_env(data_dir: Path, url: str | None, schema: str | None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("CONSENTRY_")}
    env["CONSENTRY_DATA_DIR"] = str(data_dir)
    env["CONSENTRY_API_KEYS"] = ",".join(f"{role}:{key}" for role, key in KEYS.items())
    env["CONSENTRY_RATE_LIMIT_PER_MINUTE"] = "0"  # the clients share keys; measure the service
    if url:
        env["CONSENTRY_DATABASE_URL"] = url
    if schema:
        env["CONSENTRY_DATABASE_SCHEMA"] = schema
    return env


def preload(env: dict[str, str], subjects: int) -> list[str]:
    """Three consent-based purposes and `subjects` customers with one answer each, written
    through the registry's bulk import with the server's own settings."""
    from consentry.services import open_services
    from consentry.settings import Settings
    from registry.api.settings import ApiSettings
    from registry.domain import LawfulBasis, PurposeSpec
    from registry.importer import import_file
    from registry.settings import RegistrySettings

    data_dir = Path(env["CONSENTRY_DATA_DIR"])
    registry_settings = RegistrySettings(
        data_dir=data_dir,
        database_url=env.get("CONSENTRY_DATABASE_URL"),
        database_schema=env.get("CONSENTRY_DATABASE_SCHEMA"),
    )
    services = open_services(
        Settings(registry=registry_settings, api=ApiSettings(api_keys=env["CONSENTRY_API_KEYS"]))
    )
    try:
        for purpose in PURPOSES:
            spec = PurposeSpec(purpose.title(), LawfulBasis.CONSENT)
            services.registry.purposes.define_purpose(purpose, spec, effective_at=START)
        refs = [f"L{n:07d}" for n in range(subjects)]
        source = data_dir / "preload.csv"
        with source.open("w", newline="") as handle:
            rows = csv.writer(handle)
            rows.writerow(["controller", "customer_ref", "purpose", "status", "occurred_at"])
            for n, ref in enumerate(refs):
                occurred = (START + timedelta(seconds=n)).isoformat()
                rows.writerow(["default", ref, PURPOSES[n % len(PURPOSES)], "given", occurred])
        import_file(services.registry, source)
    finally:
        services.close()
    return refs


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """`consentry serve` on a free loopback port, for the span of a `with` block."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Server":
        command = [sys.executable, "-m", "consentry.cli", "serve", "--skip-ingest"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not self._ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__(None, None, None)
                raise SystemExit(f"the server did not start:\n{self.tail()}")
            time.sleep(0.2)
        return self

    def _ready(self) -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}/readyz", timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)

    def rss(self) -> int:
        """Resident memory of the server process, in bytes."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmRSS in /proc status")

    def tail(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

"""Real processes for the fault tests: `consentry serve` (uvicorn) on loopback, and a private
PostgreSQL cluster that a test may stop and start without disturbing anyone else's.

Every wait here is bounded; every process started here is stopped by its owner's fixture.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
from served_process import free_port, start_serve, wait_until_answering

from registry.settings import RegistrySettings

ROLES = ("admin", "staff", "system", "regulator")
KEYS = {role: f"fault-{role}-key-0123456789" for role in ROLES}
SERVER_ERRORS = ('HTTP/1.1" 500', "Exception in ASGI application", "unhandled error on")
START_TIMEOUT_S = 90
STOP_TIMEOUT_S = 20


@dataclass(frozen=True)
class Store:
    """Where a server keeps its data: SQLite files in `data_dir`, or a PostgreSQL schema
    (then `data_dir` holds only the signing key)."""

    data_dir: Path
    database_url: str | None = None
    schema: str | None = None

    @property
    def kind(self) -> str:
        return "postgres" if self.database_url else "sqlite"

    def env(self) -> dict[str, str]:
        env = {"CONSENTRY_DATA_DIR": str(self.data_dir)}
        if self.database_url:
            env["CONSENTRY_DATABASE_URL"] = self.database_url
        if self.schema:
            env["CONSENTRY_DATABASE_SCHEMA"] = self.schema
        return env

    def registry_settings(self) -> RegistrySettings:
        return RegistrySettings(
            data_dir=self.data_dir, database_url=self.database_url, database_schema=self.schema
        )


class Server:
    """One `consentry serve` process; `start()` again after `kill()` restarts it on its port."""

    def __init__(self, store: Store, log: Path, **env: str) -> None:
        self.store = store
        self.log = log
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.extra_env = env
        self.process: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENTRY_")}
        env.update(self.store.env())
        env["CONSENTRY_API_KEYS"] = ",".join(f"{role}:{key}" for role, key in KEYS.items())
        env["CONSENTRY_RATE_LIMIT_PER_MINUTE"] = "0"
        env.update(self.extra_env)
        return env

    def start(self) -> Server:
        self.process = start_serve(self.port, self._env(), self.log, append=True)
        try:
            wait_until_answering(
                f"{self.base_url}/healthz", self.process, START_TIMEOUT_S, self.tail
            )
        except AssertionError:
            self.kill()
            raise
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a power cut of the process."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=STOP_TIMEOUT_S)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.kill()

    def client(self, role: str = "admin", timeout: float = 30.0) -> httpx.Client:
        headers = {"Authorization": f"Bearer {KEYS[role]}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=timeout)

    def tail(self, lines: int = 40) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def server_errors(self) -> list[str]:
        """Answers 500 and errors that escaped the problem handlers, from the server's log
        (background work that logs and retries, such as chaining, is not counted)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return [line for line in text.splitlines() if any(m in line for m in SERVER_ERRORS)]


class PrivatePostgres:
    """A PostgreSQL cluster of this test's own, on a free loopback port, trust auth.

    Run as the `postgres` OS user when the tests run as root (PostgreSQL refuses root)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="consentry-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.bin = _postgres_bin()
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stdout!r} {done.stderr!r}")

    def init(self) -> PrivatePostgres:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync")
        return self

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def destroy(self) -> None:
        if self.running():
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def _postgres_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql")
    return found[-1].parent

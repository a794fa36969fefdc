"""API benchmark: consent lookups over HTTP beside a bare FastAPI endpoint, in one run.

Both are served by uvicorn (one worker) on loopback and driven the same way: 32 clients on
keep-alive connections, each sending its next request as soon as the last one answered,
for a fixed time. The app is `consentry serve` on SQLite with subjects and consents
preloaded and rate limiting off; lookups are `GET /v1/subjects/{ref}/consents` by a system
key (systems' reads are not written to the access log). The bare app answers a constant.

    python bench/api.py [--seconds 10] [--clients 32] [--subjects 2000]

Target: lookups/s >= 0.6 x the bare endpoint's requests/s. The last line is `RESULT {json}`.
"""

import sys
from pathlib import Path

# `bench/registry.py` shares its name with the package: keep this folder off the import path.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import asyncio
import csv
import json
import os
import random
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx

TARGET = 0.6
SYSTEM_KEY = "bench-system-key-000000000001"
ADMIN_KEY = "bench-admin-key-0000000000001"
START = datetime(2024, 1, 1, tzinfo=UTC)
BARE_APP = """
import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/constant")
def constant() -> dict[str, str]:
    return {"status": "ok"}


uvicorn.run(app, host="127.0.0.1", port={port})
"""


@dataclass
class Figures:
    """What one server did across the rounds: requests, wall and server CPU time, latencies."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    errors: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def per_cpu_second(self) -> float:
        return self.requests / self.cpu_seconds

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process, all its threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running(command: list[str], env: dict[str, str], port: int, ready: str) -> Iterator[int]:
    """Start a server process, wait until `ready` answers 200, stop it with SIGTERM."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit(
                    f"server exited: {process.stderr.read() if process.stderr else ''}"
                )
            try:
                if httpx.get(f"http://127.0.0.1:{port}{ready}", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("server did not become ready")
            time.sleep(0.2)
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def preload(data_dir: Path, subjects: int) -> list[str]:
    """Purposes and `subjects` customers with one or two answers each, through the registry's
    own bulk import (what `consentry import` does)."""
    from consentry.services import open_services
    from consentry.settings import Settings
    from registry.api.settings import ApiSettings
    from registry.domain import LawfulBasis, PurposeSpec, SeparateConsentReason
    from registry.importer import import_file
    from registry.settings import RegistrySettings

    settings = Settings(
        registry=RegistrySettings(data_dir=data_dir), api=ApiSettings(api_keys=f"admin:{ADMIN_KEY}")
    )
    services = open_services(settings)
    registry = services.registry
    registry.purposes.define_purpose(
        "newsletter", PurposeSpec("Newsletter", LawfulBasis.CONSENT), effective_at=START
    )
    health = PurposeSpec(
        "Health programme",
        LawfulBasis.CONSENT,
        sensitive=True,
        separate_consent_reasons=frozenset({SeparateConsentReason.SENSITIVE}),
    )
    registry.purposes.define_purpose("health", health, effective_at=START)
    refs = [f"C{n:07d}" for n in range(subjects)]
    source = data_dir / "preload.csv"
    with source.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["controller", "customer_ref", "purpose", "status", "occurred_at", "separate"])
        for n, ref in enumerate(refs):
            at = (START + timedelta(minutes=n)).isoformat()
            out.writerow(["default", ref, "newsletter", "given" if n % 4 else "refused", at, ""])
            if n % 2 == 0:
                out.writerow(["default", ref, "health", "given", at, "true"])
    import_file(registry, source)
    services.close()
    return refs


async def _client(
    port: int, paths: Callable[[], str], headers: bytes, until: float, latencies: list[float]
) -> int:
    """One keep-alive connection sending requests back to back; returns non-200 answers."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    errors = 0
    try:
        while time.perf_counter() < until:
            request = f"GET {paths()} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode() + headers
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            errors += head[9:12] != b"200"
    finally:
        writer.close()
    return errors


async def _round(
    port: int, paths: Callable[[], str], headers: bytes, clients: int, seconds: float
) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    started = time.perf_counter()
    until = started + seconds
    errors = await asyncio.gather(
        *(_client(port, paths, headers, until, latencies) for _ in range(clients))
    )
    return latencies, time.perf_counter() - started, sum(errors)


@dataclass(frozen=True)
class Target:
    """A running server and what to ask it."""

    pid: int
    port: int
    paths: Callable[[], str]
    key: str

    @property
    def headers(self) -> bytes:
        return f"Authorization: Bearer {self.key}\r\n\r\n".encode() if self.key else b"\r\n"


def drive(targets: list[Target], clients: int, seconds: float, rounds: int) -> list[Figures]:
    """Short rounds in turn, so that both servers see the same machine (its load drifts)."""
    figures = [Figures() for _ in targets]

    async def run() -> None:
        for target in targets:  # warm-up: connections, caches, first requests
            await _round(target.port, target.paths, target.headers, clients, 1.0)
        for _ in range(rounds):
            for target, figure in zip(targets, figures, strict=True):
                cpu = cpu_seconds(target.pid)
                latencies, elapsed, errors = await _round(
                    target.port, target.paths, target.headers, clients, seconds / rounds
                )
                figure.cpu_seconds += cpu_seconds(target.pid) - cpu
                figure.latencies.extend(latencies)
                figure.seconds += elapsed
                figure.errors += errors

    asyncio.run(run())
    return figures


def chain_preloaded_events(port: int) -> None:
    """The service chains new events into its audit ledger in the background; do the
    preload's share now, so that lookups are measured in the steady state."""
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    answer = httpx.get(f"http://127.0.0.1:{port}/v1/audit/verify", headers=headers, timeout=600)
    answer.raise_for_status()


def server_env(data_dir: Path) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("CONSENTRY_")}
    env.update(
        CONSENTRY_DATA_DIR=str(data_dir),
        CONSENTRY_KNOWLEDGE_DATA_DIR=str(data_dir / "knowledge"),
        CONSENTRY_API_KEYS=f"admin:{ADMIN_KEY},system:{SYSTEM_KEY}",
        CONSENTRY_RATE_LIMIT_PER_MINUTE="0",
    )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--subjects", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="consentry-bench-api-") as root:
        data_dir = Path(root) / "data"
        refs = preload(data_dir, args.subjects)
        print(f"preloaded {len(refs)} subjects on SQLite", flush=True)

        app_port, bare_port = free_port(), free_port()
        serve = [sys.executable, "-m", "consentry.cli", "serve", "--skip-ingest"]
        serve += ["--host", "127.0.0.1", "--port", str(app_port)]
        bare = [sys.executable, "-c", BARE_APP.replace("{port}", str(bare_port))]
        with (
            running(serve, server_env(data_dir), app_port, "/readyz") as app_pid,
            running(bare, dict(os.environ), bare_port, "/constant") as bare_pid,
        ):
            chain_preloaded_events(app_port)
            lookups, constant = drive(
                [
                    Target(
                        app_pid,
                        app_port,
                        lambda: f"/v1/subjects/{random.choice(refs)}/consents",
                        SYSTEM_KEY,
                    ),
                    Target(bare_pid, bare_port, lambda: "/constant", ""),
                ],
                args.clients,
                args.seconds,
                args.rounds,
            )

    ratio = lookups.per_second / constant.per_second
    cpu_ratio = lookups.per_cpu_second / constant.per_cpu_second
    for name, figure in (("consent lookups", lookups), ("bare endpoint", constant)):
        print(
            f"{name:16} {figure.per_second:8.0f}/s  p50 {figure.percentile_ms(0.5):7.2f} ms"
            f"  p99 {figure.percentile_ms(0.99):7.2f} ms  {figure.per_cpu_second:7.0f}"
            f" per server CPU-second  errors {figure.errors}"
        )
    verdict = "meets" if ratio >= TARGET else "misses"
    print(f"ratio {ratio:.2f} (target >= {TARGET}: {verdict}); per CPU-second {cpu_ratio:.2f}")
    print(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    result = {
        "clients": args.clients,
        "seconds": args.seconds,
        "subjects": len(refs),
        "lookups_per_s": round(lookups.per_second, 1),
        "lookups_p99_ms": round(lookups.percentile_ms(0.99), 2),
        "lookups_per_cpu_s": round(lookups.per_cpu_second, 1),
        "lookups_errors": lookups.errors,
        "bare_per_s": round(constant.per_second, 1),
        "bare_p99_ms": round(constant.percentile_ms(0.99), 2),
        "bare_per_cpu_s": round(constant.per_cpu_second, 1),
        "ratio": round(ratio, 3),
        "cpu_ratio": round(cpu_ratio, 3),
        "target": TARGET,
        "load_average": round(os.getloadavg()[0], 1),
    }
    print("RESULT " + json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()

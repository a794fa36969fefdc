"""`consentry serve` as a real uvicorn process on loopback, for the end-to-end tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, key: str) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; uvicorn finishes and exits."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


def _wait_until_ready(served: Served) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise AssertionError(
                f"consentry serve exited with {served.process.returncode}:\n"
                + served.log.read_text()
            )
        try:
            if httpx.get(f"{served.base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"not ready within {START_TIMEOUT_S} s:\n{served.log.read_text()}")


@contextmanager
def serve(root: Path, env: dict[str, str]) -> Iterator[Served]:
    """Start `consentry serve` with these CONSENTRY_* variables (and no others from the
    caller's environment), wait for /readyz, stop it at the end."""
    port = free_port()
    clean = {name: value for name, value in os.environ.items() if not name.startswith("CONSENTRY_")}
    log = root / "serve.log"
    command = [sys.executable, "-m", "consentry.cli", "serve", "--skip-ingest"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            env={**clean, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    served = Served(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_ready(served)
        yield served
    finally:
        served.stop()

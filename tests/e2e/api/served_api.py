"""`consentry serve` as a real uvicorn process on loopback, for the end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from served_process import free_port, start_serve, wait_until_answering

START_TIMEOUT_S = 90


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


@contextmanager
def serve(root: Path, env: dict[str, str]) -> Iterator[Served]:
    """Start `consentry serve` with these CONSENTRY_* variables (and no others from the
    caller's environment), wait for /readyz, stop it at the end."""
    port = free_port()
    clean = {name: value for name, value in os.environ.items() if not name.startswith("CONSENTRY_")}
    log = root / "serve.log"
    process = start_serve(port, {**clean, **env}, log)
    served = Served(f"http://127.0.0.1:{port}", process, log)
    try:
        wait_until_answering(f"{served.base_url}/readyz", process, START_TIMEOUT_S, log.read_text)
        yield served
    finally:
        served.stop()

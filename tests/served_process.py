"""Servers that tests start as processes on loopback: a free port, `consentry serve`, and
waiting until one answers. Importable from every test folder (this folder is on the import path)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(
    url: str,
    process: subprocess.Popen[bytes],
    timeout_s: float,
    output: Callable[[], str],
) -> None:
    """Poll `url` until it answers 200. Fails, with the process's `output()`, when the
    process exits first or `timeout_s` runs out (the process is left to the caller)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}:\n{output()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {timeout_s} s:\n{output()}")


def start_serve(
    port: int, env: dict[str, str], log: Path, *, append: bool = False, ingest: bool = False
) -> subprocess.Popen[bytes]:
    """`consentry serve --skip-ingest` on loopback with exactly `env`, its output in `log`;
    with `ingest`, plain `consentry serve`, which brings the knowledge index up to date first
    (as `make run` does)."""
    command = [sys.executable, "-m", "consentry.cli", "serve"]
    command += [] if ingest else ["--skip-ingest"]
    with log.open("ab" if append else "wb") as output:
        return subprocess.Popen(
            [*command, "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def eval_answers(eval_dir: Path, *args: str) -> dict[str, Any]:
    """`consentry eval answers` over the dev sets in `eval_dir` with `args` (an index folder,
    or a server's URL and key), no chat model; returns its `RESULT` line's figures."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENTRY_LLM_")}
    command = [
        sys.executable,
        "-m",
        "consentry.cli",
        "eval",
        "answers",
        "--questions",
        str(eval_dir / "retrieval-dev.jsonl"),
        "--out-of-scope",
        str(eval_dir / "out-of-scope-dev.jsonl"),
        *args,
    ]
    run = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    print(run.stdout)
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("RESULT ")
    figures: dict[str, Any] = json.loads(last.removeprefix("RESULT "))
    return figures

"""A load of consent commands over HTTP from a few client threads, with every outcome kept.

Each command carries its own `Idempotency-Key`, so a command whose answer was lost can be
sent again safely. An outcome is `acked` (2xx, with the position the server gave), `failed`
(an HTTP error status) or `unknown` (the connection broke: it may or may not be stored).
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from queue import Empty, SimpleQueue

import httpx
from fault_service import KEYS

PURPOSES = ("newsletter", "profiling", "sharing")
PURPOSE_BODY = {"lawful_basis": "consent", "data_categories": ["email"]}
MAX_PAUSE_S = 5.0


@dataclass(frozen=True)
class Command:
    number: int
    ref: str
    purpose: str
    status: str
    key: str

    def body(self) -> dict[str, str]:
        return {"purpose": self.purpose, "status": self.status, "channel": f"load-{self.number}"}


def plan(count: int, subjects: int, prefix: str, seed: int = 7) -> list[Command]:
    """`count` answers spread over `subjects` customers, mostly given, some withdrawn."""
    chooser = random.Random(seed)
    return [
        Command(
            number,
            f"{prefix}-{chooser.randrange(subjects)}",
            chooser.choice(PURPOSES),
            "withdrawn" if chooser.random() < 0.3 else "given",
            uuid.uuid5(uuid.NAMESPACE_URL, f"consentry-load/{prefix}/{seed}/{number}").hex,
        )
        for number in range(count)
    ]


def wait_until(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not reached within {timeout} s"
        time.sleep(0.05)


def define_purposes(client: httpx.Client) -> None:
    for purpose in PURPOSES:
        answer = client.put(f"/v1/purposes/{purpose}", json={"name": purpose, **PURPOSE_BODY})
        assert answer.status_code in (200, 201), answer.text


@dataclass(frozen=True)
class Outcome:
    command: Command
    http_status: int | None
    body: dict[str, object] | None
    started: float
    seconds: float
    error: str = ""
    content_type: str = ""
    retry_after: str | None = None

    @property
    def acked(self) -> bool:
        return self.http_status is not None and 200 <= self.http_status < 300

    @property
    def position(self) -> int:
        assert self.body is not None
        return int(str(self.body["position"]))


@dataclass
class Load:
    """Sends `commands` from `threads` clients, round robin over `urls`, until the queue is
    empty, `stop` is set, or (with `stop_on_disconnect`) a client loses its connection."""

    urls: Sequence[str]
    commands: Sequence[Command]
    threads: int = 4
    timeout: float = 30.0
    stop_on_disconnect: bool = False
    resends: int = 0
    """How often a command answered with `Retry-After` (503, 409 in progress) is sent again,
    after the pause the server asks for (at most `MAX_PAUSE_S`)."""
    outcomes: list[Outcome] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._queue: SimpleQueue[Command] = SimpleQueue()
        for command in self.commands:
            self._queue.put(command)
        self._lock = threading.Lock()
        self._workers = [
            threading.Thread(target=self._work, args=(self.urls[n % len(self.urls)],), daemon=True)
            for n in range(self.threads)
        ]

    def start(self) -> Load:
        for worker in self._workers:
            worker.start()
        return self

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for worker in self._workers:
            worker.join(max(0.0, deadline - time.monotonic()))
        assert not any(w.is_alive() for w in self._workers), f"load still running after {timeout}s"

    def run(self, timeout: float) -> Load:
        self.start().join(timeout)
        return self

    def acked(self) -> list[Outcome]:
        with self._lock:
            return [o for o in self.outcomes if o.acked]

    def count_acked(self) -> int:
        return len(self.acked())

    def unsent(self) -> list[Command]:
        """Commands never sent (left in the queue when the load stopped)."""
        left = []
        while True:
            try:
                left.append(self._queue.get_nowait())
            except Empty:
                return left

    def _work(self, url: str) -> None:
        headers = {"Authorization": f"Bearer {KEYS['system']}"}
        with httpx.Client(base_url=url, headers=headers, timeout=self.timeout) as client:
            while not self.stop.is_set():
                try:
                    command = self._queue.get_nowait()
                except Empty:
                    return
                for attempt in range(self.resends + 1):
                    outcome = send(client, command)
                    with self._lock:
                        self.outcomes.append(outcome)
                    if outcome.retry_after is None or attempt == self.resends:
                        break
                    self.stop.wait(min(float(outcome.retry_after), MAX_PAUSE_S))
                if outcome.http_status is None and self.stop_on_disconnect:
                    return


def send(client: httpx.Client, command: Command) -> Outcome:
    started = time.monotonic()
    try:
        answer = client.post(
            f"/v1/subjects/{command.ref}/consents",
            json=command.body(),
            headers={"Idempotency-Key": command.key},
        )
    except httpx.TransportError as error:
        elapsed = time.monotonic() - started
        return Outcome(command, None, None, started, elapsed, f"{type(error).__name__}: {error}")
    elapsed = time.monotonic() - started
    body = answer.json() if "json" in answer.headers.get("content-type", "") else None
    error = "" if answer.is_success else answer.text
    content_type = answer.headers.get("content-type", "")
    retry_after = answer.headers.get("retry-after")
    return Outcome(
        command, answer.status_code, body, started, elapsed, error, content_type, retry_after
    )

"""The clients of the load benchmark: asyncio tasks, each on one keep-alive HTTP/1.1
connection, sending its next request as soon as the last one is answered, until the phase
has sent its number of requests. Writing the requests by hand keeps the clients' own cost
small beside the server's, on a machine they share."""

import asyncio
import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from bench.load_server import PURPOSES

TIMEOUT_S = 60.0
SAMPLE_EVERY_S = 0.5


@dataclass(frozen=True)
class Call:
    kind: str
    method: str
    path: str
    key: str
    expect: int
    body: bytes = b""

    def encode(self) -> bytes:
        head = f"{self.method} {self.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if self.key:
            head += f"Authorization: Bearer {self.key}\r\n"
        if self.method == "POST":
            head += "Content-Type: application/json\r\n"
            head += f"Content-Length: {len(self.body)}\r\nIdempotency-Key: {uuid.uuid4()}\r\n"
        return head.encode() + b"\r\n" + self.body


Workload = Callable[[random.Random], Call]


def mixed_workload(refs: list[str], keys: dict[str, str]) -> Workload:
    """80% permission checks, 15% consent answers, 5% history reads, on random subjects."""

    def next_call(draw: random.Random) -> Call:
        ref, purpose, share = draw.choice(refs), draw.choice(PURPOSES), draw.random()
        if share < 0.80:
            path = f"/v1/subjects/{ref}/permission?purpose={purpose}"
            return Call("permission", "GET", path, keys["system"], 200)
        if share < 0.95:
            status = "withdrawn" if draw.random() < 0.3 else "given"
            body = json.dumps({"purpose": purpose, "status": status, "channel": "load"})
            path = f"/v1/subjects/{ref}/consents"
            return Call("write", "POST", path, keys["system"], 201, body.encode())
        return Call("history", "GET", f"/v1/subjects/{ref}/history", keys["staff"], 200)

    return next_call


def every_subject_once(refs: list[str], keys: dict[str, str]) -> Workload:
    """One consent answer for each subject in turn: it loads every subject into the server's
    aggregate cache (bounded, 10,000 by default), so that memory measured afterwards shows
    growth, not a cache filling up."""
    turn = iter(range(len(refs) * len(PURPOSES)))

    def next_call(_: random.Random) -> Call:
        n = next(turn, 0)
        ref, purpose = refs[n % len(refs)], PURPOSES[n // len(refs) % len(PURPOSES)]
        body = json.dumps({"purpose": purpose, "status": "given", "channel": "load"})
        return Call(
            "write", "POST", f"/v1/subjects/{ref}/consents", keys["system"], 201, body.encode()
        )

    return next_call


def healthz(_: random.Random) -> Call:
    return Call("healthz", "GET", "/healthz", "", 200)


@dataclass
class Tally:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000 if ordered else 0


@dataclass(frozen=True)
class Memory:
    start: int
    end: int
    samples: list[int]

    @property
    def peak(self) -> int:
        return max([self.start, self.end, *self.samples])


@dataclass
class Phase:
    seconds: float
    kinds: dict[str, Tally]
    memory: Memory | None
    error_samples: list[str]

    def total(self) -> Tally:
        merged = Tally(self.seconds)
        for tally in self.kinds.values():
            merged.latencies.extend(tally.latencies)
            merged.errors += tally.errors
        return merged


class Target(Protocol):
    port: int

    def rss(self) -> int: ...


def drive(
    server: Target,
    workload: Workload,
    count: int,
    clients: int,
    max_seconds: float,
    *,
    seed: int = 0,
    memory: bool = False,
) -> Phase:
    """Send `count` requests from `clients` connections (or as many as fit in `max_seconds`);
    with `memory`, the server's resident set is read before, during and after."""
    return asyncio.run(_drive(server, workload, count, clients, max_seconds, seed, memory))


async def _drive(
    server: Target,
    workload: Workload,
    count: int,
    clients: int,
    max_seconds: float,
    seed: int,
    memory: bool,
) -> Phase:
    results: list[tuple[str, float, str | None]] = []
    budget = {"left": count}
    deadline = time.perf_counter() + max_seconds
    samples: list[int] = []
    start_rss = server.rss() if memory else 0
    sampler = asyncio.create_task(_sample(server, samples)) if memory else None
    started = time.perf_counter()
    draws = [random.Random(seed * 1000 + n) for n in range(clients)]
    await asyncio.gather(
        *(_client(server.port, workload, draw, budget, deadline, results) for draw in draws)
    )
    seconds = time.perf_counter() - started
    if sampler is not None:
        sampler.cancel()
    kinds: dict[str, Tally] = {}
    errors: list[str] = []
    for kind, latency, error in results:
        tally = kinds.setdefault(kind, Tally(seconds))
        tally.latencies.append(latency)
        if error is not None:
            tally.errors += 1
            errors.append(error)
    measured = Memory(start_rss, server.rss(), samples) if memory else None
    return Phase(seconds, kinds, measured, errors)


async def _sample(server: Target, samples: list[int]) -> None:
    while True:
        await asyncio.sleep(SAMPLE_EVERY_S)
        samples.append(server.rss())


async def _client(
    port: int,
    workload: Workload,
    draw: random.Random,
    budget: dict[str, int],
    deadline: float,
    results: list[tuple[str, float, str | None]],
) -> None:
    connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    while budget["left"] > 0 and time.perf_counter() < deadline:
        budget["left"] -= 1
        call = workload(draw)
        started = time.perf_counter()
        try:
            if connection is None:
                connection = await asyncio.open_connection("127.0.0.1", port)
            status, body = await asyncio.wait_for(_exchange(*connection, call), TIMEOUT_S)
            error = None if status == call.expect else f"{call.kind} {status}: {body[:200]!r}"
        except (OSError, asyncio.IncompleteReadError, TimeoutError) as failure:
            error = f"{call.kind}: {type(failure).__name__} {failure}"
            if connection is not None:
                connection[1].close()
            connection = None
        results.append((call.kind, time.perf_counter() - started, error))
    if connection is not None:
        connection[1].close()


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, call: Call
) -> tuple[int, bytes]:
    writer.write(call.encode())
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return int(head[9:12]), await reader.readexactly(length)


def probe(port: int, admin_key: str) -> None:
    """Verify the audit chain once: the service chains the preloaded events now, so that the
    measured phase sees the steady state rather than a first catch-up."""
    headers = {"Authorization": f"Bearer {admin_key}"}
    answer = httpx.get(f"http://127.0.0.1:{port}/v1/audit/verify", headers=headers, timeout=600)
    answer.raise_for_status()

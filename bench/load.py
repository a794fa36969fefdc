"""Load benchmark: `consentry serve` under a mixed workload from 32 concurrent HTTP clients.

The server runs as in production (uvicorn, one process, loopback), on SQLite by default or
on PostgreSQL (`--database-url`, a throwaway database). Purposes and subjects are preloaded
through the registry's bulk import; then, after a warm-up (one answer for every subject, which
fills the server's bounded aggregate cache, then mixed requests), 32 clients on keep-alive
connections send a fixed number of requests, each the next as soon as the last answered:

    80%  GET  /v1/subjects/{ref}/permission?purpose=P   (a system key)
    15%  POST /v1/subjects/{ref}/consents               (a system key, an Idempotency-Key)
     5%  GET  /v1/subjects/{ref}/history                (a staff key: the read is logged)

Figures: requests/s, p50 and p99 per kind and overall, errors (any other status, or no
answer), beside a baseline measured by the same clients on the same server in the same run
(`GET /healthz`: the HTTP stack without the registry). Memory: the server's resident set
after the warm-up and at the end; the target is growth under 10% (ratio end/start < 1.10).

    python bench/load.py [--quick] [--database-url postgresql://postgres@127.0.0.1:5432]

The last line is `RESULT {json}`.
"""

import sys
from pathlib import Path

# `bench/registry.py` shares its name with the package: import from the repository root.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import os
import tempfile
from contextlib import ExitStack

from bench.load_client import (
    Phase,
    Tally,
    drive,
    every_subject_once,
    healthz,
    mixed_workload,
    probe,
)
from bench.load_server import KEYS, Server, preload, server_env
from bench.throwaway import throwaway_database

MEMORY_TARGET = 1.10


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small run (3,000 requests)")
    parser.add_argument("--database-url", help="a PostgreSQL server: postgresql://user@host:port")
    parser.add_argument("--requests", type=int, help="measured requests (default 50,000)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--subjects", type=int, help="preloaded subjects (default 5,000)")
    parser.add_argument("--max-seconds", type=float, default=1800, help="stop a phase after this")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    requests = args.requests or (3_000 if args.quick else 50_000)
    subjects = args.subjects or (500 if args.quick else 5_000)
    warmup = max(requests // 10, 500)
    store = "postgres" if args.database_url else "sqlite"
    print(f"load average (1 min) at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="consentry-load-")))
        url = None
        if args.database_url:
            url = stack.enter_context(throwaway_database(args.database_url, ("load",)))
        env = server_env(root / "data", url, "load" if url else None)
        refs = preload(env, subjects)
        print(f"{store}: preloaded {len(refs)} subjects", flush=True)
        server = stack.enter_context(Server(env, root / "server.log"))
        phases = run_phases(server, refs, requests, warmup, args)
        log_tail = server.tail()

    return report(store, args.clients, len(refs), warmup, phases, log_tail)


def run_phases(
    server: Server, refs: list[str], requests: int, warmup: int, args: argparse.Namespace
) -> dict[str, Phase]:
    """Warm-up, then the baseline, then the measured workload with memory before and after."""
    workload = mixed_workload(refs, KEYS)
    probe(server.port, KEYS["admin"])  # chains the preloaded events into the audit ledger
    drive(server, every_subject_once(refs, KEYS), len(refs), args.clients, args.max_seconds)
    drive(server, workload, warmup, args.clients, args.max_seconds, seed=args.seed)
    print(f"warmed up with one answer per subject and {warmup} mixed requests", flush=True)
    baseline = drive(server, healthz, warmup, args.clients, args.max_seconds)
    measured = drive(
        server, workload, requests, args.clients, args.max_seconds, seed=args.seed + 1, memory=True
    )
    return {"baseline": baseline, "mixed": measured}


def report(
    store: str, clients: int, subjects: int, warmup: int, phases: dict[str, Phase], tail: str
) -> int:
    baseline, mixed = phases["baseline"], phases["mixed"]
    print(
        f"\n{store}, {clients} clients, {subjects} subjects, {warmup} warm-up requests\n"
        f"{'':22} {'requests':>9} {'errors':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
    )
    rows = [("baseline GET /healthz", baseline.total()), ("mixed workload", mixed.total())]
    rows += [(f"  {kind}", tally) for kind, tally in sorted(mixed.kinds.items())]
    for label, tally in rows:
        print(
            f"{label:22} {tally.requests:>9} {tally.errors:>7} {tally.per_second:>9.1f}"
            f" {tally.percentile_ms(0.5):>8.2f} {tally.percentile_ms(0.99):>8.2f}"
        )
    for sample in mixed.error_samples[:5]:
        print(f"  error: {sample}")
    total = mixed.total()
    ratio = total.per_second / baseline.total().per_second
    memory = mixed.memory
    assert memory is not None
    growth = memory.end / memory.start
    verdict = "meets" if growth < MEMORY_TARGET else "misses"
    print(
        f"requests/s ratio mixed/baseline: {ratio:.3f}\n"
        f"server RSS: {memory.start / 2**20:.1f} MB after warm-up, {memory.end / 2**20:.1f} MB"
        f" at the end (peak {memory.peak / 2**20:.1f} MB); end/start {growth:.3f}"
        f" (target < {MEMORY_TARGET}: {verdict})"
    )
    print(f"load average (1 min) at end: {os.getloadavg()[0]:.2f}")
    if total.errors:
        print(f"server log, last lines:\n{tail}")
    result = {
        "store": store,
        "clients": clients,
        "subjects": subjects,
        "requests": total.requests,
        "errors": total.errors,
        "requests_per_s": round(total.per_second, 1),
        "p50_ms": round(total.percentile_ms(0.5), 2),
        "p99_ms": round(total.percentile_ms(0.99), 2),
        "baseline_requests_per_s": round(baseline.total().per_second, 1),
        "baseline_p50_ms": round(baseline.total().percentile_ms(0.5), 2),
        "baseline_p99_ms": round(baseline.total().percentile_ms(0.99), 2),
        "requests_per_s_ratio": round(ratio, 3),
        "kinds": {kind: _figures(tally) for kind, tally in mixed.kinds.items()},
        "rss_start_mb": round(memory.start / 2**20, 1),
        "rss_end_mb": round(memory.end / 2**20, 1),
        "rss_peak_mb": round(memory.peak / 2**20, 1),
        "rss_ratio": round(growth, 3),
        "rss_samples_mb": [round(s / 2**20, 1) for s in memory.samples],
        "load_average_end": round(os.getloadavg()[0], 2),
    }
    print("RESULT " + json.dumps(result, sort_keys=True))
    return 0


def _figures(tally: Tally) -> dict[str, float]:
    return {
        "requests": tally.requests,
        "errors": tally.errors,
        "p50_ms": round(tally.percentile_ms(0.5), 2),
        "p99_ms": round(tally.percentile_ms(0.99), 2),
    }


if __name__ == "__main__":
    raise SystemExit(main())

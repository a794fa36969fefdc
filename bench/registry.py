"""Registry benchmark: SQLite and PostgreSQL in one run, each figure beside a raw baseline.

The baseline is the same operation done with a minimal `eventsourcing` aggregate (one
counter, one command) on the same kind of store in the same run: it shows what the
library itself costs on this machine, so the ratio says what the registry adds.

    python bench/registry.py [--quick] [--postgres-url postgresql://postgres@127.0.0.1:5432]

The last line is `RESULT {json}` with every figure named `{store}_{figure}[_raw|_ratio]`,
and the load average at start and end: other work on the machine moves the absolute
figures; the ratios, measured side by side, move much less.
"""

import sys
from pathlib import Path

# This script shares its name with the package it measures: drop its own folder from the
# import path so that `import registry` finds the package.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)

import argparse
import csv
import json
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import Tracking

from registry.application import Registry, make_registry
from registry.domain import ConsentDetails, LawfulBasis, PurposeSpec, subject_id_for
from registry.importer import import_file
from registry.settings import RegistrySettings

T = TypeVar("T")
START = datetime(2021, 1, 1, tzinfo=UTC)
BATCH_EVENTS = 5000
COMMAND_SUBJECTS = 1000


@dataclass(frozen=True)
class Sizes:
    subjects: int
    commands: int
    history: int
    lookups: int


FULL = Sizes(subjects=100_000, commands=3_000, history=200, lookups=3_000)
QUICK = Sizes(subjects=10_000, commands=500, history=200, lookups=500)


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    ours: float
    raw: float
    target: str
    ours_cpu: float
    """The same figure from this process's CPU time: what the code costs on a core of its
    own, without waits for the disk, the database server or other work on the machine."""

    @property
    def ratio(self) -> float:
        return self.ours / self.raw if self.raw else float("nan")


class Tally(Aggregate):
    """The raw baseline: the smallest useful event-sourced aggregate."""

    @event("Opened")
    def __init__(self) -> None:
        self.count = 0

    @event("Counted")
    def count_one(self) -> None:
        self.count += 1


class RawBaseline(Application[UUID]):
    pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    sizes = QUICK if args.quick else FULL
    load_before = os.getloadavg()[0]
    print(f"load average (1 min) at start: {load_before:.2f} on {os.cpu_count()} CPUs", flush=True)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="consentry-bench-") as scratch:
        root = Path(scratch)
        sqlite_raw = {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(root / "raw.sqlite"),
        }
        figures += run_store(
            "sqlite", RegistrySettings(data_dir=root / "ours"), sqlite_raw, sizes, root
        )
        with throwaway_database(args.postgres_url) as url:
            ours = RegistrySettings(database_url=url, database_schema="ours")
            figures += run_store("postgres", ours, postgres_env(url, "raw"), sizes, root)
    load_after = os.getloadavg()[0]
    print(f"load average (1 min) at end: {load_after:.2f}", flush=True)
    result = {"load_average_start": load_before, "load_average_end": load_after}
    for figure in figures:
        result[figure.key] = round(figure.ours, 3)
        result[f"{figure.key}_raw"] = round(figure.raw, 3)
        result[f"{figure.key}_ratio"] = round(figure.ratio, 3)
        result[f"{figure.key}_cpu"] = round(figure.ours_cpu, 3)
    print("RESULT " + json.dumps(result, sort_keys=True))
    return 0


def run_store(
    store: str, settings: RegistrySettings, raw_env: dict[str, str], sizes: Sizes, root: Path
) -> list[Figure]:
    source = write_import_file(root / f"{store}.csv", sizes.subjects)
    registry, raw = prepared(settings), RawBaseline(raw_env)
    imported, tallies = bulk_import(store, registry, raw, source)
    figures = [
        imported,
        current_state_lookup(store, registry, raw, sizes, tallies),
        single_commands(store, registry, raw, sizes, tallies),
        as_of_lookup(store, registry, raw, sizes),
        rebuild(store, registry, raw),
    ]
    registry.close()
    raw.close()
    return figures


def prepared(settings: RegistrySettings) -> Registry:
    registry = make_registry(settings)
    registry.controllers.register_controller(
        "acme", name="Acme", contact="dpo@acme.example", jurisdiction="CN"
    )
    for purpose_id, sensitive in (("newsletter", False), ("health", True)):
        spec = PurposeSpec(purpose_id.title(), LawfulBasis.CONSENT, sensitive=sensitive)
        registry.purposes.define_purpose(purpose_id, spec, effective_at=START)
    return registry


def write_import_file(path: Path, subjects: int) -> Path:
    """One consent per subject, and a separate one for every other subject (1.5 rows each)."""
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(
            [
                "controller",
                "customer_ref",
                "purpose",
                "status",
                "occurred_at",
                "notice_version",
                "channel",
                "separate",
                "evidence",
            ]
        )
        for n in range(subjects):
            at = (START + timedelta(minutes=n)).isoformat()
            out.writerow(
                [
                    "acme",
                    f"C{n:07d}",
                    "newsletter",
                    "given" if n % 4 else "refused",
                    at,
                    "v1",
                    "web",
                    "",
                    f"sha256:{n:064x}",
                ]
            )
            if n % 2 == 0:
                out.writerow(["acme", f"C{n:07d}", "health", "given", at, "v1", "app", "true", ""])
    return path


def bulk_import(
    store: str, registry: Registry, raw: RawBaseline, source: Path
) -> tuple[Figure, list[UUID]]:
    with timed() as span:
        report = import_file(registry, source)
    started, batch, batch_events, tallies = time.perf_counter(), [], 0, []
    for n in range(report.subjects_registered):  # the same events: one opened, 1 or 2 counted
        tally = Tally()
        for _ in range(2 if n % 2 == 0 else 1):
            tally.count_one()
        batch.append(tally)
        tallies.append(tally.id)
        batch_events += len(tally.pending_events)
        if batch_events >= BATCH_EVENTS:
            raw.save(*batch)
            batch, batch_events = [], 0
    raw.save(*batch)
    raw_rate = (raw.recorder.max_notification_id() or 0) / (time.perf_counter() - started)
    target = "≥ 20,000 ev/s" if store == "sqlite" else "≥ 10,000 ev/s"
    figure = Figure(
        f"{store}_bulk_import_events_per_s",
        "bulk import",
        "ev/s",
        report.events / span.wall,
        raw_rate,
        target,
        report.events / span.cpu,
    )
    return report_figure(figure), tallies


def current_state_lookup(
    store: str, registry: Registry, raw: RawBaseline, sizes: Sizes, tallies: list[UUID]
) -> Figure:
    controller = registry.app.controller("acme").id
    picks = random.Random(1).sample(range(sizes.subjects), sizes.lookups)
    ours = p99_ms(
        registry.queries.current_state, [subject_id_for(controller, f"C{n:07d}") for n in picks]
    )
    raw_p99 = p99_ms(lambda tally: raw.repository.get(tally), [tallies[n] for n in picks]).wall
    label = f"current-state lookup p99 at {sizes.subjects:,} subjects"
    target = "≤ 2 ms" if store == "sqlite" else "(no target)"
    key = f"{store}_current_state_p99_ms"
    return report_figure(Figure(key, label, "ms", ours.wall, raw_p99, target, ours.cpu))


def single_commands(
    store: str, registry: Registry, raw: RawBaseline, sizes: Sizes, tallies: list[UUID]
) -> Figure:
    controller = registry.app.controller("acme").id
    subjects = [subject_id_for(controller, f"C{n:07d}") for n in range(COMMAND_SUBJECTS)]
    base = datetime.now(UTC) - timedelta(days=1)
    with timed() as span:
        for n in range(sizes.commands):
            details = ConsentDetails(occurred_at=base + timedelta(milliseconds=n), channel="web")
            command = (
                registry.consents.withdraw_consent if n % 2 else registry.consents.give_consent
            )
            command(subjects[n % COMMAND_SUBJECTS], "newsletter", details)
    started = time.perf_counter()
    for n in range(sizes.commands):
        tally: Tally = raw.repository.get(tallies[n % COMMAND_SUBJECTS])
        tally.count_one()
        raw.save(tally)
    raw_rate = sizes.commands / (time.perf_counter() - started)
    figure = Figure(
        f"{store}_single_command_saves_per_s",
        "single consent command",
        "saves/s",
        sizes.commands / span.wall,
        raw_rate,
        "≥ 0.8× raw",
        sizes.commands / span.cpu,
    )
    return report_figure(figure)


def as_of_lookup(store: str, registry: Registry, raw: RawBaseline, sizes: Sizes) -> Figure:
    subject = registry.consents.register_subject("acme", "HISTORY-1")
    first = datetime.now(UTC) - timedelta(hours=sizes.history + 1)
    for n in range(sizes.history - 1):  # the registration is the first of its events
        purpose = "newsletter" if n % 2 == 0 else "health"
        details = ConsentDetails(occurred_at=first + timedelta(hours=n), separate=True)
        command = (
            registry.consents.give_consent
            if (n // 2) % 2 == 0
            else registry.consents.withdraw_consent
        )
        command(subject, purpose, details)
    draw = random.Random(2)
    moments = [
        first + timedelta(hours=draw.uniform(0, sizes.history)) for _ in range(sizes.lookups)
    ]
    ours = p99_ms(lambda at: registry.queries.state_as_of(subject, at), moments)
    tally = Tally()
    for _ in range(sizes.history - 1):
        tally.count_one()
    raw.save(tally)
    versions = [draw.randint(1, sizes.history) for _ in range(sizes.lookups)]
    raw_p99 = p99_ms(lambda version: raw.repository.get(tally.id, version=version), versions).wall
    label = f"as-of lookup p99, subject with {sizes.history} events"
    key = f"{store}_as_of_p99_ms"
    return report_figure(Figure(key, label, "ms", ours.wall, raw_p99, "≤ 20 ms", ours.cpu))


def rebuild(store: str, registry: Registry, raw: RawBaseline) -> Figure:
    events = registry.app.recorder.max_notification_id() or 0  # the whole log is gone through
    with timed() as span:
        registry.app.read_model.rebuild()
    tracking = raw.factory.tracking_recorder()
    started, position, count = time.perf_counter(), 0, 0
    while batch := raw.recorder.select_notifications(position, 2000, inclusive_of_start=False):
        count += len([raw.mapper.to_domain_event(notification) for notification in batch])
        position = batch[-1].id
        tracking.insert_tracking(Tracking(raw.name, position))
    raw_rate = count / (time.perf_counter() - started)
    target = "≥ 30,000 ev/s" if store == "sqlite" else "(no target)"
    figure = Figure(
        f"{store}_rebuild_events_per_s",
        "read-model rebuild",
        "ev/s",
        events / span.wall,
        raw_rate,
        target,
        events / span.cpu,
    )
    return report_figure(figure)


@dataclass
class Span:
    wall: float = 0.0
    cpu: float = 0.0


@contextmanager
def timed() -> Iterator[Span]:
    span = Span()
    wall, cpu = time.perf_counter(), time.process_time()
    yield span
    span.wall, span.cpu = time.perf_counter() - wall, time.process_time() - cpu


def p99_ms(operation: Callable[[T], object], inputs: list[T]) -> Span:
    """The 99th percentile of each call's wall time and, separately, of its CPU time."""
    spans = []
    for value in inputs:
        with timed() as span:
            operation(value)
        spans.append(span)
    at = min(len(spans) - 1, int(len(spans) * 0.99))
    walls, cpus = sorted(s.wall for s in spans), sorted(s.cpu for s in spans)
    return Span(walls[at] * 1000, cpus[at] * 1000)


def report_figure(figure: Figure) -> Figure:
    store = figure.key.split("_", 1)[0]
    print(
        f"[{store:8}] {figure.label:44} ours {figure.ours:>10,.2f} {figure.unit:7} "
        f"raw {figure.raw:>10,.2f}   ratio {figure.ratio:5.2f}   "
        f"ours on CPU time {figure.ours_cpu:>10,.2f}   target {figure.target}",
        flush=True,
    )
    return figure


@contextmanager
def throwaway_database(server_url: str) -> Iterator[str]:
    import psycopg

    name = f"consentry_bench_{uuid.uuid4().hex[:10]}"
    admin = f"{server_url.rstrip('/')}/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{server_url.rstrip('/')}/{name}"
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE SCHEMA ours")
            conn.execute("CREATE SCHEMA raw")
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_env(url: str, schema: str) -> dict[str, str]:
    from registry.stores import environment

    return environment(RegistrySettings(database_url=url, database_schema=schema))


if __name__ == "__main__":
    sys.exit(main())

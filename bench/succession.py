"""Succession benchmark: subjects moved per second by a company transfer on PostgreSQL.

N subjects of one controller, each with a consent for a kept purpose and one for a changed
purpose, are moved to another controller (a controller change and a voided consent per
subject, saved in batches with the succession's record of each batch). The baseline, in the
same run and database server: a minimal `eventsourcing` aggregate, N of them already saved,
each given one more event and saved in batches of the same size. Target: ≥ 5,000 subjects/s.

    python bench/succession.py [--subjects 100000] [--postgres-url postgresql://postgres@127.0.0.1:5432]

The last line is `RESULT {json}`.
"""

import sys
from pathlib import Path

# bench/registry.py is named like the package: import from the repository root instead of
# this folder, so that `registry` is the package and `bench.throwaway` this folder's helper.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench.throwaway import postgres_env, throwaway_database
from registry.application import Registry, make_registry
from registry.domain import ConsentDetails, LawfulBasis, PurposeSpec, Subject
from registry.domain.governance.succession_plan import PurposeFate, PurposePlan
from registry.settings import RegistrySettings

START = datetime(2024, 1, 1, tzinfo=UTC)
BATCH = 2000
TARGET = 5000.0


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
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=BATCH, help="subjects per transaction")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="consentry-bench-") as scratch,  # for its keys
        throwaway_database(args.postgres_url) as url,
    ):
        settings = RegistrySettings(database_url=url, database_schema="ours", data_dir=scratch)
        registry = make_registry(settings)
        seeded = seed(registry, args.subjects)
        print(f"seeded {args.subjects:,} subjects in {seeded:.1f} s", flush=True)
        started = time.perf_counter()
        start(registry)
        start_s = time.perf_counter() - started
        started = time.perf_counter()
        execution = registry.successions.execute_succession("bench-merger", batch_size=args.batch)
        ours = execution.subjects / (time.perf_counter() - started)
        check(registry, execution.subjects, args.subjects)
        registry.close()
        raw = raw_saves_per_s(postgres_env(url, "raw"), args.subjects, args.batch)
    result = {
        "subjects": args.subjects,
        "batch": args.batch,
        "succession_subjects_per_s": round(ours, 1),
        "raw_saves_per_s": round(raw, 1),
        "ratio": round(ours / raw, 3),
        "target_subjects_per_s": TARGET,
        "meets_target": ours >= TARGET,
        "start_s": round(start_s, 2),
        "consents_invalidated": execution.consents_invalidated,
    }
    print(
        f"succession: {ours:,.0f} subjects/s (target ≥ {TARGET:,.0f}); "
        f"raw eventsourcing: {raw:,.0f} saves/s; ratio {ours / raw:.2f}; "
        f"start {start_s:.2f} s"
    )
    print("RESULT " + json.dumps(result, sort_keys=True))
    return 0


def seed(registry: Registry, count: int) -> float:
    started = time.perf_counter()
    for ref in ("acme", "beta"):
        registry.controllers.register_controller(
            ref, name=ref.title(), contact=f"dpo@{ref}.example", jurisdiction="CN"
        )
    for purpose_id in ("newsletter", "profiling", "profiling-v2"):
        spec = PurposeSpec(purpose_id.title(), LawfulBasis.CONSENT)
        registry.purposes.define_purpose(purpose_id, spec, effective_at=START)
    acme = registry.app.controller("acme").id
    terms = [registry.app.purpose(p).current for p in ("newsletter", "profiling")]
    now, batch = datetime.now(UTC), []
    for n in range(count):
        subject = Subject.register(acme, f"C{n:07d}", jurisdiction="CN", now=now)
        details = ConsentDetails(occurred_at=START + timedelta(seconds=n), channel="web")
        for purpose in terms:
            subject.give_consent(purpose, details, now=now)
        batch.append(subject)
        if len(batch) == 2000:
            save_batch(registry, batch)
            batch = []
    if batch:
        save_batch(registry, batch)
    return time.perf_counter() - started


def start(registry: Registry) -> None:
    registry.successions.start_succession(
        "bench-merger",
        from_controller="acme",
        to_controller="beta",
        reason="merger",
        effective_on=date.today() - timedelta(days=1),
        plan=[
            PurposePlan("newsletter", PurposeFate.KEPT),
            PurposePlan("profiling", PurposeFate.CHANGED, "profiling-v2"),
        ],
    )


def check(registry: Registry, moved: int, expected: int) -> None:
    """The figure counts only if the work was done: every subject moved, consents voided."""
    assert moved == expected, (moved, expected)
    subject = registry.lineage.subject_id("beta", f"C{expected - 1:07d}")
    assert registry.app.subject(subject).controller_id == registry.app.controller("beta").id
    assert not registry.queries.may(subject, "profiling").allowed
    assert registry.queries.may(subject, "newsletter").allowed


def raw_saves_per_s(env: dict[str, str], count: int, batch: int) -> float:
    raw = RawBaseline(env)
    tallies = [Tally() for _ in range(count)]
    for first in range(0, count, 2000):
        raw.save(*tallies[first : first + 2000])
    started = time.perf_counter()
    for first in range(0, count, batch):
        chunk = tallies[first : first + batch]
        for tally in chunk:
            tally.count_one()
        raw.save(*chunk)
    rate = count / (time.perf_counter() - started)
    raw.close()
    return rate


def save_batch(registry: Registry, subjects: list[Subject]) -> None:
    """Their keys made in one round trip first (else the mapper makes one key per save)."""
    keys = getattr(registry.app.mapper, "keys", None)
    if keys is not None:
        keys.ensure([subject.id for subject in subjects])
    registry.app.save_all(*subjects)


if __name__ == "__main__":
    sys.exit(main())

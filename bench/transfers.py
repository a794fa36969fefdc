"""Transfer benchmark on PostgreSQL: bulk inclusion into a flow, and assessments for a
controller that has already sent 1,000,000 individuals abroad this year.

Each figure stands beside a baseline measured in the same run on the same database:

* inclusion: the same number of events, each holding 5,000 subject ids, saved by a bare
  `eventsourcing` application (what the library alone costs to store them);
* assessment: the distinct individuals counted the naive way, `COUNT(DISTINCT)` over the
  inclusion rows, which is what an assessment would cost without the yearly-volume ledger.

    python bench/transfers.py [--quick] [--postgres-url postgresql://postgres@127.0.0.1:5432]

A throwaway database is created and dropped at the end. The last line is `RESULT {json}`.
"""

import sys
from pathlib import Path

# bench/registry.py is named like the package: import from the repository root instead of
# this folder, so that `registry` is the package and `bench.throwaway` this folder's helper.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from bench.throwaway import postgres_env, throwaway_database
from registry.application import Registry, make_registry
from registry.application.transfers import TransferQuery
from registry.domain import LawfulBasis, PurposeSpec
from registry.domain.consent.subject import Subject
from registry.domain.crossborder.dataflow import INCLUDE_CHUNK
from registry.domain.crossborder.dataflow_values import FlowProposal
from registry.settings import RegistrySettings

TODAY = datetime.now(UTC).date()
FLOW_DAY = min(date(TODAY.year, 1, 2), TODAY)
TIMED_INCLUSION = 100_000
REGISTRATION_BATCH = 5_000


class IdList(Aggregate):
    """The raw baseline: one aggregate whose events each carry a list of ids."""

    @event("Started")
    def __init__(self) -> None:
        self.count = 0

    @event("Listed")
    def list_ids(self, ids: list[str]) -> None:
        self.count += len(ids)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 individuals, not 1,000,000")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--assessments", type=int, default=1000)
    args = parser.parse_args()
    individuals = TIMED_INCLUSION if args.quick else 1_000_000
    with throwaway_database(args.postgres_url) as url, tempfile.TemporaryDirectory() as scratch:
        settings = RegistrySettings(
            data_dir=Path(scratch), database_url=url, database_schema="ours"
        )
        registry = make_registry(settings)
        raw = Application[UUID](postgres_env(url, "raw"))
        try:
            result = run(registry, raw, individuals, args.assessments)
        finally:
            registry.close()
            raw.close()
    print("RESULT " + json.dumps(result, sort_keys=True))
    return 0


def run(
    registry: Registry, raw: Application[UUID], individuals: int, assessments: int
) -> dict[str, float]:
    registry.controllers.register_controller(
        "acme", name="Acme", contact="dpo@acme.example", jurisdiction="CN"
    )
    support = PurposeSpec("Customer support", LawfulBasis.CONTRACT)
    since = datetime(FLOW_DAY.year, 1, 1, tzinfo=UTC)
    registry.purposes.define_purpose("support", support, effective_at=since)
    people = register(registry, individuals)
    proposal = FlowProposal(
        "SG", "Acme Support Pte Ltd", "privacy@acme.sg", ("support",), individuals=individuals
    )
    registry.flows.propose_flow("sg", "acme", proposal, on=FLOW_DAY)
    assessment = registry.flows.data_flow("sg").assessment
    assert assessment is not None
    kind = sorted(assessment.accepted_kinds)[0]  # the CAC assessment, or a standard contract
    registry.flows.record_flow_mechanism("sg", kind, on=FLOW_DAY, reference="REF-1")
    registry.flows.approve_flow("sg", on=FLOW_DAY)

    ours_rate = timed_rate(lambda: include(registry, people[:TIMED_INCLUSION]), TIMED_INCLUSION)
    raw_rate = timed_rate(lambda: raw_save(raw, people[:TIMED_INCLUSION]), TIMED_INCLUSION)
    report("include 100,000 subjects in a flow", "subj/s", ours_rate, raw_rate, "≥ 10,000 subj/s")
    rest = people[TIMED_INCLUSION:]
    if rest:
        fill_rate = timed_rate(lambda: include(registry, rest), len(rest))
        print(f"(the other {len(rest):,} included at {fill_rate:,.0f} subj/s)", flush=True)

    counted = registry.transfers.yearly_volumes("acme", FLOW_DAY.year).counts.total
    assert counted == individuals, (counted, individuals)
    ours_p99 = assessment_p99(registry, assessments)
    raw_p99 = count_distinct_p99(registry, runs=max(5, assessments // 50))
    label = f"assessment p99, {individuals:,} individuals"
    report(label, "ms", ours_p99, raw_p99, "≤ 50 ms")
    return {
        "postgres_include_subjects_per_s": round(ours_rate, 1),
        "postgres_include_subjects_per_s_raw": round(raw_rate, 1),
        "postgres_include_subjects_per_s_ratio": round(ours_rate / raw_rate, 3),
        "postgres_assessment_p99_ms": round(ours_p99, 3),
        "postgres_assessment_p99_ms_raw": round(raw_p99, 3),
        "postgres_assessment_p99_ms_ratio": round(ours_p99 / raw_p99, 4),
        "individuals": individuals,
    }


def register(registry: Registry, count: int) -> list[UUID]:
    """Subjects registered through the registry, 5,000 to a transaction (not timed)."""
    started, controller, now = (
        time.perf_counter(),
        registry.app.controller("acme").id,
        registry.app.clock(),
    )
    ids: list[UUID] = []
    for start in range(0, count, REGISTRATION_BATCH):
        batch = [
            Subject.register(controller, f"C{n:08d}", jurisdiction="CN", now=now)
            for n in range(start, min(count, start + REGISTRATION_BATCH))
        ]
        registry.app.save_all(*batch)
        ids.extend(subject.id for subject in batch)
        if (start // REGISTRATION_BATCH) % 20 == 19:
            print(f"  registered {len(ids):,} subjects", flush=True)
    elapsed = time.perf_counter() - started
    print(f"(setup: {count:,} subjects registered at {count / elapsed:,.0f}/s)", flush=True)
    return ids


def include(registry: Registry, people: list[UUID]) -> None:
    for start in range(0, len(people), TIMED_INCLUSION):
        chunk = people[start : start + TIMED_INCLUSION]
        result = registry.flows.include_in_flow("sg", chunk, on=FLOW_DAY)
        assert result.added == len(chunk), result


def raw_save(raw: Application[UUID], people: list[UUID]) -> None:
    batch = IdList()
    for start in range(0, len(people), INCLUDE_CHUNK):
        batch.list_ids([subject.hex for subject in people[start : start + INCLUDE_CHUNK]])
    raw.save(batch)


def assessment_p99(registry: Registry, runs: int) -> float:
    draw = random.Random(7)
    queries = [
        TransferQuery(
            "acme",
            "SG",
            "Acme Support Pte Ltd",
            ["support"],
            individuals=draw.randint(0, 50_000),
            sensitive=draw.random() < 0.2,
        )
        for _ in range(runs)
    ]
    timings = []
    for query in queries:
        started = time.perf_counter()
        result = registry.transfers.assess_transfer(query, TODAY)
        timings.append(time.perf_counter() - started)
        assert result.mechanism.value != "none", result
    ordered = sorted(timings)
    print(
        f"(assessments: median {ordered[len(ordered) // 2] * 1000:.2f} ms, "
        f"p90 {ordered[int(len(ordered) * 0.9)] * 1000:.2f} ms)",
        flush=True,
    )
    return p99(timings) * 1000


def count_distinct_p99(registry: Registry, runs: int) -> float:
    """The same count without the ledger: distinct subjects of the controller's flows."""
    view: Any = registry.app.transfer_volumes.view
    prefix = view.dialect.schema_prefix
    statement = (
        f"SELECT COUNT(DISTINCT i.subject_id) AS n FROM {prefix}transfer_flow_subjects i "
        f"JOIN {prefix}transfer_flows f ON f.flow_id = i.flow_id "
        "WHERE f.controller_id = %s AND i.included_on BETWEEN %s AND %s"
    )
    controller = registry.app.controller("acme").id.hex
    params = (controller, date(TODAY.year, 1, 1).isoformat(), TODAY.isoformat())
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        with view.transaction(False) as cursor:
            cursor.execute(statement, params)
            cursor.fetchone()
        timings.append(time.perf_counter() - started)
    return p99(timings) * 1000


def timed_rate(operation: Callable[[], None], count: int) -> float:
    started = time.perf_counter()
    operation()
    return count / (time.perf_counter() - started)


def p99(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def report(label: str, unit: str, ours: float, raw: float, target: str) -> None:
    print(
        f"[postgres] {label:44} ours {ours:>12,.2f} {unit:6} raw {raw:>12,.2f}   "
        f"ratio {ours / raw:7.3f}   target {target}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())

"""Print an evaluation: tables per method, kind and language, latency, and the RESULT line."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from knowledge.evaluation import CUTOFFS, METHODS, Scores
from knowledge.ingest import IngestReport

Print = Callable[[str], None]


def _row(name: str, scores: Scores) -> str:
    recalls = "  ".join(f"{scores.recall(k):6.3f}" for k in CUTOFFS)
    return f"{name:<22}{len(scores.rankings):>4}  {recalls}  {scores.mrr():6.3f}"


def print_report(
    results: dict[str, Scores],
    ingest: IngestReport,
    out: Print = print,
    *,
    questions: str | None = None,
) -> dict[str, Any]:
    """Print the tables and the `RESULT` line; `questions` names the file in that line."""
    hybrid = results["hybrid"]
    rate = ingest.chunks / ingest.seconds if ingest.seconds else 0.0
    out(
        f"corpus: {ingest.documents} documents, {ingest.chunks} chunks; "
        f"ingest {ingest.seconds:.1f} s ({rate:.1f} chunks/s; "
        f"embedding {ingest.embed_seconds:.1f} s)"
    )
    header = "  ".join(f"{'R@' + str(k):>6}" for k in CUTOFFS)
    out(f"{'':<22}{'n':>4}  {header}  {'MRR':>6}")
    for method in METHODS:
        out(_row(method, results[method]))
    for attribute in ("kind", "lang"):
        for value in sorted({getattr(r.question, attribute) for r in hybrid.rankings}):
            out(_row(f"hybrid {attribute}={value}", hybrid.where(attribute, value)))
    for kind in ("multi", "scenario"):
        part = hybrid.where("kind", kind)
        out(f"hybrid all-gold@5 {kind}: {part.all_gold(5):.3f}")
    p50, p95 = hybrid.latency_ms(0.5), hybrid.latency_ms(0.95)
    out(f"hybrid query latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    result = result_line(results, ingest)
    if questions is not None:
        result = {"questions": questions, **result}
    out("RESULT " + json.dumps(result, ensure_ascii=False))
    return result


def print_misses(results: dict[str, Scores], out: Print = print) -> None:
    for ranking in results["hybrid"].rankings:
        if ranking.recall(5) < 1.0:
            question = ranking.question
            top = ", ".join(f"{file}:{article}" for file, article in ranking.cited[:5])
            label = f"{question.id} [{question.kind}/{question.lang}]"
            out(f"miss {label} gold={list(question.gold)} top5={top}")


def result_line(results: dict[str, Scores], ingest: IngestReport) -> dict[str, Any]:
    def summary(scores: Scores) -> dict[str, float]:
        return {
            "recall@1": round(scores.recall(1), 4),
            "recall@5": round(scores.recall(5), 4),
            "mrr": round(scores.mrr(), 4),
        }

    hybrid = results["hybrid"]
    kinds = sorted({ranking.question.kind for ranking in hybrid.rankings})
    by_kind = {
        kind: {
            "recall@5": round(hybrid.where("kind", kind).recall(5), 4),
            "mrr": round(hybrid.where("kind", kind).mrr(), 4),
        }
        for kind in kinds
    }
    return {
        **{method: summary(results[method]) for method in ("hybrid", "bm25", "dense")},
        "by_kind": by_kind,
        "query_ms_p50": round(hybrid.latency_ms(0.5), 2),
        "query_ms_p95": round(hybrid.latency_ms(0.95), 2),
        "chunks": ingest.chunks,
        "ingest_chunks_per_s": round(ingest.chunks / ingest.seconds, 2) if ingest.seconds else 0.0,
    }

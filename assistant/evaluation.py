"""Answer evaluation: answer-point coverage, citation precision, refusal rates, latency.

Coverage is judged mechanically so anyone can re-check it: an answer point counts as covered
when at least `COVER_SHARE` of its key terms (jieba words for Chinese, light-stemmed words
for English; stop words and single characters dropped — `assistant.tokens.key_terms`)
occur among the answer's key terms. A question scores the share of its points covered
(0 when refused); the figure is the mean over in-scope questions.

Citing gold: the share of in-scope questions whose answer cites at least one of their gold
articles (a refusal cites none).

A citation is correct when its quote is found verbatim (after normalising) in the text of
the document it names, and its (official file, article) is one of the question's gold
articles; a digest of an article counts under the official file it digests.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.eval_files import InScopeQuestion, OutOfScopeQuestion
from assistant.tokens import key_terms, normalise

COVER_SHARE = 0.6
METHOD = (
    f"coverage: a point is covered when >= {COVER_SHARE:.0%} of its key terms (jieba words / "
    "stemmed English words, stop words dropped) appear in the answer; citation precision: "
    "quote found verbatim in the cited document AND (file, article) among the gold articles; "
    "citing gold: answers citing at least one gold article"
)
Ask = Callable[[str], tuple[dict[str, Any], float]]


def point_covered(point: str, answer_terms: set[str]) -> bool:
    terms = key_terms(point)
    return bool(terms) and sum(t in answer_terms for t in terms) >= COVER_SHARE * len(terms)


def coverage(points: Sequence[str], answer: str) -> float:
    terms = set(key_terms(answer))
    return sum(point_covered(p, terms) for p in points) / len(points) if points else 0.0


class QuoteChecker:
    """Checks quotes against the full text of the documents they name."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = {doc_id: normalise(text) for doc_id, text in texts.items()}

    def verifies(self, citation: Mapping[str, Any]) -> bool:
        text = self.texts.get(str(citation.get("source")))
        quote = normalise(str(citation.get("quote") or ""))
        return bool(text and quote and quote in text)


@dataclass(frozen=True)
class Outcome:
    id: str
    kind: str
    in_scope: bool
    refused: bool
    mode: str
    cited: tuple[str, ...]
    correct: int
    citations: int
    gold_found: float
    coverage: float
    ms: float


def judge(
    question: InScopeQuestion, body: dict[str, Any], ms: float, checker: QuoteChecker
) -> Outcome:
    gold = set(question.gold)
    cites = body.get("citations") or []
    points = [(c.get("file"), c.get("article")) for c in cites]
    correct = sum(checker.verifies(c) and p in gold for c, p in zip(cites, points, strict=True))
    refused = bool(body.get("refused"))
    return Outcome(
        question.id,
        question.kind,
        True,
        refused,
        str(body.get("mode")),
        tuple(f"{f}#{a}" for f, a in points),
        correct,
        len(cites),
        len(gold & set(points)) / len(gold),
        0.0 if refused else coverage(question.answer_points, str(body.get("answer") or "")),
        ms,
    )


def run(
    ask: Ask,
    in_scope: Sequence[InScopeQuestion],
    out_of_scope: Sequence[OutOfScopeQuestion],
    checker: QuoteChecker,
) -> list[Outcome]:
    outcomes = []
    for question in in_scope:
        body, ms = ask(question.question)
        outcomes.append(judge(question, body, ms, checker))
    for item in out_of_scope:
        body, ms = ask(item.question)
        cites = body.get("citations") or []
        outcomes.append(
            Outcome(
                item.id,
                "out-of-scope",
                False,
                bool(body.get("refused")),
                str(body.get("mode")),
                (),
                0,
                len(cites),
                0.0,
                0.0,
                ms,
            )
        )
    return outcomes


def summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    inside = [o for o in outcomes if o.in_scope]
    outside = [o for o in outcomes if not o.in_scope]
    cited = sum(o.citations for o in inside)
    times = sorted(o.ms for o in outcomes)
    modes = sorted({o.mode for o in outcomes})
    return {
        "citation_precision": round(sum(o.correct for o in inside) / cited, 4) if cited else 0.0,
        "citing_gold": round(_mean([float(o.gold_found > 0) for o in inside]), 4),
        "answer_point_coverage": round(_mean([o.coverage for o in inside]), 4),
        "refused_in_scope": round(_mean([float(o.refused) for o in inside]), 4),
        "refused_out_of_scope": round(_mean([float(o.refused) for o in outside]), 4),
        "ask_ms_p50": round(_quantile(times, 0.50), 1),
        "ask_ms_p95": round(_quantile(times, 0.95), 1),
        "mode": modes[0] if len(modes) == 1 else "+".join(modes),
    }


def by_kind(outcomes: Sequence[Outcome]) -> dict[str, dict[str, float]]:
    kinds = sorted({o.kind for o in outcomes if o.in_scope})
    table = {}
    for kind in kinds:
        rows = [o for o in outcomes if o.in_scope and o.kind == kind]
        cites = sum(o.citations for o in rows)
        table[kind] = {
            "n": len(rows),
            "coverage": round(_mean([o.coverage for o in rows]), 3),
            "precision": round(sum(o.correct for o in rows) / cites, 3) if cites else 0.0,
            "gold_recall": round(_mean([o.gold_found for o in rows]), 3),
            "refused": round(_mean([float(o.refused) for o in rows]), 3),
        }
    return table


def _mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def _quantile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q * 100) - 1]

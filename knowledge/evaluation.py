"""Retrieval evaluation at article level: recall@k and MRR for BM25, dense and hybrid.

A hit matches a gold item when its citation (official file, article) is the gold one; a
digest counts under the official file it digests. Several hits of one article count once.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from knowledge.questions import Question
from knowledge.search import KnowledgeSearch, Method

METHODS: tuple[Method, ...] = ("bm25", "dense", "hybrid")
CUTOFFS = (1, 3, 5, 10)


@dataclass(frozen=True)
class Ranking:
    question: Question
    cited: tuple[tuple[str, int | None], ...]
    seconds: float

    def recall(self, k: int) -> float:
        found = set(self.cited[:k])
        return sum(gold in found for gold in self.question.gold) / len(self.question.gold)

    def all_gold(self, k: int) -> bool:
        return set(self.question.gold) <= set(self.cited[:k])

    def reciprocal_rank(self) -> float:
        gold = set(self.question.gold)
        return next((1.0 / n for n, cite in enumerate(self.cited, 1) if cite in gold), 0.0)


@dataclass
class Scores:
    rankings: list[Ranking] = field(default_factory=list)

    def recall(self, k: int) -> float:
        return _mean([ranking.recall(k) for ranking in self.rankings])

    def mrr(self) -> float:
        return _mean([ranking.reciprocal_rank() for ranking in self.rankings])

    def all_gold(self, k: int) -> float:
        return _mean([float(ranking.all_gold(k)) for ranking in self.rankings])

    def where(self, attribute: str, value: str) -> Scores:
        return Scores([r for r in self.rankings if getattr(r.question, attribute) == value])

    def latency_ms(self, quantile: float) -> float:
        times = sorted(ranking.seconds * 1000 for ranking in self.rankings)
        if len(times) < 2:
            return times[0] if times else 0.0
        return statistics.quantiles(times, n=100, method="inclusive")[round(quantile * 100) - 1]


def rank_questions(
    search: KnowledgeSearch, questions: Sequence[Question], method: Method, k: int
) -> Scores:
    scores = Scores()
    for question in questions:
        started = time.perf_counter()
        hits = search.search(question.question, k, method=method)
        elapsed = time.perf_counter() - started
        cited = tuple(dict.fromkeys(hit.citation for hit in hits))
        scores.rankings.append(Ranking(question, cited, elapsed))
    return scores


def evaluate(
    search: KnowledgeSearch, questions: Sequence[Question], k: int = 10
) -> dict[str, Scores]:
    """Rank every question with every method; the hybrid runs last, on a warm index."""
    search.search("warm up 预热", 1)
    return {method: rank_questions(search, questions, method, k) for method in METHODS}


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0

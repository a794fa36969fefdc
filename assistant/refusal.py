"""Whether the sources answer the question at all.

No single score decides this (an e5 similarity is high for any text on the topic). The
verdict combines:

- scope: an instrument the question names that the corpus does not hold, a subject no
  source covers (tax, wages, immigration), a question about operating the product;
- coverage: how much of the question's key-term weight the best articles contain;
- support: the best sentence score (lexical + dense) among the best articles;
- retrieval: the best article's dense similarity and BM25 score.

The thresholds were set on the dev question sets (in-scope and out-of-scope) and apply to
every question alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.extractive import ArticleEvidence
from assistant.scope import ScopeCheck
from assistant.scoring import lexical_score, term_weights
from assistant.tokens import key_terms


@dataclass(frozen=True)
class RefusalPolicy:
    min_support: float = 0.35
    min_coverage: float = 0.35
    off_domain_coverage: float = 0.75
    min_dense: float = 0.0


@dataclass(frozen=True)
class Signals:
    coverage: float
    support: float
    top_dense: float
    top_bm25: float
    scope: ScopeCheck

    def as_dict(self) -> dict[str, object]:
        return {
            "coverage": round(self.coverage, 3),
            "support": round(self.support, 3),
            "top_dense": round(self.top_dense, 3),
            "top_bm25": round(self.top_bm25, 3),
            "missing_instruments": [item.name for item in self.scope.missing],
            "off_domain": list(self.scope.off_domain),
            "about_product": self.scope.about_product,
        }


@dataclass(frozen=True)
class Verdict:
    refused: bool
    reasons: tuple[str, ...]
    signals: Signals


def measure(
    question: str, evidence: Sequence[ArticleEvidence], scope: ScopeCheck, top: int = 3
) -> Signals:
    best = list(evidence[:top])
    texts = [p.text for item in best for p in item.group.passages]
    sentences = [s.text for item in evidence for s in item.sentences]
    weights = term_weights(key_terms(question), sentences or texts)
    present = set(key_terms(" ".join(texts)))
    leads = [item.group.lead for item in best]
    return Signals(
        coverage=lexical_score(present, weights),
        support=max((item.best for item in best), default=0.0),
        top_dense=max((p.dense or 0.0 for p in leads), default=0.0),
        top_bm25=max((p.bm25 or 0.0 for p in leads), default=0.0),
        scope=scope,
    )


def decide(signals: Signals, policy: RefusalPolicy) -> Verdict:
    reasons: list[str] = []
    scope = signals.scope
    reasons.extend(f"instrument-not-held: {item.name}" for item in scope.missing)
    if scope.about_product:
        reasons.append("about-the-product")
    if scope.off_domain and signals.coverage < policy.off_domain_coverage:
        reasons.append("off-domain: " + ", ".join(scope.off_domain))
    if signals.support < policy.min_support:
        reasons.append("weak-support")
    if signals.coverage < policy.min_coverage:
        reasons.append("low-coverage")
    if signals.top_dense < policy.min_dense:
        reasons.append("low-similarity")
    return Verdict(bool(reasons), tuple(reasons), signals)

"""Stage 3: each candidate article's evidence, and whether the sources answer the question
at all: the refusal decision (`Judged`).

The evidence of an article is its scored sentences and how well it answers the question
(`assistant.extractive`), for the whole question and for each of its parts.

No single score decides whether they answer: an e5 similarity is high for any text on the
topic, and on the dev sets the best article's dense similarity is no lower for unanswerable
questions than for answerable ones. The verdict combines:

- scope (decisive): an instrument the question names whose text the corpus does not hold
  (unknown, or known only by name), an article it names that its instrument does not have,
  a question about operating the product;
- scope with coverage: a subject no source covers (tax, wages, immigration) refuses unless
  the best articles still carry most of the question's key-term weight;
- retrieval strength: a best BM25 score and a key-term coverage both below their floors
  mean nothing in the corpus matched;
- unfamiliar words: when most of the question's key terms occur nowhere in the corpus and
  the best articles carry little of its key-term weight, the question is about something
  the corpus does not deal with, whatever the subject (no list names it).

`support` and `top_dense` are reported with every answer so the decision can be audited.
The thresholds were set on the dev question sets and apply to every question alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.extractive import ArticleEvidence, SentenceRanker
from assistant.grouping import ArticleGroup
from assistant.named_articles import named_in
from assistant.parts import question_parts
from assistant.ports import SourceCatalog
from assistant.scope import ScopeCheck, check_scope
from assistant.scoring import lexical_score, term_weights
from assistant.stages.retrieve import Found
from assistant.tokens import key_terms, term_set

# Articles weighed for the answer, and policy sections beside them (policies are cited only
# when no article fits, so they must not crowd the articles out).
CANDIDATE_ARTICLES = 12
CANDIDATE_POLICIES = 4


@dataclass(frozen=True)
class RefusalPolicy:
    """Refuse on scope; else when retrieval found little: weak BM25 *and* weak coverage."""

    off_domain_coverage: float = 0.6
    weak_bm25: float = 4.0
    weak_coverage: float = 0.2
    # Set on the dev sets: unanswerable questions there have 0.5-0.64 of their key terms
    # unknown to the corpus; answerable ones at most 0.39.
    unfamiliar_share: float = 0.5
    unfamiliar_coverage: float = 0.2


@dataclass(frozen=True)
class Signals:
    coverage: float
    support: float
    top_dense: float
    top_bm25: float
    scope: ScopeCheck
    unfamiliar: float = 0.0


@dataclass(frozen=True)
class Verdict:
    refused: bool
    reasons: tuple[str, ...]
    signals: Signals


def measure(
    question: str,
    evidence: Sequence[ArticleEvidence],
    scope: ScopeCheck,
    vocabulary: frozenset[str] = frozenset(),
    top: int = 3,
) -> Signals:
    """The signals for `decide`; with an empty `vocabulary` no term counts as unfamiliar."""
    best = list(evidence[:top])
    texts = [p.text for item in best for p in item.group.passages]
    sentences = [s.text for item in evidence for s in item.sentences]
    weights = term_weights(key_terms(question), sentences or texts)
    present = term_set(texts)
    leads = [item.group.lead for item in best]
    return Signals(
        coverage=lexical_score(present, weights),
        support=max((item.best for item in best), default=0.0),
        top_dense=max((p.dense or 0.0 for p in leads), default=0.0),
        top_bm25=max((p.bm25 or 0.0 for p in leads), default=0.0),
        scope=scope,
        unfamiliar=_unfamiliar(key_terms(question), vocabulary),
    )


def _unfamiliar(terms: Sequence[str], vocabulary: frozenset[str]) -> float:
    if not vocabulary or not terms:
        return 0.0
    return sum(term not in vocabulary for term in terms) / len(terms)


def decide(signals: Signals, policy: RefusalPolicy) -> Verdict:
    reasons: list[str] = []
    scope = signals.scope
    reasons.extend(f"instrument-not-held: {item.name}" for item in scope.missing)
    reasons.extend(f"no-such-article: {n.sources[0].law} {n.written}" for n in scope.absent)
    if scope.about_product:
        reasons.append("about-the-product")
    if scope.off_domain and signals.coverage < policy.off_domain_coverage:
        reasons.append("off-domain: " + ", ".join(scope.off_domain))
    if signals.top_bm25 < policy.weak_bm25 and signals.coverage < policy.weak_coverage:
        reasons.append("weak-retrieval")
    if (
        signals.unfamiliar >= policy.unfamiliar_share
        and signals.coverage < policy.unfamiliar_coverage
    ):
        reasons.append("unfamiliar-terms")
    return Verdict(bool(reasons), tuple(reasons), signals)


@dataclass(frozen=True)
class Judged:
    """Each candidate article's evidence, for the whole question and for each part, and
    the verdict on whether the sources answer."""

    found: Found
    evidence: list[ArticleEvidence]
    parts: list[list[ArticleEvidence]]
    verdict: Verdict


class Judge:
    def __init__(
        self, catalog: SourceCatalog, ranker: SentenceRanker, policy: RefusalPolicy
    ) -> None:
        self.catalog = catalog
        self.ranker = ranker
        self.policy = policy

    def __call__(self, found: Found) -> Judged:
        question, query = found.asked.question, found.asked.query
        sources = self.catalog.sources()
        scope = check_scope(question, sources)
        candidates, named = _candidates(found.groups), named_in(question, sources)
        evidence = self.ranker.evidence(query, candidates, named)
        parts = [self.ranker.evidence(part, candidates, named) for part in question_parts(query)]
        signals = measure(query, evidence, scope, self.catalog.vocabulary())
        return Judged(found, evidence, parts, decide(signals, self.policy))


def _candidates(groups: list[ArticleGroup]) -> list[ArticleGroup]:
    articles = [g for g in groups if g.citable.article is not None][:CANDIDATE_ARTICLES]
    policies = [g for g in groups if g.citable.article is None][:CANDIDATE_POLICIES]
    return sorted([*articles, *policies], key=lambda group: group.rank)

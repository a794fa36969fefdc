"""Stage 3: each candidate article's evidence, and whether the sources answer at all
(`Judged`).

The evidence of an article is its scored sentences and how well it answers the question
(`assistant.extractive`), for the whole question and for each of its parts. The refusal
decision (`assistant.refusal`) weighs scope — instruments and articles the question names
that the corpus does not hold, subjects no source covers — against retrieval strength.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.extractive import ArticleEvidence, SentenceRanker
from assistant.grouping import ArticleGroup
from assistant.named_articles import named_in
from assistant.parts import question_parts
from assistant.ports import SourceCatalog
from assistant.refusal import RefusalPolicy, Verdict, decide, measure
from assistant.scope import check_scope
from assistant.stages.retrieve import Found

# Articles weighed for the answer, and policy sections beside them (policies are cited only
# when no article fits, so they must not crowd the articles out).
CANDIDATE_ARTICLES = 12
CANDIDATE_POLICIES = 4


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

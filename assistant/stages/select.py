"""Stage 4: the articles that answer, and the sentence each is quoted by (`Selection`).

The strongest article answers, with up to `answer_articles` nearly as strong, and any
article a part of the question clearly adds (`assistant.parts`); the next three are named
as related. Laws and regulations are cited by article; policies only when nothing else
fits. The nearest articles are what a refusal lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.citations import Citation
from assistant.extractive import ArticleEvidence, cite_evidence
from assistant.grouping import ArticleGroup
from assistant.parts import part_articles
from assistant.stages.judge import Judged

# With more than one article allowed, another joins when its strength is within this
# distance of the strongest.
JOIN_MARGIN = 0.05
RELATED = 3


@dataclass(frozen=True)
class Selection:
    """The articles that answer and their quotes; the related and the nearest articles."""

    judged: Judged
    chosen: list[ArticleEvidence]
    related: list[ArticleGroup]
    quotes: list[Citation]
    nearest: list[ArticleGroup]


class Select:
    def __init__(self, answer_articles: int, nearest_articles: int) -> None:
        self.answer_articles = answer_articles
        self.nearest_articles = nearest_articles

    def __call__(self, judged: Judged) -> Selection:
        evidence = judged.evidence
        chosen = select_articles(evidence, self.answer_articles)
        chosen += part_articles(chosen, evidence, judged.parts)
        keys = {item.group.key for item in chosen}
        related = [item.group for item in evidence if item.group.key not in keys][:RELATED]
        quotes = cite_evidence(chosen, judged.found.asked.language)
        nearest = judged.found.groups[: self.nearest_articles]
        return Selection(judged, chosen, related, quotes, nearest)


def select_articles(evidence: Sequence[ArticleEvidence], limit: int) -> list[ArticleEvidence]:
    """The articles that answer: the strongest, and up to `limit` nearly as strong."""
    candidates = [item for item in evidence if citable(item)] or list(evidence)
    if not candidates:
        return []
    top = max(item.group.score for item in candidates)
    ranked = sorted(candidates, key=lambda item: item.strength(top), reverse=True)
    best = ranked[0].strength(top)
    return [ranked[0]] + [
        item for item in ranked[1:limit] if item.strength(top) >= best - JOIN_MARGIN
    ]


def citable(item: ArticleEvidence) -> bool:
    """Laws and regulations are cited by article; policies only when nothing else fits."""
    lead = item.group.citable
    return lead.article is not None and lead.kind != "policy"

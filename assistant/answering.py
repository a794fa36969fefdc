"""From scored evidence to an answer: which articles answer, and the three ways to word it
(extractive, chat model under citation checks, refusal)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.citations import Citation, verify
from assistant.errors import ModelAnswerError
from assistant.extractive import ArticleEvidence, cite_evidence
from assistant.grouping import ArticleGroup
from assistant.named_articles import NamedArticle
from assistant.parts import part_articles
from assistant.ports import Drafter
from assistant.wording import render_absent, render_answer, render_refusal

EXTRACTIVE = "extractive"
LLM = "llm"
FALLBACK = "extractive-fallback"
# With more than one article allowed, another joins when its strength is within this
# distance of the strongest.
JOIN_MARGIN = 0.05


@dataclass
class Draft:
    answer: str
    citations: list[Citation]
    refused: bool
    mode: str
    articles: list[ArticleGroup] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    fallback_reason: str | None = None


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


def extractive(
    evidence: Sequence[ArticleEvidence],
    language: str,
    limit: int,
    mode: str = EXTRACTIVE,
    parts: Sequence[Sequence[ArticleEvidence]] = (),
) -> Draft:
    """The chosen articles quoted, with each article a part of the question clearly adds."""
    chosen = select_articles(evidence, limit)
    chosen += part_articles(chosen, evidence, parts)
    keys = {item.group.key for item in chosen}
    related = [item.group for item in evidence if item.group.key not in keys][:3]
    answer = render_answer(chosen, language, related)
    groups = [item.group for item in chosen]
    return Draft(answer, cite_evidence(chosen, language), False, mode, groups)


def refusal(nearest: Sequence[ArticleGroup], language: str, mode: str, note: str = "") -> Draft:
    return Draft(render_refusal(nearest, language, note), [], True, mode, list(nearest))


def no_such_article(absent: Sequence[NamedArticle], language: str, mode: str) -> Draft:
    """The question names articles their instruments do not have: say so, cite nothing."""
    return Draft(render_absent(absent, language), [], True, mode)


def with_model(
    drafter: Drafter,
    question: str,
    evidence: Sequence[ArticleEvidence],
    language: str,
    customer_state: str,
    threshold: float,
) -> Draft:
    """The chat model's answer, keeping only citations that verify; raises ModelAnswerError."""
    passages = [p for item in evidence for p in item.group.passages]
    draft = drafter.draft(question, passages, language, customer_state)
    groups = [item.group for item in evidence]
    if draft.insufficient_context:
        return refusal(groups, language, LLM)
    kept, rejected = verify(draft.citations, passages, threshold)
    reasons = [f"{r.citation.source} {r.citation.article}: {r.reason}" for r in rejected]
    if not kept:
        result = refusal(groups, language, LLM)
        result.rejected = reasons
        return result
    if not draft.answer:
        raise ModelAnswerError("empty answer text")
    cited = {c.passage_id for c in kept}
    used = [g for g in groups if any(p.passage_id in cited for p in g.passages)]
    return Draft(draft.answer, kept, False, LLM, used, reasons)

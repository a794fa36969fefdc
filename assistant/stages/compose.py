"""Stage 5: the answer worded (`Draft`): "no such article", a refusal listing the nearest
articles, the chosen articles quoted, or the chat model's answer keeping only the
citations that verify against the passages it was given.

A chat model's failure (`ModelAnswerError`) falls back to the quoted answer, with the
reason. Words in Chinese or English after the question (`assistant.wording`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.citations import Citation, verify
from assistant.errors import ModelAnswerError
from assistant.grouping import ArticleGroup
from assistant.ports import Drafter
from assistant.stages.select import Selection
from assistant.subjects import render_subjects
from assistant.wording import (
    article_name,
    missing_note,
    render_absent,
    render_answer,
    render_refusal,
)

EXTRACTIVE = "extractive"
LLM = "llm"
FALLBACK = "extractive-fallback"


@dataclass(frozen=True)
class Draft:
    """The answer's words, its citations, and the names of the articles it rests on."""

    selection: Selection
    answer: str
    citations: list[Citation]
    refused: bool
    mode: str
    articles: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    fallback_reason: str | None = None


class Compose:
    def __init__(self, drafter: Drafter | None, fuzzy_quote_threshold: float) -> None:
        self.drafter = drafter
        self.threshold = fuzzy_quote_threshold

    @property
    def mode(self) -> str:
        return LLM if self.drafter else EXTRACTIVE

    def __call__(self, selection: Selection) -> Draft:
        verdict, language = selection.judged.verdict, selection.judged.found.asked.language
        absent = verdict.signals.scope.absent
        if absent:
            return Draft(selection, render_absent(absent, language), [], True, self.mode)
        if verdict.refused:
            missing = [item.name for item in verdict.signals.scope.missing]
            return _refusal(
                selection, selection.nearest, self.mode, missing_note(missing, language)
            )
        if self.drafter is None:
            return _quoted(selection, EXTRACTIVE)
        try:
            return self._with_model(self.drafter, selection)
        except ModelAnswerError as error:
            return replace(_quoted(selection, FALLBACK), fallback_reason=error.reason)

    def _with_model(self, drafter: Drafter, selection: Selection) -> Draft:
        """The chat model's answer, keeping only citations that verify; raises
        `ModelAnswerError`."""
        found = selection.judged.found
        language, evidence = found.asked.language, selection.judged.evidence
        passages = [p for item in evidence for p in item.group.passages]
        state = render_subjects(found.subjects, language)
        draft = drafter.draft(found.asked.question, passages, language, state)
        groups = [item.group for item in evidence]
        if draft.insufficient_context:
            return _refusal(selection, groups, LLM)
        kept, rejected = verify(draft.citations, passages, self.threshold)
        reasons = [f"{r.citation.source} {r.citation.article}: {r.reason}" for r in rejected]
        if not kept:
            return replace(_refusal(selection, groups, LLM), rejected=reasons)
        if not draft.answer:
            raise ModelAnswerError("empty answer text")
        cited = {c.passage_id for c in kept}
        used = [g for g in groups if any(p.passage_id in cited for p in g.passages)]
        return Draft(selection, draft.answer, kept, False, LLM, _names(used, language), reasons)


def _quoted(selection: Selection, mode: str) -> Draft:
    language = selection.judged.found.asked.language
    answer = render_answer(selection.chosen, language, selection.related)
    names = _names([item.group for item in selection.chosen], language)
    return Draft(selection, answer, selection.quotes, False, mode, names)


def _refusal(
    selection: Selection, nearest: Sequence[ArticleGroup], mode: str, note: str = ""
) -> Draft:
    language = selection.judged.found.asked.language
    text = render_refusal(nearest, language, note)
    return Draft(selection, text, [], True, mode, _names(nearest, language))


def _names(groups: Sequence[ArticleGroup], language: str) -> list[str]:
    return [article_name(group.citable, language) for group in groups]

"""What one question goes through (`Prepared`) and what the caller gets back (`Answer`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.advice_log import AdviceEntry
from assistant.answering import Draft
from assistant.citations import Citation
from assistant.extractive import ArticleEvidence
from assistant.grouping import ArticleGroup
from assistant.passages import Passage
from assistant.refusal import Verdict
from assistant.sessions import Session
from assistant.subjects import SubjectReport
from assistant.wording import article_name


@dataclass(frozen=True)
class Prepared:
    question: str
    query: str
    language: str
    session: Session | None
    subjects: list[SubjectReport]
    as_of: date | None
    groups: list[ArticleGroup]
    evidence: list[ArticleEvidence]
    flagged: list[Passage]
    verdict: Verdict
    question_flags: list[str]
    parts: list[list[ArticleEvidence]] = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    answer: str
    citations: list[Citation]
    refused: bool
    mode: str
    language: str
    articles: list[str]
    subjects: list[SubjectReport]
    flagged: list[Passage]
    reasons: list[str]
    signals: dict[str, Any]
    session_id: str | None
    advice_id: str | None
    index_version: str
    question_flags: list[str] = field(default_factory=list)
    rejected_citations: list[str] = field(default_factory=list)
    fallback_reason: str | None = None
    elapsed_ms: float = 0.0

    @classmethod
    def build(
        cls,
        prepared: Prepared,
        draft: Draft,
        text: str,
        entry: AdviceEntry | None,
        index_version: str,
        started: float,
    ) -> Answer:
        verdict = prepared.verdict
        return cls(
            answer=text,
            citations=draft.citations,
            refused=draft.refused,
            mode=draft.mode,
            language=prepared.language,
            articles=[article_name(g.citable, prepared.language) for g in draft.articles],
            subjects=prepared.subjects,
            flagged=prepared.flagged,
            reasons=list(verdict.reasons) if draft.refused else [],
            signals=verdict.signals.as_dict(),
            session_id=prepared.session.session_id if prepared.session else None,
            advice_id=entry.advice_id if entry else None,
            index_version=index_version,
            question_flags=prepared.question_flags,
            rejected_citations=draft.rejected,
            fallback_reason=draft.fallback_reason,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "citations": [c.as_dict() for c in self.citations],
            "refused": self.refused,
            "mode": self.mode,
            "language": self.language,
            "articles": self.articles,
            "reasons": self.reasons,
            "subjects": [_subject(report) for report in self.subjects],
            "flagged_sources": sorted({p.source for p in self.flagged}),
            "question_flags": self.question_flags,
            "rejected_citations": self.rejected_citations,
            "fallback_reason": self.fallback_reason,
            "session_id": self.session_id,
            "advice_id": self.advice_id,
            "index_version": self.index_version,
            "signals": self.signals,
            "elapsed_ms": round(self.elapsed_ms, 1),
        }


def _subject(report: SubjectReport) -> dict[str, Any]:
    state = report.state
    body: dict[str, Any] = {"subject_ref": report.subject_ref, "status": report.status}
    if state is not None:
        body["as_of"] = state.as_of.isoformat() if state.as_of else None
        body["consents"] = [c.__dict__ for c in state.consents]
        body["transfers"] = [t.__dict__ for t in state.transfers]
    return body

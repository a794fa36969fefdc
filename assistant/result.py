"""What the caller gets back for a question (`Answer`), built by the last stage
(`assistant.stages.record`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.citations import Citation
from assistant.passages import Passage
from assistant.subjects import SubjectReport


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

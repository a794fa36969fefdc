"""Response bodies of the assistant's HTTP API."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel

from assistant.passages import Passage
from assistant.result import Answer
from assistant.sessions import Session


class CitationPublic(BaseModel):
    source: str
    title: str
    law: str
    article: int | None
    article_label: str | None
    quote: str
    file: str | None
    kind: str
    flagged: bool


class ArticlePublic(BaseModel):
    """One article's indexed text, as a citation opens it."""

    source: str
    title: str
    law: str
    kind: str
    article: int
    article_label: str | None
    article_title: str | None
    language: str
    file: str | None
    effective_from: date | None
    effective_to: date | None
    flagged: bool
    text: str

    @classmethod
    def of(cls, passages: list[Passage]) -> ArticlePublic:
        first = passages[0]
        assert first.article is not None
        return cls(
            source=first.source,
            title=first.title,
            law=first.law,
            kind=first.kind,
            article=first.article,
            article_label=first.article_label,
            article_title=first.article_title,
            language=first.language,
            file=first.file,
            effective_from=first.effective_from,
            effective_to=first.effective_to,
            flagged=any(p.flagged for p in passages),
            text="\n\n".join(p.text.strip() for p in passages),
        )


class SubjectPublic(BaseModel):
    subject_ref: str
    status: str
    as_of: str | None = None
    consents: list[dict[str, Any]] = []
    transfers: list[dict[str, Any]] = []


class AnswerPublic(BaseModel):
    answer: str
    citations: list[CitationPublic]
    refused: bool
    mode: str
    language: str
    articles: list[str]
    reasons: list[str]
    subjects: list[SubjectPublic]
    flagged_sources: list[str]
    question_flags: list[str]
    rejected_citations: list[str]
    fallback_reason: str | None
    session_id: str | None
    advice_id: str | None
    index_version: str
    signals: dict[str, Any]
    elapsed_ms: float


def answer_public(answer: Answer) -> AnswerPublic:
    return AnswerPublic.model_validate(answer.as_dict())


class TurnPublic(BaseModel):
    question: str
    answer: str
    cited: list[str]
    refused: bool
    at: datetime


class SessionPublic(BaseModel):
    session_id: str
    created_at: datetime
    turns: list[TurnPublic]

    @classmethod
    def of(cls, session: Session) -> SessionPublic:
        turns = [
            TurnPublic(
                question=t.question,
                answer=t.answer,
                cited=list(t.cited),
                refused=t.refused,
                at=datetime.fromtimestamp(t.at, UTC),
            )
            for t in session.turns
        ]
        return cls(
            session_id=session.session_id,
            created_at=datetime.fromtimestamp(session.created, UTC),
            turns=turns,
        )


class AdvicePage(BaseModel):
    entries: list[dict[str, Any]]
    limit: int
    offset: int

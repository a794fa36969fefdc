"""Stage 1: the request read as a question to answer (`Asked`).

A follow-up in a session is searched with the previous question's key terms and inherits
the customers it spoke about; customer references are blanked out of the search text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from assistant.errors import QuestionError
from assistant.injection import instruction_flags
from assistant.ports import Caller
from assistant.sessions import Session, SessionStore, search_query
from assistant.subjects import named_subjects, refers_back, without_refs
from assistant.tokens import language_of


@dataclass(frozen=True)
class AskRequest:
    question: str
    subject_ref: str | None = None
    as_of: date | None = None
    session_id: str | None = None
    jurisdiction: str | None = None


@dataclass(frozen=True)
class Asked:
    """The question checked, with the text to search with and what it names."""

    question: str
    query: str
    language: str
    caller: Caller
    session: Session | None
    subject_refs: tuple[str, ...]
    as_of: date | None
    jurisdiction: str | None
    flags: tuple[str, ...]
    started: float


class ReadQuestion:
    def __init__(self, sessions: SessionStore, max_chars: int) -> None:
        self.sessions = sessions
        self.max_chars = max_chars

    def __call__(self, request: AskRequest, caller: Caller) -> Asked:
        """Raises `QuestionError` for an empty or long question, `SessionNotFoundError` for a
        session the caller does not hold."""
        started = time.perf_counter()
        question = checked_question(request.question, self.max_chars)
        session = (
            self.sessions.get(request.session_id, caller.key_id) if request.session_id else None
        )
        previous = session.last if session else None
        refs = named_subjects(question, request.subject_ref)
        if not refs and previous is not None and refers_back(question):
            refs = list(previous.subjects)
        return Asked(
            question,
            search_query(without_refs(question), previous),
            language_of(question),
            caller,
            session,
            tuple(refs),
            request.as_of,
            request.jurisdiction,
            tuple(instruction_flags(question)),
            started,
        )


def checked_question(question: str, limit: int) -> str:
    text = (question or "").strip()
    if not text:
        raise QuestionError("question", "must not be empty")
    if len(text) > limit:
        raise QuestionError("question", f"must be at most {limit} characters")
    return text

"""Errors of the assistant package.

Every error carries the fields that say what went wrong::

    AssistantError                 base
    ├── QuestionError              the request cannot be answered as given; `.field`, `.reason`
    ├── SessionNotFoundError       no such chat session for this caller; `.session_id`
    ├── ArticleNotFoundError       the index holds no such article; `.source`, `.article`
    ├── RetrievalUnavailableError  the knowledge index cannot be searched; `.reason`
    ├── ModelAnswerError           the chat model failed or answered out of shape; `.reason`
    │                              (never reaches a caller: the extractive answer replaces it)
    └── EvaluationFileError        an evaluation file is malformed; `.path`, `.line`, `.field`
"""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base of every error raised by the assistant package."""


class QuestionError(AssistantError):
    """A field of the request is missing, too long or malformed."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


class SessionNotFoundError(AssistantError):
    """The chat session does not exist, has expired, or belongs to someone else."""

    def __init__(self, session_id: str) -> None:
        super().__init__(f"no chat session {session_id!r}")
        self.session_id = session_id


class ArticleNotFoundError(AssistantError):
    """The knowledge index holds no text for this article of this source."""

    def __init__(self, source: str, article: int) -> None:
        super().__init__(f"no article {article} in source {source!r}")
        self.source = source
        self.article = article


class RetrievalUnavailableError(AssistantError):
    """The knowledge index could not be searched (not built, or its store is down)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"the knowledge index cannot be searched: {reason}")
        self.reason = reason


class ModelAnswerError(AssistantError):
    """The chat model could not give a usable structured answer."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"chat model: {reason}")
        self.reason = reason


class EvaluationFileError(AssistantError):
    """A line of an evaluation file is malformed."""

    def __init__(self, path: Path, line: int, field: str, reason: str) -> None:
        super().__init__(f"{path}:{line}: {field}: {reason}")
        self.path = path
        self.line = line
        self.field = field
        self.reason = reason

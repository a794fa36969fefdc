"""The retrieval-augmented compliance assistant.

It answers from retrieved regulation text only: extractively by default, through an
OpenAI-compatible chat model when one is configured, always under the same citation checks;
it refuses, listing the nearest articles, when the sources do not cover a question; it adds a
named customer's registry state read with the caller's role; it logs every answer.

Each question passes once through the stages of `assistant.stages`, in order (question,
retrieve, judge, select, compose, render, record); `assistant.service.Assistant.ask` reads
as that sequence. It retrieves through a LangChain `BaseRetriever` (the knowledge index's
`knowledge.retriever.HybridRetriever`), whose `Document`s `assistant.documents` reads as
passages. Its other needs are ports (`assistant.ports`): `SourceCatalog` (the knowledge
index, adapted in `assistant.knowledge_adapter`), `ConsentLookup` (the registry, adapted by
the composition root), `Drafter` (the chat model, `assistant.llm`). `assistant.api` holds
the HTTP router, `assistant.fakes` in-memory ports for tests. Errors: `assistant.errors`.
"""

from assistant.errors import (
    AssistantError,
    EvaluationFileError,
    ModelAnswerError,
    QuestionError,
    RetrievalUnavailableError,
    SessionNotFoundError,
)
from assistant.passages import Passage, SourceInfo
from assistant.ports import (
    ConsentLine,
    ConsentLookup,
    SourceCatalog,
    SubjectState,
    TransferLine,
)
from assistant.result import Answer
from assistant.service import AskRequest, Assistant
from assistant.settings import AssistantSettings

__all__ = [
    "Answer",
    "AskRequest",
    "Assistant",
    "AssistantError",
    "AssistantSettings",
    "ConsentLine",
    "ConsentLookup",
    "EvaluationFileError",
    "ModelAnswerError",
    "Passage",
    "QuestionError",
    "RetrievalUnavailableError",
    "SessionNotFoundError",
    "SourceCatalog",
    "SourceInfo",
    "SubjectState",
    "TransferLine",
]

"""The assistant's ports: what it needs from the corpus, embeddings and the registry.

Retrieval itself is a LangChain `BaseRetriever` (`knowledge.retriever.HybridRetriever`)
returning `Document`s in the shape `assistant.documents` reads.

Each is a small Protocol; the composition root wires the real adapters (the knowledge
package, the registry application) and tests use real local services or plain fakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from assistant.citations import ProposedCitation
from assistant.passages import Passage, SourceInfo


class SourceCatalog(Protocol):
    """What the corpus holds, and a version string naming the current index."""

    def sources(self) -> Sequence[SourceInfo]: ...

    def index_version(self) -> str: ...

    def article(self, source: str, article: int) -> list[Passage]:
        """Every passage of one article of one source, in reading order (empty if none)."""
        ...

    def vocabulary(self) -> frozenset[str]:
        """Every key term (`assistant.tokens.key_terms`) that some passage of the corpus has."""
        ...


class TextEncoder(Protocol):
    """Embeddings with query and passage roles (a LangChain `Embeddings` fits)."""

    def embed_query(self, text: str) -> list[float]: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


@dataclass(frozen=True)
class ConsentLine:
    purpose: str
    status: str
    purpose_version: int | None
    since: str | None
    position: int | None


@dataclass(frozen=True)
class TransferLine:
    flow: str
    country: str
    status: str
    mechanism: str | None
    position: int | None


@dataclass(frozen=True)
class SubjectState:
    """A customer's consent and transfer state, with the event positions it rests on."""

    subject_ref: str
    as_of: datetime | None
    consents: tuple[ConsentLine, ...] = ()
    transfers: tuple[TransferLine, ...] = field(default_factory=tuple)


class ConsentLookup(Protocol):
    """Read one customer's state through the registry with the asking user's role.

    Returns None when the registry knows no such customer. The adapter must apply the
    registry's own access rules for `role` as well; the assistant checks the role first.
    """

    def subject_state(
        self, subject_ref: str, *, as_of: datetime | None, role: str
    ) -> SubjectState | None: ...


@dataclass(frozen=True)
class ModelDraft:
    """A chat model's answer before its citations are checked."""

    answer: str
    citations: list[ProposedCitation]
    insufficient_context: bool


class Drafter(Protocol):
    """Writes a prose answer from passages (the chat model); raises `ModelAnswerError`."""

    def draft(
        self, question: str, passages: Sequence[Passage], language: str, customer_state: str = ""
    ) -> ModelDraft: ...


class Caller(Protocol):
    """Who asks: the API's principal, or the command line's local user."""

    @property
    def role(self) -> str: ...

    @property
    def key_id(self) -> str: ...

    @property
    def label(self) -> str: ...

"""In-memory stand-ins for the assistant's ports, for tests and demonstrations.

`MemoryPassages` is a LangChain retriever like the real `knowledge.retriever.HybridRetriever`:
it ranks a fixed list of passages by shared key terms (a small BM25-like score), honours the
date and jurisdiction filters, and like the real index brings the other passages of a
matched article (its text and its digest) along, as `Document`s; it is their catalogue too.
`MemoryConsents` answers from a dict and records every lookup, so a test can show that
nothing else was read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field, PrivateAttr

from assistant.documents import document_of
from assistant.passages import Passage, SourceInfo
from assistant.ports import SubjectState
from assistant.tokens import key_terms


class MemoryPassages(BaseRetriever):
    """A LangChain retriever over a fixed list of passages, and their catalogue."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    passages: list[Passage] = Field(default_factory=list)
    known: list[SourceInfo] = Field(default_factory=list)
    version: str = "mem-1"
    k: int = 5
    _bags: list[set[str]] = PrivateAttr(default_factory=list)
    _idf: dict[str, float] = PrivateAttr(default_factory=dict)

    def __init__(
        self,
        passages: Sequence[Passage],
        sources: Sequence[SourceInfo] = (),
        version: str = "mem-1",
    ) -> None:
        super().__init__()
        self.passages, self.known, self.version = list(passages), list(sources), version
        self._bags = [set(key_terms(p.text)) for p in self.passages]
        total = len(self._bags) or 1
        vocabulary = {term for bag in self._bags for term in bag}
        self._idf = {t: math.log(1 + total / sum(t in b for b in self._bags)) for t in vocabulary}

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        as_of: date | None = kwargs.get("as_of")
        jurisdiction: str | None = kwargs.get("jurisdiction")
        terms = set(key_terms(query))
        scored = []
        for passage, bag in zip(self.passages, self._bags, strict=True):
            if as_of is not None and not passage.in_force(as_of):
                continue
            if jurisdiction and passage.jurisdiction != jurisdiction:
                continue
            score = sum(self._idf[t] for t in terms & bag)
            if score > 0:
                scored.append((score, passage))
        scored.sort(key=lambda item: -item[0])
        top = scored[0][0] if scored else 1.0
        found: dict[str, Passage] = {}
        for score, passage in scored[: kwargs.get("k", self.k)]:
            for member in [passage, *self._article(passage)]:
                found.setdefault(
                    member.passage_id, replace(member, score=score / top, bm25=score, dense=0.8)
                )
        return [document_of(passage) for passage in found.values()]

    def _article(self, passage: Passage) -> list[Passage]:
        if passage.article is None:
            return []
        return [p for p in self.passages if p.article_key == passage.article_key and p != passage]

    def sources(self) -> Sequence[SourceInfo]:
        return self.known

    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._idf)

    def index_version(self) -> str:
        return self.version

    def article(self, source: str, article: int) -> list[Passage]:
        return [p for p in self.passages if p.source == source and p.article == article]


@dataclass
class MemoryConsents:
    states: dict[str, SubjectState] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)

    def subject_state(
        self, subject_ref: str, *, as_of: datetime | None, role: str
    ) -> SubjectState | None:
        self.calls.append((subject_ref, role))
        return self.states.get(subject_ref)

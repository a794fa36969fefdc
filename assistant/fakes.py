"""In-memory stand-ins for the assistant's ports, for tests and demonstrations.

`MemoryPassages` ranks a fixed list of passages by shared key terms (a small BM25-like
score), honouring the date and jurisdiction filters, and like the real index brings the
other passages of a matched article (its text and its digest) along. `MemoryConsents`
answers from a dict and records every lookup, so a test can show that nothing else was read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from assistant.passages import Passage, SourceInfo
from assistant.ports import SubjectState
from assistant.tokens import key_terms


class MemoryPassages:
    def __init__(
        self,
        passages: Sequence[Passage],
        sources: Sequence[SourceInfo] = (),
        version: str = "mem-1",
    ) -> None:
        self.passages = list(passages)
        self._sources = list(sources)
        self.version = version
        self.queries: list[str] = []
        bags = [set(key_terms(p.text)) for p in self.passages]
        self._bags = bags
        total = len(bags) or 1
        vocabulary = {term for bag in bags for term in bag}
        self._idf = {t: math.log(1 + total / sum(t in b for b in bags)) for t in vocabulary}

    def search(
        self, question: str, k: int, as_of: date | None, jurisdiction: str | None
    ) -> list[Passage]:
        self.queries.append(question)
        terms = set(key_terms(question))
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
        for score, passage in scored[:k]:
            for member in [passage, *self._article(passage)]:
                found.setdefault(
                    member.passage_id, replace(member, score=score / top, bm25=score, dense=0.8)
                )
        return list(found.values())

    def _article(self, passage: Passage) -> list[Passage]:
        if passage.article is None:
            return []
        return [p for p in self.passages if p.article_key == passage.article_key and p != passage]

    def sources(self) -> Sequence[SourceInfo]:
        return self._sources

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

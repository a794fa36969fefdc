"""Stage 2: the question's passages from the LangChain retriever, and the named customers'
registry state (`Found`).

The retriever (`knowledge.retriever.HybridRetriever` over the index) returns `Document`s,
each one chunk with its article's scores (`assistant.documents`). Passages that read like
instructions are set aside as flagged, never used for the answer; the rest are grouped by
article, best first. Customers are read with the caller's role, as of the end of the
question's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as clock_time

from langchain_core.retrievers import BaseRetriever

from assistant.documents import passage_of
from assistant.grouping import ArticleGroup, group_passages
from assistant.injection import split_flagged
from assistant.passages import Passage
from assistant.ports import ConsentLookup
from assistant.stages.question import Asked
from assistant.subjects import SubjectReport, read_subjects


@dataclass(frozen=True)
class Found:
    """The usable passages by article, best first; the flagged ones; the customers read."""

    asked: Asked
    groups: list[ArticleGroup]
    flagged: list[Passage]
    subjects: list[SubjectReport]


class Retrieve:
    def __init__(self, retriever: BaseRetriever, consents: ConsentLookup | None, k: int) -> None:
        self.retriever = retriever
        self.consents = consents
        self.k = k

    def __call__(self, asked: Asked) -> Found:
        documents = self.retriever.invoke(
            asked.query, k=self.k, as_of=asked.as_of, jurisdiction=asked.jurisdiction
        )
        usable, flagged = split_flagged(passage_of(document) for document in documents)
        end = _end_of(asked.as_of)
        reports = read_subjects(asked.subject_refs, asked.caller.role, end, self.consents)
        return Found(asked, group_passages(usable), flagged, reports)


def _end_of(day: date | None) -> datetime | None:
    return datetime.combine(day, clock_time.max, tzinfo=UTC) if day else None

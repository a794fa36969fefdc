"""Search the knowledge index: BM25, dense (Chroma) and their fusion, with filters.

`KnowledgeSearch.search` returns ranked `Hit`s with their scores (the assistant needs them
to decide when the sources do not answer); `knowledge.retriever.HybridRetriever` serves it
as a LangChain retriever.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import chromadb
import numpy as np
from langchain_chroma import Chroma
from langchain_core.documents import Document

from knowledge.bm25 import Bm25Index, IndexedChunk, fingerprint
from knowledge.dates import Period, period_in
from knowledge.embeddings import Embedder
from knowledge.errors import IndexLockedError, IndexModelError, IndexNotBuiltError
from knowledge.fusion import Demotion, fuse, representative
from knowledge.jurisdictions import jurisdiction_in
from knowledge.lock import WriterLock
from knowledge.settings import KnowledgeSettings
from knowledge.stores import ChunkCollection, day_number, langchain_store, location, make_client

Method = Literal["hybrid", "bm25", "dense"]


@dataclass(frozen=True)
class Hit:
    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float
    bm25_score: float | None = None
    bm25_rank: int | None = None
    dense_score: float | None = None
    dense_rank: int | None = None
    related: tuple[str, ...] = ()

    @property
    def citation(self) -> tuple[str, int | None]:
        """(official file or source, article): what a citation of this hit names."""
        return str(self.metadata.get("citation_file")), self.metadata.get("article")

    @property
    def scores(self) -> dict[str, Any]:
        """The scores of the hit's article, as document metadata."""
        return {
            "score": self.score,
            "bm25_score": self.bm25_score,
            "bm25_rank": self.bm25_rank,
            "dense_score": self.dense_score,
            "dense_rank": self.dense_rank,
        }

    def to_document(self) -> Document:
        metadata = {**self.metadata, **self.scores, "related_chunks": list(self.related)}
        return Document(page_content=self.text, metadata=metadata, id=self.chunk_id)


@dataclass(frozen=True)
class Filters:
    period: Period | None = None
    jurisdiction: str | None = None

    def where(self) -> dict[str, Any] | None:
        conditions: list[dict[str, Any]] = []
        if self.jurisdiction:
            conditions.append({"jurisdiction": self.jurisdiction})
        if self.period:
            end, start = day_number(self.period.end, 0), day_number(self.period.start, 0)
            conditions.append({"effective_from_n": {"$lte": end}})
            conditions.append({"effective_to_n": {"$gte": start}})
        if not conditions:
            return None
        return conditions[0] if len(conditions) == 1 else {"$and": conditions}

    def mask(self, bm25: Bm25Index) -> np.ndarray:
        rows = [chunk.metadata for chunk in bm25.chunks]
        keep = np.ones(len(rows), dtype=bool)
        if self.jurisdiction:
            keep &= np.array([row.get("jurisdiction") == self.jurisdiction for row in rows])
        if self.period:
            end, start = day_number(self.period.end, 0), day_number(self.period.start, 0)
            keep &= np.array([int(row["effective_from_n"]) <= end for row in rows])
            keep &= np.array([int(row["effective_to_n"]) >= start for row in rows])
        return keep


class KnowledgeSearch:
    """Opened once per process; loads the keyword index and checks it against Chroma.

    It reads the collection it opened until it is closed: an ingest renames a new one in
    beside it (`knowledge.ingest`), so reopen to see what the ingest changed.
    """

    def __init__(
        self,
        settings: KnowledgeSettings,
        embedder: Embedder,
        *,
        client: chromadb.ClientAPI | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client or make_client(settings)
        collection = ChunkCollection(self.client, settings.collection)
        stored = collection.stored()
        where = f"{location(settings)} (collection {settings.collection})"
        if not stored:
            raise IndexNotBuiltError(where)
        if collection.model() != embedder.name:
            raise IndexModelError(where, collection.model(), embedder.name)
        self.bm25 = self._keyword_index(stored)
        self.metadata = {chunk.chunk_id: chunk.metadata for chunk in self.bm25.chunks}
        self.texts = {chunk.chunk_id: chunk.text for chunk in self.bm25.chunks}
        self.store: Chroma = langchain_store(self.client, settings.collection, embedder)

    def _keyword_index(self, stored: dict[str, dict[str, Any]]) -> Bm25Index:
        """The saved BM25 index if it matches the collection, else one rebuilt from it."""
        folder = self.settings.bm25_dir / self.settings.collection
        wanted = fingerprint((cid, meta.get("doc_hash")) for cid, meta in stored.items())
        saved = Bm25Index.load(folder)
        if saved is not None and saved.fingerprint == wanted:
            return saved
        result = self.client.get_collection(self.settings.collection).get(
            include=["documents", "metadatas"]
        )
        rows = zip(result["ids"], result["documents"] or [], result["metadatas"] or [], strict=True)
        index = Bm25Index.build([IndexedChunk(i, d, {**(m or {})}) for i, d, m in rows])
        try:
            with WriterLock(self.settings.data_dir / "knowledge.lock"):
                index.save(folder)
        except IndexLockedError:
            pass  # an ingest is running and will save its own
        return index

    def search(
        self,
        question: str,
        k: int = 10,
        *,
        as_of: date | Period | None = None,
        jurisdiction: str | None = None,
        method: Method = "hybrid",
    ) -> list[Hit]:
        period = Period.day(as_of) if isinstance(as_of, date) else as_of
        filters = Filters(period or period_in(question), jurisdiction)
        ranked, weights = self.rank_lists(question, filters, method)
        demotion = Demotion(
            self.settings.kind_offsets,
            None if jurisdiction else jurisdiction_in(question),
            self.settings.other_jurisdiction_offset,
        )
        groups = fuse(ranked, self.metadata, weights, self.settings.rrf_k, demotion)
        hits = []
        for group in groups[:k]:
            chosen = representative(group, self.metadata)
            hits.append(
                Hit(
                    chunk_id=chosen,
                    text=self.texts[chosen],
                    metadata=dict(self.metadata[chosen]),
                    score=group.score,
                    bm25_score=group.scores.get("bm25"),
                    bm25_rank=group.ranks.get("bm25"),
                    dense_score=group.scores.get("dense"),
                    dense_rank=group.ranks.get("dense"),
                    related=tuple(cid for cid in group.chunks if cid != chosen),
                )
            )
        return hits

    def rank_lists(
        self, question: str, filters: Filters, method: Method
    ) -> tuple[dict[str, list[tuple[str, float]]], dict[str, float]]:
        """One ranked list of chunks per method, with its fusion weight."""
        ranked: dict[str, list[tuple[str, float]]] = {}
        if method in ("hybrid", "bm25"):
            ranked["bm25"] = self.keyword(question, filters)
        if method in ("hybrid", "dense"):
            ranked["dense"] = self.dense(question, filters)
        return ranked, {"bm25": self.settings.bm25_weight, "dense": self.settings.dense_weight}

    def keyword(self, question: str, filters: Filters) -> list[tuple[str, float]]:
        scores = self.bm25.scores(question)
        scores[~filters.mask(self.bm25)] = 0.0
        top = np.argsort(-scores)[: self.settings.candidates]
        return [(self.bm25.chunks[i].chunk_id, float(scores[i])) for i in top if scores[i] > 0]

    def dense(self, question: str, filters: Filters) -> list[tuple[str, float]]:
        found = self.store.similarity_search_with_score(
            question, k=self.settings.candidates, filter=filters.where()
        )
        return [(str(doc.id), 1.0 - distance) for doc, distance in found if doc.id in self.metadata]

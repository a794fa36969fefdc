"""Ingest: load the corpus, embed what changed, and bring both indexes up to date.

Incremental by default: a document whose content hash is already stored is not embedded
again, a changed one is re-embedded, and one no longer in the corpus is removed.

The collection being read is never written. When anything changed, a staging collection is
filled (the unchanged documents' vectors copied, the rest embedded) and renamed in only once
it is complete; the collection it replaces is renamed `…--retired` and kept until the next
change, so a reader that opened it (a server still answering from it) finishes on a
complete index. When nothing changed, no collection is touched. A rebuild is the same with
nothing copied.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import chromadb
from tqdm import tqdm

from knowledge.bm25 import Bm25Index, IndexedChunk
from knowledge.chunking import Chunk, chunk_document
from knowledge.corpus import load_corpus
from knowledge.embeddings import Embedder
from knowledge.lock import WriterLock
from knowledge.manifest import Manifest, load_manifest
from knowledge.settings import KnowledgeSettings
from knowledge.stores import ChunkCollection, make_client, store_metadata

STAGING_SUFFIX = "--staging"
RETIRED_SUFFIX = "--retired"


@dataclass
class IngestReport:
    documents: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    chunks: int = 0
    embedded: int = 0
    flagged: list[tuple[str, str]] = field(default_factory=list)
    rebuilt: bool = False
    seconds: float = 0.0
    embed_seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether a new collection was swapped in (readers should reopen the index)."""
        return bool(self.rebuilt or self.added or self.updated or self.removed)


class Ingestor:
    def __init__(
        self,
        settings: KnowledgeSettings,
        embedder: Embedder,
        *,
        client: chromadb.ClientAPI | None = None,
        manifest: Manifest | None = None,
        progress: bool = True,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = client
        self.manifest = manifest
        self.progress = progress

    def run(self, paths: Iterable[Path] | None = None, *, rebuild: bool = False) -> IngestReport:
        started = time.perf_counter()
        paths = list(paths) if paths is not None else self.settings.corpus_paths()
        manifest = self.manifest or load_manifest()
        documents = load_corpus(paths, manifest)
        chunks_by_doc = {
            d.doc_id: chunk_document(d, self.settings.max_chunk_tokens) for d in documents
        }
        report = IngestReport(documents=len(documents))
        with WriterLock(self.settings.data_dir / "knowledge.lock"):
            client = self.client or make_client(self.settings)
            target = ChunkCollection(client, self.settings.collection)
            if rebuild or target.model() not in (None, self.embedder.name):
                self._rebuild(client, target, chunks_by_doc, report)
            else:
                self._update(client, target, chunks_by_doc, report)
            everything = [chunk for chunks in chunks_by_doc.values() for chunk in chunks]
            keyword_rows = [IndexedChunk(c.chunk_id, c.text, store_metadata(c)) for c in everything]
            Bm25Index.build(keyword_rows).save(self.settings.bm25_dir / self.settings.collection)
        report.chunks = len(everything)
        report.flagged = [
            (c.chunk_id, str(c.metadata.get("flags"))) for c in everything if c.metadata["flagged"]
        ]
        report.seconds = time.perf_counter() - started
        return report

    def _update(
        self,
        client: chromadb.ClientAPI,
        target: ChunkCollection,
        chunks_by_doc: dict[str, list[Chunk]],
        report: IngestReport,
    ) -> None:
        stored = _by_document(target.stored())
        pending: list[Chunk] = []
        kept: list[str] = []
        for doc_id, chunks in chunks_by_doc.items():
            have = stored.get(doc_id)
            if have is not None and have == {c.chunk_id: c.metadata["doc_hash"] for c in chunks}:
                report.unchanged.append(doc_id)
                kept.extend(have)
                continue
            (report.updated if have else report.added).append(doc_id)
            pending.extend(chunks)
        report.removed = sorted(set(stored) - set(chunks_by_doc))
        if pending or report.removed:
            self._replace(client, target, kept, pending, report)

    def _rebuild(
        self,
        client: chromadb.ClientAPI,
        target: ChunkCollection,
        chunks_by_doc: dict[str, list[Chunk]],
        report: IngestReport,
    ) -> None:
        report.removed = sorted(set(_by_document(target.stored())) - set(chunks_by_doc))
        report.added = list(chunks_by_doc)
        everything = [chunk for chunks in chunks_by_doc.values() for chunk in chunks]
        self._replace(client, target, [], everything, report)
        report.rebuilt = True

    def _replace(
        self,
        client: chromadb.ClientAPI,
        target: ChunkCollection,
        kept: Sequence[str],
        pending: Sequence[Chunk],
        report: IngestReport,
    ) -> None:
        """Fill a staging collection with the `kept` chunks of `target` and the `pending`
        ones embedded, then rename it in, keeping `target` as the retired collection."""
        staging = ChunkCollection(client, target.name + STAGING_SUFFIX)
        staging.drop()
        collection = staging.open(self.embedder.name)
        target.copy_into(collection, kept, max(1, self.settings.embeddings_batch) * 8)
        self._embed_into(staging, collection, pending, report)
        retired = ChunkCollection(client, target.name + RETIRED_SUFFIX)
        retired.drop()
        if target.exists():
            target.rename(retired.name)
        staging.rename(target.name)

    def _embed_into(
        self,
        target: ChunkCollection,
        collection: Any,
        chunks: Sequence[Chunk],
        report: IngestReport,
    ) -> None:
        batch = max(1, self.settings.embeddings_batch)
        started = time.perf_counter()
        with tqdm(
            total=len(chunks), unit="chunk", desc="embedding", disable=not self.progress
        ) as bar:
            for start in range(0, len(chunks), batch):
                part = chunks[start : start + batch]
                vectors = self.embedder.embed_documents([chunk.indexed_text for chunk in part])
                target.upsert(collection, part, vectors)
                bar.update(len(part))
        report.embedded += len(chunks)
        report.embed_seconds += time.perf_counter() - started


def _by_document(stored: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """doc id → {chunk id: document hash} of what the collection holds."""
    result: dict[str, dict[str, Any]] = {}
    for chunk_id, meta in stored.items():
        result.setdefault(str(meta.get("doc_id")), {})[chunk_id] = meta.get("doc_hash")
    return result

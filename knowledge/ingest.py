"""Ingest: load the corpus, embed what changed, and bring both indexes up to date.

Incremental by default: a document whose content hash is already stored is not embedded
again, a changed one is re-embedded, and one no longer in the corpus is removed. A rebuild
fills a fresh collection and swaps it in only once it is complete.
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
                self._update(target, chunks_by_doc, report)
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
        self, target: ChunkCollection, chunks_by_doc: dict[str, list[Chunk]], report: IngestReport
    ) -> None:
        stored = _by_document(target.stored())
        pending: list[Chunk] = []
        for doc_id, chunks in chunks_by_doc.items():
            have = stored.get(doc_id)
            if have is not None and have == {c.chunk_id: c.metadata["doc_hash"] for c in chunks}:
                report.unchanged.append(doc_id)
                continue
            (report.updated if have else report.added).append(doc_id)
            pending.extend(chunks)
        collection = target.open(self.embedder.name)
        self._embed_into(target, collection, pending, report)
        current = {c.chunk_id for chunks in chunks_by_doc.values() for c in chunks}
        target.delete([cid for have in stored.values() for cid in have if cid not in current])
        report.removed = sorted(set(stored) - set(chunks_by_doc))

    def _rebuild(
        self,
        client: chromadb.ClientAPI,
        target: ChunkCollection,
        chunks_by_doc: dict[str, list[Chunk]],
        report: IngestReport,
    ) -> None:
        staging = ChunkCollection(client, target.name + STAGING_SUFFIX)
        staging.drop()
        collection = staging.open(self.embedder.name)
        everything = [chunk for chunks in chunks_by_doc.values() for chunk in chunks]
        self._embed_into(staging, collection, everything, report)
        report.removed = sorted(set(_by_document(target.stored())) - set(chunks_by_doc))
        report.added = list(chunks_by_doc)
        target.drop()
        staging.rename(target.name)
        report.rebuilt = True

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

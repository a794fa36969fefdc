"""Passage vectors kept by content, so that no text is embedded twice by the same model.

Ingest re-embeds whatever it cannot copy from the index being replaced: a rebuild, a new
collection, a document that moved between corpus folders, a chunking change that leaves most
chunks' text as it was. With the cache those texts cost a lookup instead of a model run.
Vectors are stored as the float32 values the model produced, keyed by the embedder's name and
the SHA-256 of the exact text, in one SQLite file (`KnowledgeSettings.embeddings_cache_file`)
that several processes may share. Queries are not cached.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from array import array
from collections.abc import Sequence
from pathlib import Path

from knowledge.embeddings import Embedder

SCHEMA = """
CREATE TABLE IF NOT EXISTS passage_vectors (
    model TEXT NOT NULL,
    digest BLOB NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (model, digest)
) WITHOUT ROWID
"""
LOOKUP_BATCH = 500
_KEY = "model = ? AND digest"


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, timeout=60, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(SCHEMA)
        self._lock = threading.Lock()

    def get(self, model: str, digests: Sequence[bytes]) -> dict[bytes, list[float]]:
        found: dict[bytes, list[float]] = {}
        with self._lock:
            for start in range(0, len(digests), LOOKUP_BATCH):
                part = list(digests[start : start + LOOKUP_BATCH])
                marks = ",".join("?" * len(part))
                query = f"SELECT digest, vector FROM passage_vectors WHERE {_KEY} IN ({marks})"
                rows = self._db.execute(query, [model, *part])
                for digest, blob in rows:
                    found[digest] = array("f", blob).tolist()
        return found

    def put(self, model: str, rows: Sequence[tuple[bytes, Sequence[float]]]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO passage_vectors (model, digest, vector) VALUES (?, ?, ?)",
                [(model, digest, array("f", vector).tobytes()) for digest, vector in rows],
            )

    def close(self) -> None:
        self._db.close()


class CachedEmbedder:
    """An `Embedder` that asks `inner` only for passages the cache does not hold."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.name = inner.name

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        digests = [hashlib.sha256(text.encode()).digest() for text in texts]
        known = self.cache.get(self.name, digests)
        missing = {digest: text for digest, text in zip(digests, texts, strict=True)}
        missing = {digest: text for digest, text in missing.items() if digest not in known}
        if missing:
            vectors = self.inner.embed_documents(list(missing.values()))
            fresh = list(zip(missing, vectors, strict=True))
            self.cache.put(self.name, fresh)
            # Read back as stored, so that a cached and a fresh run give the same vectors.
            known.update((digest, array("f", vector).tolist()) for digest, vector in fresh)
        return [known[digest] for digest in digests]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

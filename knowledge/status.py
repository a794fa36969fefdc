"""What the index holds: documents and chunks per kind, the model, the keyword index state."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import chromadb

from knowledge.bm25 import Bm25Index, fingerprint
from knowledge.settings import KnowledgeSettings
from knowledge.stores import ChunkCollection, location, make_client


@dataclass
class IndexStatus:
    location: str
    collection: str
    model: str | None = None
    chunks: int = 0
    documents: dict[str, tuple[str, int]] = field(default_factory=dict)  # doc id → (kind, chunks)
    kinds: Counter[str] = field(default_factory=Counter)
    flagged: list[str] = field(default_factory=list)
    keyword_index: str = "missing"


def index_status(
    settings: KnowledgeSettings, client: chromadb.ClientAPI | None = None
) -> IndexStatus:
    client = client or make_client(settings)
    target = ChunkCollection(client, settings.collection)
    status = IndexStatus(location(settings), settings.collection, target.model())
    stored = target.stored()
    status.chunks = len(stored)
    per_doc: Counter[str] = Counter()
    doc_kind: dict[str, str] = {}
    for chunk_id, meta in stored.items():
        doc_id = str(meta.get("doc_id"))
        per_doc[doc_id] += 1
        doc_kind.setdefault(doc_id, str(meta.get("doc_kind")))
        status.kinds[str(meta.get("kind"))] += 1
        if meta.get("flagged"):
            status.flagged.append(chunk_id)
    status.documents = {doc: (doc_kind[doc], count) for doc, count in sorted(per_doc.items())}
    saved = Bm25Index.load(settings.bm25_dir / settings.collection)
    if saved is not None:
        current = fingerprint((cid, meta.get("doc_hash")) for cid, meta in stored.items())
        status.keyword_index = "current" if saved.fingerprint == current else "stale"
    return status

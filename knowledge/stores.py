"""The vector store: Chroma, embedded under the data directory or a server by URL.

Chunks are written through the Chroma collection (the vectors are of the chunk's indexed
text, the stored document is its exact text) and read through LangChain's `Chroma`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma

from knowledge.chunking import Chunk, Metadata
from knowledge.embeddings import Embedder, as_langchain
from knowledge.settings import KnowledgeSettings

SPACE = "cosine"


def make_client(settings: KnowledgeSettings) -> chromadb.ClientAPI:
    """A Chroma server when `chroma_url` is set, else the embedded store in `data_dir`."""
    quiet = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlsplit(settings.chroma_url)
        ssl = url.scheme == "https"
        port = url.port or (443 if ssl else 8000)
        return chromadb.HttpClient(
            host=url.hostname or "localhost", port=port, ssl=ssl, settings=quiet
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=quiet)


def location(settings: KnowledgeSettings) -> str:
    return settings.chroma_url or str(settings.chroma_dir)


class ChunkCollection:
    """Write access to one collection; its metadata names the space and the model."""

    def __init__(self, client: chromadb.ClientAPI, name: str) -> None:
        self.client = client
        self.name = name

    def exists(self) -> bool:
        return self.name in {collection.name for collection in self.client.list_collections()}

    def open(self, embedder_name: str) -> Any:
        metadata = {"hnsw:space": SPACE, "embedding_model": embedder_name}
        return self.client.get_or_create_collection(self.name, metadata=metadata)

    def model(self) -> str | None:
        if not self.exists():
            return None
        value = self.client.get_collection(self.name).metadata or {}
        model = value.get("embedding_model")
        return str(model) if model is not None else None

    def stored(self) -> dict[str, dict[str, Any]]:
        """Metadata of every stored chunk, by chunk id."""
        if not self.exists():
            return {}
        result = self.client.get_collection(self.name).get(include=["metadatas"])
        return {
            id_: dict(meta or {})
            for id_, meta in zip(result["ids"], result["metadatas"] or [], strict=True)
        }

    def upsert(self, collection: Any, chunks: Sequence[Chunk], vectors: list[list[float]]) -> None:
        collection.upsert(
            ids=[chunk.chunk_id for chunk in chunks],
            embeddings=vectors,
            documents=[chunk.text for chunk in chunks],
            metadatas=[store_metadata(chunk) for chunk in chunks],
        )

    def copy_into(self, collection: Any, ids: Sequence[str], batch: int) -> None:
        """Copy the chunks `ids` (vectors, texts, metadata) into another collection."""
        for start in range(0, len(ids), batch):
            part = self.client.get_collection(self.name).get(
                ids=list(ids[start : start + batch]),
                include=["embeddings", "documents", "metadatas"],
            )
            collection.add(
                ids=part["ids"],
                embeddings=part["embeddings"],
                documents=part["documents"],
                metadatas=part["metadatas"],
            )

    def drop(self) -> None:
        if self.exists():
            self.client.delete_collection(self.name)

    def rename(self, new_name: str) -> None:
        self.client.get_collection(self.name).modify(name=new_name)


def store_metadata(chunk: Chunk) -> Metadata:
    """Chunk metadata plus the heading and the day numbers used by date filters."""
    meta = dict(chunk.metadata)
    meta["heading"] = chunk.heading
    meta["effective_from_n"] = day_number(meta.get("effective_from"), 0)
    meta["effective_to_n"] = day_number(meta.get("effective_to"), 99991231)
    return meta


def day_number(value: object, default: int) -> int:
    """2025-12-31 → 20251231, for range filters on numbers."""
    return int(str(value).replace("-", "")) if value else default


def langchain_store(client: chromadb.ClientAPI, name: str, embedder: Embedder) -> Chroma:
    return Chroma(
        client=client,
        collection_name=name,
        embedding_function=as_langchain(embedder),
        create_collection_if_not_exists=False,
    )

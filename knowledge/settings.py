"""Settings of the knowledge package: corpus locations, stores, embeddings, retrieval."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent


class KnowledgeSettings(BaseSettings):
    """Read from `CONSENTRY_*` variables; `knowledge_paths` is os.pathsep-separated."""

    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    data_dir: Path = Path("data")
    knowledge_paths: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    chroma_url: str | None = None
    collection: str = "consentry-knowledge"
    embeddings_url: str | None = None
    embeddings_model: str = "multilingual-e5-small"
    embeddings_api_key: SecretStr | None = None
    embeddings_batch: int = 32
    embeddings_threads: int | None = None
    embeddings_timeout_s: float = 60.0
    embeddings_input_type: bool = True
    embeddings_query_prefix: str = ""
    embeddings_passage_prefix: str = ""
    # Passage vectors kept by text (knowledge.embedding_cache); "" turns the cache off.
    embeddings_cache: str | None = None
    max_chunk_tokens: int = 400
    # Fusion, tuned on the dev questions (see `consentry eval retrieval`).
    rrf_k: int = 20
    bm25_weight: float = 1.5
    dense_weight: float = 1.0
    candidates: int = 50
    other_jurisdiction_offset: int = 20
    kind_offsets: dict[str, int] = Field(
        default_factory=lambda: {"policy": 20, "preamble": 20, "annex": 20}
    )

    @field_validator("knowledge_paths", mode="before")
    @classmethod
    def _split_paths(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [Path(part) for part in value.split(os.pathsep) if part.strip()]
        return value

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def bm25_dir(self) -> Path:
        return self.data_dir / "bm25"

    @property
    def embeddings_cache_file(self) -> Path | None:
        """Default `data/embeddings-cache.sqlite`; None when set to ""."""
        if self.embeddings_cache is None:
            return self.data_dir / "embeddings-cache.sqlite"
        return Path(self.embeddings_cache) if self.embeddings_cache.strip() else None

    @property
    def fetched_dir(self) -> Path:
        """Where `consentry knowledge fetch` writes official texts by default."""
        return self.data_dir / "regulations"

    def corpus_paths(self) -> list[Path]:
        """The package's own corpus, the configured paths and fetched official texts."""
        paths = [PACKAGE_DIR, *self.knowledge_paths]
        if self.fetched_dir.is_dir():
            paths.append(self.fetched_dir)
        return paths

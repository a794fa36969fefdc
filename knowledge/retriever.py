"""LangChain retriever over the hybrid search."""

from __future__ import annotations

from datetime import date
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from knowledge.search import KnowledgeSearch


class HybridRetriever(BaseRetriever):
    """BM25 and dense results fused by reciprocal rank, one document per article.

    `as_of` and `jurisdiction` filter every query; without `as_of` a date named in the
    question is used. Each document's metadata carries the chunk metadata and the scores.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    search: KnowledgeSearch
    k: int = 5
    as_of: date | None = None
    jurisdiction: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        hits = self.search.search(
            query,
            kwargs.get("k", self.k),
            as_of=kwargs.get("as_of", self.as_of),
            jurisdiction=kwargs.get("jurisdiction", self.jurisdiction),
        )
        return [hit.to_document() for hit in hits]

"""LangChain retriever over the hybrid search: the assistant retrieves through it."""

from __future__ import annotations

from datetime import date
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from knowledge.dates import period_in
from knowledge.search import Hit, KnowledgeSearch


class HybridRetriever(BaseRetriever):
    """BM25 and dense results fused by reciprocal rank: the `k` best articles, each as its
    representative chunk followed by the article's other matched chunks (its digest).

    `as_of` and `jurisdiction` filter every query and may be given per call (`invoke(query,
    k=…, as_of=…, jurisdiction=…)`); without `as_of` the date the question names is used,
    else today. Each document's metadata carries the chunk metadata and its article's scores.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    search: KnowledgeSearch
    k: int = 5
    as_of: date | None = None
    jurisdiction: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        as_of = kwargs.get("as_of", self.as_of)
        if as_of is None and period_in(query) is None:
            as_of = date.today()
        hits = self.search.search(
            query,
            kwargs.get("k", self.k),
            as_of=as_of,
            jurisdiction=kwargs.get("jurisdiction", self.jurisdiction),
        )
        return [document for hit in hits for document in self._article(hit)]

    def _article(self, hit: Hit) -> list[Document]:
        related = [
            Document(
                page_content=self.search.texts[chunk_id],
                metadata={**self.search.metadata[chunk_id], **hit.scores},
                id=chunk_id,
            )
            for chunk_id in hit.related
        ]
        return [hit.to_document(), *related]

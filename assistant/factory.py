"""Build an `Assistant` from settings: the knowledge index (its LangChain retriever and its
catalogue), sentence scoring with the same
embeddings, the chat model when configured, and whatever registry port and log are given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.advice_log import AdviceLog, SqlExecutor
from assistant.errors import RetrievalUnavailableError
from assistant.extractive import SentenceRanker
from assistant.ports import ConsentLookup
from assistant.scoring import DenseScorer
from assistant.service import Assistant
from assistant.settings import AssistantSettings

if TYPE_CHECKING:
    from knowledge.search import KnowledgeSearch
    from knowledge.settings import KnowledgeSettings


def open_search(settings: KnowledgeSettings) -> KnowledgeSearch:
    """Open the configured knowledge index; a missing index is `RetrievalUnavailableError`."""
    from knowledge.embeddings import make_embedder
    from knowledge.errors import KnowledgeError
    from knowledge.search import KnowledgeSearch

    try:
        return KnowledgeSearch(settings, make_embedder(settings))
    except KnowledgeError as error:
        raise RetrievalUnavailableError(str(error)) from error


def make_assistant(
    search: KnowledgeSearch,
    settings: AssistantSettings | None = None,
    *,
    consents: ConsentLookup | None = None,
    advice_db: SqlExecutor | None = None,
) -> Assistant:
    from assistant.knowledge_adapter import KnowledgeCatalog
    from knowledge.manifest import load_manifest
    from knowledge.retriever import HybridRetriever

    settings = settings or AssistantSettings()
    retriever = HybridRetriever(search=search, k=settings.retrieve_k)
    dense = DenseScorer(search.embedder) if settings.sentence_embeddings else None
    drafter = None
    if settings.llm_enabled:
        from assistant.llm import ChatAnswerer

        drafter = ChatAnswerer(settings)
    return Assistant(
        retriever,
        KnowledgeCatalog(search, load_manifest()),
        settings,
        ranker=SentenceRanker(dense),
        consents=consents,
        advice=AdviceLog(advice_db) if advice_db is not None else None,
        drafter=drafter,
    )

from collections.abc import Callable
from datetime import date

import pytest

from knowledge.embeddings import E5Embedder
from knowledge.ingest import IngestReport
from knowledge.retriever import HybridRetriever
from knowledge.search import KnowledgeSearch
from knowledge.settings import KnowledgeSettings

Ingest = Callable[..., IngestReport]


def files(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.metadata["file"] for hit in hits]


def test_the_question_date_picks_the_version_in_force(
    ingest: Ingest, settings: KnowledgeSettings, embedder: E5Embedder
) -> None:
    ingest()
    search = KnowledgeSearch(settings, embedder)
    old = search.search("2025年6月，没有履行等级保护义务拒不改正，罚款多少？", 5)
    assert old[0].chunk_id == "cn-snl-old#art-2"
    assert "cn-snl-new.md" not in files(old)
    new = search.search("2026年起，没有履行等级保护义务拒不改正，罚款多少？", 5)
    assert new[0].chunk_id == "cn-snl-new#art-3"
    assert "cn-snl-old.md" not in files(new)
    assert all(hit.metadata["effective_from"] <= "2026-12-31" for hit in new)


def test_an_explicit_date_overrides_the_question(
    ingest: Ingest, settings: KnowledgeSettings, embedder: E5Embedder
) -> None:
    ingest()
    search = KnowledgeSearch(settings, embedder)
    hits = search.search("2025年 等级保护 罚款", 5, as_of=date(2026, 3, 1))
    assert hits[0].chunk_id == "cn-snl-new#art-3"
    undated = search.search("等级保护 罚款", 10)
    assert {"cn-snl-old.md", "cn-snl-new.md"} <= set(files(undated))


def test_jurisdiction_filter(
    ingest: Ingest, settings: KnowledgeSettings, embedder: E5Embedder
) -> None:
    ingest()
    search = KnowledgeSearch(settings, embedder)
    hits = search.search("transfer of customer records 客户档案", 10, jurisdiction="EU")
    assert hits and {hit.metadata["jurisdiction"] for hit in hits} == {"EU"}
    assert hits[0].chunk_id == "eu-str#art-1"


def test_hits_carry_scores_and_group_digest_with_text(
    ingest: Ingest, settings: KnowledgeSettings, embedder: E5Embedder
) -> None:
    ingest()
    search = KnowledgeSearch(settings, embedder)
    [first, *_] = search.search("What must the operator do after a personal data leak?", 5)
    assert first.chunk_id == "cn-snl-old#art-3"  # the official text represents its group
    assert set(first.related) == {"digest-cn-snl-old#art-3@zh", "digest-cn-snl-old#art-3@en"}
    assert first.citation == ("cn-snl-old.md", 3)
    assert first.bm25_rank is not None and first.dense_rank is not None
    assert 0 < first.dense_score <= 1 and first.bm25_score > 0
    fused = settings.bm25_weight / (settings.rrf_k + first.bm25_rank)
    fused += settings.dense_weight / (settings.rrf_k + first.dense_rank)
    assert first.score == pytest.approx(fused)
    for method in ("bm25", "dense"):
        single = search.search(
            "What must the operator do after a personal data leak?", 5, method=method
        )
        assert single and all(
            getattr(hit, f"{other}_rank") is None
            for hit in single
            for other in {"bm25", "dense"} - {method}
        )


def test_hybrid_retriever_returns_documents(
    ingest: Ingest, settings: KnowledgeSettings, embedder: E5Embedder
) -> None:
    ingest()
    retriever = HybridRetriever(search=KnowledgeSearch(settings, embedder), k=3)
    documents = retriever.invoke("人工智能 伦理规范")
    leads = [doc for doc in documents if "related_chunks" in doc.metadata]
    assert len(leads) == 3  # one per article, each followed by its other chunks
    grouped = [[lead.id, *lead.metadata["related_chunks"]] for lead in leads]
    assert [doc.id for doc in documents] == [chunk for ids in grouped for chunk in ids]
    top = documents[0]
    assert top.id == "cn-snl-new#art-2"
    assert top.page_content.startswith("第二条 国家支持人工智能")
    assert top.metadata["law"] == "SNL" and top.metadata["article"] == 2
    assert top.metadata["score"] > 0 and "dense_score" in top.metadata
    dated = HybridRetriever(search=retriever.search, k=3, as_of=date(2020, 1, 1))
    assert all(doc.metadata["effective_from"] < "2020" for doc in dated.invoke("人工智能 伦理规范"))

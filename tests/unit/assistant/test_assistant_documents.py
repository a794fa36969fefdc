from dataclasses import replace

from assistant_corpus import CORPUS, SOURCES

from assistant.documents import document_of, passage_of
from assistant.fakes import MemoryPassages


def test_a_passage_travels_through_a_document_unchanged() -> None:
    for passage in CORPUS:
        scored = replace(passage, score=0.7, bm25=3.5, dense=0.81)
        document = document_of(scored)
        assert document.id == passage.passage_id and document.page_content == passage.text
        assert passage_of(document) == scored


def test_the_memory_retriever_returns_documents_of_a_whole_article() -> None:
    documents = MemoryPassages(CORPUS, SOURCES).invoke("合并 移交 客户资料", k=1)
    assert [doc.id for doc in documents] == ["sdpl#art-5", "digest-cn-sdpl#art-5"]
    assert documents[0].metadata["citation_file"] == "cn-sdpl.md"
    assert documents[0].metadata["score"] == 1.0

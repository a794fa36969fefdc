"""One question through the real path: an index built with the e5 embeddings in Chroma,
the LangChain retriever over it, and the stages of `Assistant.ask` in their order."""

import sys
from types import FrameType

import pytest
from langchain_core.documents import Document
from langchain_core.tracers.context import collect_runs
from sample_law import SAMPLE

from assistant.factory import make_assistant
from assistant.service import AskRequest, Assistant
from knowledge.embeddings import E5Embedder
from knowledge.ingest import Ingestor
from knowledge.retriever import HybridRetriever
from knowledge.search import KnowledgeSearch
from knowledge.settings import KnowledgeSettings

QUESTION = AskRequest("公司合并时移交客户资料，要通知客户什么？")
STAGES = [
    "assistant.stages.question",
    "assistant.stages.retrieve",
    "assistant.stages.judge",
    "assistant.stages.select",
    "assistant.stages.compose",
    "assistant.stages.render",
    "assistant.stages.record",
]


class User:
    role, key_id, label = "staff", "k-1", "test user"


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeSearch:
    root = tmp_path_factory.mktemp("pipeline")
    (root / "corpus").mkdir()
    (root / "corpus" / "cn-sdpl-2021.md").write_text(SAMPLE, encoding="utf-8")
    settings = KnowledgeSettings(data_dir=root / "data", chroma_url=None, knowledge_paths=[])
    embedder = E5Embedder()
    Ingestor(settings, embedder, progress=False).run([root / "corpus"])
    return KnowledgeSearch(settings, embedder)


def stages_called(assistant: Assistant) -> list[str]:
    """The modules of the calls `Assistant.ask` makes itself, in order."""
    called: list[str] = []

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_back and frame.f_back.f_code is Assistant.ask.__code__:
            called.append(frame.f_globals["__name__"])

    sys.setprofile(profile)
    try:
        assistant.ask(QUESTION, User())
    finally:
        sys.setprofile(None)
    return called


def test_a_question_passes_each_stage_once_in_order(search: KnowledgeSearch) -> None:
    assert stages_called(make_assistant(search)) == STAGES


def test_the_answer_rests_on_the_documents_the_langchain_retriever_returned(
    search: KnowledgeSearch,
) -> None:
    assistant = make_assistant(search)
    assert isinstance(assistant.retrieve.retriever, HybridRetriever)
    with collect_runs() as runs:
        answer = assistant.ask(QUESTION, User())
    [run] = [run for run in runs.traced_runs if run.run_type == "retriever"]
    documents = (run.outputs or {})["documents"]
    assert documents and all(isinstance(doc, Document) for doc in documents)
    assert documents[0].id == "cn-sdpl-2021#art-2" and documents[0].metadata["score"] > 0
    assert not answer.refused
    assert [c.passage_id for c in answer.citations] == ["cn-sdpl-2021#art-2"]
    assert answer.citations[0].quote in documents[0].page_content

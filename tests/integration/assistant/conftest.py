"""Fixtures: Consentry's own digests and policies as passages, and a loopback chat server."""

from collections.abc import Iterator

import pytest
from chat_server import ChatServer, running

from assistant.documents import to_passage
from assistant.fakes import MemoryPassages
from assistant.passages import Passage
from knowledge.chunking import chunk_document
from knowledge.corpus import load_corpus
from knowledge.manifest import load_manifest
from knowledge.settings import PACKAGE_DIR


@pytest.fixture(scope="session")
def own_passages() -> list[Passage]:
    """Every chunk of knowledge/ (texts written by Consentry), cited as if the official
    texts they digest were indexed too."""
    manifest = load_manifest()
    documents = load_corpus([PACKAGE_DIR], manifest)
    chunks = [chunk for document in documents for chunk in chunk_document(document)]
    return [to_passage(c.chunk_id, c.text, c.metadata) for c in chunks]


@pytest.fixture()
def memory_search(own_passages: list[Passage]) -> MemoryPassages:
    return MemoryPassages(own_passages)


@pytest.fixture()
def chat_server() -> Iterator[ChatServer]:
    with running(ChatServer()) as server:
        yield server

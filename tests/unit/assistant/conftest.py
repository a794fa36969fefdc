"""Fixtures: the invented corpus behind the in-memory ports."""

import pytest
from assistant_corpus import CORPUS, SOURCES, STATE

from assistant.fakes import MemoryConsents, MemoryPassages
from assistant.passages import Passage
from assistant.service import Assistant
from assistant.settings import AssistantSettings


@pytest.fixture()
def consents() -> MemoryConsents:
    return MemoryConsents({"C-1001": STATE})


@pytest.fixture()
def make_assistant(consents: MemoryConsents):  # type: ignore[no-untyped-def]
    def build(passages: list[Passage] | None = None, **kwargs: object) -> Assistant:
        memory = MemoryPassages(passages or CORPUS, SOURCES)
        options: dict[str, object] = {"consents": consents, **kwargs}
        return Assistant(memory, memory, AssistantSettings(), **options)  # type: ignore[arg-type]

    return build

"""The assistant while the start-up corpus check runs, over the app's real routes (ASGI), a
real embedded Chroma index of a few small policies and the real incremental ingest.

Over an index a previous start built, the first question is answered from it while the check
is still embedding a document added since; once the check is done, answers come from the new
index. With no index at all, the assistant answers 503 until the first build is done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from api_harness import KEYS, api_settings
from fastapi.testclient import TestClient
from httpx import Response

from assistant.factory import make_assistant, open_search
from consentry.app import create_app
from consentry.services import LazyAssistant, open_services
from consentry.settings import Settings
from knowledge.embeddings import make_embedder
from knowledge.ingest import Ingestor, IngestReport

RETENTION = """---
id: policy-retention
kind: policy
title: "Customer file retention policy"
language: en
jurisdiction: CN
effective_from: 2024-01-01
---

# Customer file retention policy

## 1. Retention period

Customer files are kept for five years after the contract ends, then deleted.

## 2. Deletion

Deletion of customer files is recorded in the deletion log.
"""
# Sections enough that embedding them takes seconds: the check is still running meanwhile.
VENDOR_DUTIES = [
    "binds the vendor to confidentiality of customer personal information",
    "names the personal information the vendor may process and for which purpose",
    "forbids the vendor to hand personal information to another processor unasked",
    "makes the vendor report a personal information leak within one day",
    "lets the company audit the vendor once a year",
    "makes the vendor delete or return personal information when the contract ends",
    "keeps the vendor's processing inside the agreed countries",
    "obliges the vendor to train its staff in the handling of personal information",
]
VENDOR_AREAS = ["payroll", "customer support", "marketing", "logistics"]
VENDORS = """---
id: policy-vendors
kind: policy
title: "Vendor onboarding policy"
language: en
jurisdiction: CN
effective_from: 2024-01-01
---

# Vendor onboarding policy
""" + "".join(
    f"\n## {n}. {area.capitalize()} duty\n\nEvery {area} vendor contract {duty}. The vendor "
    "confirms this duty in writing before it starts processing, and the company records the "
    "confirmation in the vendor register.\n"
    for n, (area, duty) in enumerate(
        ((area, duty) for area in VENDOR_AREAS for duty in VENDOR_DUTIES), 1
    )
)
KEPT = "How long are customer files kept?"
VENDOR = "Must a vendor contract bind the vendor to confidentiality of personal information?"
WAIT_S = 120


class CorpusCheck:
    """The start-up check as `index_knowledge` runs it, over `corpus` alone (not the shipped
    knowledge/, which takes minutes to embed); `done` is set once it has returned.

    With `held=True` it waits for `release` before it starts, so that a test can ask while
    the check is still running however fast the embedding is (vectors may be cached)."""

    def __init__(self, settings: Settings, corpus: Path, *, held: bool = False) -> None:
        self.settings = settings.knowledge
        self.corpus = corpus
        self.done = threading.Event()
        self.release = threading.Event()
        if not held:
            self.release.set()
        self.report: IngestReport | None = None

    def __call__(self) -> bool:
        try:
            assert self.release.wait(WAIT_S)
            ingestor = Ingestor(self.settings, make_embedder(self.settings), progress=False)
            self.report = ingestor.run([self.corpus])
            return self.report.changed
        finally:
            self.done.set()


@contextmanager
def serving(settings: Settings, check: CorpusCheck) -> Iterator[tuple[TestClient, LazyAssistant]]:
    """The app with its assistant over the knowledge index, checked by `check` at start-up."""
    services = open_services(settings)
    services.assistant = LazyAssistant(
        lambda: make_assistant(open_search(settings.knowledge), settings.assistant), check
    )
    with TestClient(create_app(settings, services, index_knowledge=True)) as client:
        yield client, services.assistant


def check_finished() -> None:
    """Wait for the start-up check's thread: the index built, and swapped in if new."""
    for thread in threading.enumerate():
        if thread.name == "consentry-index":
            thread.join(WAIT_S)
            assert not thread.is_alive()


def ask(client: TestClient, question: str) -> Response:
    headers = {"Authorization": f"Bearer {KEYS['staff']}"}
    return client.post("/v1/assistant/ask", json={"question": question}, headers=headers)


def cited(answer: Response) -> set[str | None]:
    body: dict[str, Any] = answer.json()
    return {citation["source"] for citation in body["citations"]}


def answered_from(client: TestClient, question: str, source: str) -> Response:
    """The first answer citing `source`, asked again until the new index is swapped in."""
    deadline = time.monotonic() + WAIT_S
    while True:
        answer = ask(client, question)
        if answer.status_code == 200 and source in cited(answer):
            return answer
        assert time.monotonic() < deadline, answer.text
        time.sleep(0.2)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "retention.en.md").write_text(RETENTION, encoding="utf-8")
    return folder


def test_over_a_built_index_answers_at_once_and_moves_to_the_index_the_check_built(
    tmp_path: Path, corpus: Path
) -> None:
    settings = api_settings({}, tmp_path)
    CorpusCheck(settings, corpus)()  # the index a previous start left
    (corpus / "vendors.en.md").write_text(VENDORS, encoding="utf-8")
    check = CorpusCheck(settings, corpus, held=True)
    with serving(settings, check) as (client, assistant):
        first = ask(client, KEPT)
        assert not check.done.is_set()
        assert first.status_code == 200, first.text
        assert cited(first) == {"policy-retention.en"}
        held = assistant.get()
        check.release.set()
        assert check.done.wait(WAIT_S)
        assert check.report is not None and check.report.added == ["policy-vendors.en"]
        answered_from(client, VENDOR, "policy-vendors.en")
        assert assistant.get() is not held  # swapped in whole, not written under it
        assert cited(ask(client, KEPT)) == {"policy-retention.en"}


def test_an_unchanged_corpus_keeps_the_open_index(tmp_path: Path, corpus: Path) -> None:
    settings = api_settings({}, tmp_path)
    CorpusCheck(settings, corpus)()
    check = CorpusCheck(settings, corpus)
    with serving(settings, check) as (client, assistant):
        assert ask(client, KEPT).status_code == 200
        held = assistant.get()
        check_finished()
        assert check.report is not None and check.report.unchanged == ["policy-retention.en"]
        assert assistant.get() is held
        assert ask(client, KEPT).status_code == 200


def test_without_an_index_answers_503_until_the_first_build_is_done(
    tmp_path: Path, corpus: Path
) -> None:
    (corpus / "vendors.en.md").write_text(VENDORS, encoding="utf-8")
    settings = api_settings({}, tmp_path)
    check = CorpusCheck(settings, corpus, held=True)
    with serving(settings, check) as (client, _):
        first = ask(client, KEPT)
        assert not check.done.is_set()
        assert first.status_code == 503, first.text
        assert first.headers["content-type"] == "application/problem+json"
        assert first.json()["code"] == "knowledge_unavailable"
        assert "being built" in first.json()["detail"]
        check.release.set()
        assert check.done.wait(WAIT_S)
        answered_from(client, KEPT, "policy-retention.en")


def test_a_failed_first_build_is_logged_and_answered_503(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = api_settings({}, tmp_path)
    check = CorpusCheck(settings, tmp_path / "no-such-corpus")
    with serving(settings, check) as (client, _):
        check_finished()
        answer = ask(client, KEPT)
    assert "indexing the knowledge corpus failed" in caplog.text
    assert answer.status_code == 503, answer.text
    assert answer.json()["code"] == "knowledge_unavailable"
    assert "building the knowledge index failed" in answer.json()["detail"]

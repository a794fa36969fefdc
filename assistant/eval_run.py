"""Run the answer evaluation end to end: ask every question over HTTP, judge and print the
figures, one set (a questions file and its out-of-scope file) after another.

Two ways to reach the assistant: `run_answers_evaluation` builds (or updates) one index over
a corpus and serves the assistant's router in process; `run_served_evaluation` asks a
running `consentry serve` at its URL, exactly as a user's client does.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import evaluation
from assistant.eval_files import (
    InScopeQuestion,
    OutOfScopeQuestion,
    load_in_scope,
    load_out_of_scope,
)
from assistant.service import Assistant
from assistant.settings import AssistantSettings
from knowledge.evaluation_run import NamedSet, score_sets

ASK_PATH = "/v1/assistant/ask"
WARM_UP = "warm up: 个人信息 personal data"


@dataclass(frozen=True)
class EvalCaller:
    role: str = "staff"
    key_id: str = "evaluation"
    label: str = "consentry eval answers"


@dataclass(frozen=True)
class AnswerSet:
    """A questions file and its out-of-scope file, loaded."""

    questions: Path
    out_of_scope: Path
    in_scope: list[InScopeQuestion]
    outside: list[OutOfScopeQuestion]


def load_sets(questions: Sequence[Path], out_of_scope: Sequence[Path]) -> list[NamedSet[AnswerSet]]:
    """Every pair of files, loaded before anything is asked so a bad file fails fast."""
    sets = []
    for inside, outside in zip(questions, out_of_scope, strict=True):
        loaded = AnswerSet(inside, outside, load_in_scope(inside), load_out_of_scope(outside))
        size = len(loaded.in_scope) + len(loaded.outside)
        sets.append(NamedSet(f"{inside} + {outside}", size, loaded))
    return sets


def http_asker(assistant: Assistant) -> evaluation.Ask:
    """Ask through `POST /v1/assistant/ask` of an in-process app (the endpoint's whole path)."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from assistant.api import make_router

    app = FastAPI()
    app.include_router(make_router(assistant, caller=EvalCaller, reviewer=EvalCaller))
    return _asker(TestClient(app).post)


def served_asker(url: str, api_key: str, timeout_s: float = 120.0) -> evaluation.Ask:
    """Ask through `POST /v1/assistant/ask` of a running server, with an API key."""
    import httpx

    headers = {"Authorization": f"Bearer {api_key}"}
    client = httpx.Client(base_url=url.rstrip("/"), headers=headers, timeout=timeout_s)
    return _asker(client.post)


def _asker(post: Callable[..., Any]) -> evaluation.Ask:
    def ask(question: str) -> tuple[dict[str, Any], float]:
        started = time.perf_counter()
        response = post(ASK_PATH, json={"question": question})
        elapsed = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        body: dict[str, Any] = response.json()
        return body, elapsed

    return ask


def wait_until_ready(ask: evaluation.Ask, wait_s: float, pause_s: float = 2.0) -> None:
    """Ask a first question, again while the server is not listening yet or answers 503 (its
    index is still being built), for at most `wait_s` seconds."""
    import httpx

    deadline = time.monotonic() + wait_s
    while True:
        try:
            ask(WARM_UP)
            return
        except httpx.HTTPStatusError as error:
            if error.response.status_code != 503 or time.monotonic() > deadline:
                raise
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
        time.sleep(pause_s)


def warm_up(assistant: Assistant) -> None:
    """Tokenize the indexed corpus first, as the service does at start-up."""
    from assistant.knowledge_adapter import KnowledgeCatalog

    if isinstance(assistant.catalog, KnowledgeCatalog):
        started = time.perf_counter()
        count = assistant.warm_up(assistant.catalog.all_passages())
        print(f"warm-up: {count} sentences tokenized in {time.perf_counter() - started:.1f} s")


def corpus_texts(corpus: Sequence[Path]) -> dict[str, str]:
    from knowledge.corpus import load_corpus
    from knowledge.manifest import load_manifest

    return {doc.doc_id: doc.body for doc in load_corpus(corpus, load_manifest())}


def run_answers_evaluation(
    sets: Sequence[NamedSet[AnswerSet]],
    corpus: Sequence[Path],
    data_dir: Path,
    settings: AssistantSettings,
    *,
    show: bool = False,
) -> list[dict[str, Any]]:
    """Every set over one index of `corpus` (built or brought up to date once)."""
    from assistant.factory import make_assistant
    from knowledge.evaluation_run import build_index

    search, report = build_index(list(corpus), data_dir, progress=False)
    print(f"index: {report.chunks} chunks from {report.documents} documents")
    assistant = make_assistant(search, settings)
    warm_up(assistant)
    ask = http_asker(assistant)
    ask(WARM_UP)
    return evaluate_sets(ask, sets, corpus, show)


def run_served_evaluation(
    sets: Sequence[NamedSet[AnswerSet]],
    url: str,
    api_key: str,
    corpus: Sequence[Path],
    *,
    wait_s: float = 600.0,
    show: bool = False,
) -> list[dict[str, Any]]:
    """Every set asked of the server at `url`; quotes are checked against `corpus`."""
    ask = served_asker(url, api_key)
    wait_until_ready(ask, wait_s)
    return evaluate_sets(ask, sets, corpus, show)


def evaluate_sets(
    ask: evaluation.Ask, sets: Sequence[NamedSet[AnswerSet]], corpus: Sequence[Path], show: bool
) -> list[dict[str, Any]]:
    checker = evaluation.QuoteChecker(corpus_texts(corpus))

    def score(named: NamedSet[AnswerSet], several: bool) -> dict[str, Any]:
        loaded = named.items
        outcomes = evaluation.run(ask, loaded.in_scope, loaded.outside, checker)
        files = {"questions": str(loaded.questions), "out_of_scope": str(loaded.out_of_scope)}
        return print_report(outcomes, show, files if several else None)

    return score_sets(sets, score)


def print_report(
    outcomes: Sequence[evaluation.Outcome], show: bool, files: dict[str, str] | None = None
) -> dict[str, Any]:
    """The per-kind table and the `RESULT` line (naming its files when `files` is given)."""
    if show:
        for o in outcomes:
            cited = ", ".join(o.cited) or "-"
            print(
                f"{o.id:<12} {o.kind:<12} refused={int(o.refused)} coverage={o.coverage:.2f} "
                f"correct={o.correct}/{o.citations} {o.ms:6.0f} ms  {cited}"
            )
    for kind, row in evaluation.by_kind(outcomes).items():
        print(f"{kind:<13} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    print(f"method: {evaluation.METHOD}")
    result = {**(files or {}), **evaluation.summary(outcomes)}
    print(f"RESULT {json.dumps(result, ensure_ascii=False)}")
    return result

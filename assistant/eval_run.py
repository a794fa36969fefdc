"""Run the answer evaluation end to end: build an index over a corpus, serve the assistant's
router in process, ask every question over HTTP, judge and print the figures."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import evaluation
from assistant.eval_files import load_in_scope, load_out_of_scope
from assistant.service import Assistant
from assistant.settings import AssistantSettings


@dataclass(frozen=True)
class EvalCaller:
    role: str = "staff"
    key_id: str = "evaluation"
    label: str = "consentry eval answers"


def http_asker(assistant: Assistant) -> evaluation.Ask:
    """Ask through `POST /v1/assistant/ask` of an in-process app (the endpoint's whole path)."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from assistant.api import make_router

    app = FastAPI()
    app.include_router(make_router(assistant, caller=EvalCaller, reviewer=EvalCaller))
    client = TestClient(app)

    def ask(question: str) -> tuple[dict[str, Any], float]:
        started = time.perf_counter()
        response = client.post("/v1/assistant/ask", json={"question": question})
        elapsed = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        return response.json(), elapsed

    return ask


def warm_up(assistant: Assistant) -> None:
    """Tokenize the indexed corpus first, as the service does at start-up."""
    from assistant.knowledge_adapter import KnowledgePassages

    if isinstance(assistant.search, KnowledgePassages):
        started = time.perf_counter()
        count = assistant.warm_up(assistant.search.all_passages())
        print(f"warm-up: {count} sentences tokenized in {time.perf_counter() - started:.1f} s")


def corpus_texts(corpus: Sequence[Path]) -> dict[str, str]:
    from knowledge.corpus import load_corpus
    from knowledge.manifest import load_manifest

    return {doc.doc_id: doc.body for doc in load_corpus(corpus, load_manifest())}


def run_answers_evaluation(
    questions: Path,
    out_of_scope: Path,
    corpus: Sequence[Path],
    data_dir: Path,
    settings: AssistantSettings,
    *,
    show: bool = False,
) -> dict[str, Any]:
    from assistant.factory import make_assistant
    from knowledge.evaluation_run import build_index

    in_scope, outside = load_in_scope(questions), load_out_of_scope(out_of_scope)
    search, report = build_index(list(corpus), data_dir, progress=False)
    print(f"index: {report.chunks} chunks from {report.documents} documents")
    assistant = make_assistant(search, settings)
    warm_up(assistant)
    ask = http_asker(assistant)
    ask("warm up: 个人信息 personal data")
    outcomes = evaluation.run(ask, in_scope, outside, evaluation.QuoteChecker(corpus_texts(corpus)))
    return print_report(outcomes, show)


def print_report(outcomes: Sequence[evaluation.Outcome], show: bool) -> dict[str, Any]:
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
    result = evaluation.summary(outcomes)
    print(f"RESULT {json.dumps(result)}")
    return result

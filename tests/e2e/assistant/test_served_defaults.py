"""The assistant as a new user meets it: `consentry serve` (what `make run` starts) with no
official texts configured, so the corpus is the shipped knowledge/ (Consentry's digests and
policies), asked over HTTP on loopback.

The index of knowledge/ is built once per session (`CONSENTRY_DEFAULT_INDEX_DIR` keeps it
between runs) and copied into the server's data folder; the server then brings it up to
date itself at start-up, as on a fresh clone. The dev-set figures are measured with
`consentry eval answers --url`, the same command a developer runs against `make run`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from served_process import eval_answers, free_port, start_serve, wait_until_answering

from assistant.eval_run import served_asker, wait_until_ready

pytestmark = [pytest.mark.slow, pytest.mark.timeout(3600)]
SHARED = Path(__file__).resolve().parents[3].parent / "shared"
KEY = "staff-served-defaults-key"
START_TIMEOUT_S = 120
INDEX_WAIT_S = 900


@pytest.fixture(scope="session")
def default_corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of knowledge/ alone, the corpus `consentry serve` has out of the box."""
    from knowledge.evaluation_run import build_index
    from knowledge.settings import PACKAGE_DIR

    kept = os.environ.get("CONSENTRY_DEFAULT_INDEX_DIR")
    index_dir = Path(kept) if kept else tmp_path_factory.mktemp("default-index")
    build_index([PACKAGE_DIR], index_dir, progress=False)
    return index_dir


@pytest.fixture(scope="module")
def server(default_corpus_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("served-defaults")
    for part in ("chroma", "bm25"):
        shutil.copytree(default_corpus_index / part, data / part)
    env = {name: value for name, value in os.environ.items() if not name.startswith("CONSENTRY_")}
    env["CONSENTRY_EMBEDDINGS_CACHE"] = os.environ.get("CONSENTRY_EMBEDDINGS_CACHE", "")
    env |= {"CONSENTRY_DATA_DIR": str(data), "CONSENTRY_API_KEYS": f"staff:{KEY}"}
    port, log = free_port(), data / "serve.log"
    process = start_serve(port, env, log, ingest=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{url}/readyz", process, START_TIMEOUT_S, log.read_text)
        wait_until_ready(served_asker(url, KEY), INDEX_WAIT_S)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def ask(url: str, question: str) -> dict[str, Any]:
    response = httpx.post(
        f"{url}/v1/assistant/ask",
        json={"question": question},
        headers={"Authorization": f"Bearer {KEY}"},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def cited(body: dict[str, Any]) -> list[tuple[str, int]]:
    return [(c["law"], c["article"]) for c in body["citations"]]


def assert_summary_cited(body: dict[str, Any]) -> None:
    assert body["refused"] is False and body["citations"], body["answer"]
    assert all(c["kind"] == "digest" for c in body["citations"])
    summary = ("不是法规原文", "not the official text")
    assert any(words in body["answer"] for words in summary)


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        pytest.param(
            "敏感个人信息包括哪些？",
            {("PIPL", 28)},
            marks=pytest.mark.xfail(
                strict=True,
                reason="the PI Outbound Certification Measures Art. 5 digest (which excludes "
                "sensitive data from its thresholds) outweighs PIPL Art. 28, ranked third",
            ),
        ),
        (
            "向境外提供10万人以上个人信息需要什么手续",
            {("PIPL", 38), ("PIPL", 39), ("PIPL", 40)}
            | {("Cross-Border Data Flow Provisions", n) for n in (7, 8)},
        ),
        ("公司被收购后客户信息怎么处理", {("PIPL", 22)}),
        pytest.param(
            "What must we tell customers when the company is merged?",
            {("PIPL", 22)},
            marks=pytest.mark.xfail(
                strict=True,
                reason="retrieval does not bring PIPL Art. 22 into the top 20 for this English "
                "question; Company Law articles on mergers and bankruptcy come first",
            ),
        ),
    ],
)
def test_ordinary_questions_get_cited_answers_out_of_the_box(
    server: str, question: str, wanted: set[tuple[str, int]]
) -> None:
    body = ask(server, question)
    assert_summary_cited(body)
    assert set(cited(body)) <= wanted, cited(body)


@pytest.mark.parametrize(
    ("question", "says"),
    [
        ("根据《个人信息保护法》第99条，公司要做什么？", "没有第99条：该法共 74 条"),
        ("What does GDPR Article 120 say?", "GDPR has no Article 120: it has 99 articles"),
    ],
)
def test_an_article_the_law_does_not_have_is_no_such_article(
    server: str, question: str, says: str
) -> None:
    body = ask(server, question)
    assert body["refused"] is True and body["citations"] == [] and body["articles"] == []
    assert says in body["answer"]
    assert any(reason.startswith("no-such-article") for reason in body["reasons"])


@pytest.fixture(scope="module")
def dev_figures(server: str) -> dict[str, Any]:
    """`consentry eval answers --url` over the dev sets, against the running server."""
    eval_dir = SHARED / "eval"
    if not (eval_dir / "retrieval-dev.jsonl").is_file():
        if os.environ.get("CI"):
            pytest.fail(f"the shared evaluation files are required in CI: {eval_dir}")
        pytest.skip(f"no shared evaluation files at {eval_dir}")
    return eval_answers(eval_dir, "--url", server, "--api-key", KEY)


def test_dev_questions_over_http_answer_and_refuse_as_agreed(dev_figures: dict[str, Any]) -> None:
    assert dev_figures["refused_in_scope"] <= 0.1
    assert dev_figures["citing_gold"] >= 0.85
    assert dev_figures["refused_out_of_scope"] >= 0.9


@pytest.mark.xfail(
    strict=True,
    reason="one cited article per answer (a second where a part of the question clearly adds "
    "one): 37 of 41 citations gold at the last run (0.902), short of 0.95",
)
def test_dev_citation_precision_over_http(dev_figures: dict[str, Any]) -> None:
    assert dev_figures["citation_precision"] >= 0.95

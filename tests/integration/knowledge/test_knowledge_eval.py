"""Retrieval evaluation over the shared corpus: the targets of the knowledge issue.

They run over the session's index of `knowledge/` and `../shared/regulations`
(`shared_corpus_index`, built once for every evaluation: the whole corpus is embedded with the
bundled model, minutes on two cores), so they may take longer than the default timeout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consentry.cli import main
from knowledge.evaluation import Scores, evaluate
from knowledge.evaluation_run import build_index
from knowledge.questions import load_questions
from knowledge.settings import PACKAGE_DIR

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
QUESTIONS = SHARED / "eval" / "retrieval-dev.jsonl"
REGULATIONS = SHARED / "regulations"


@pytest.fixture(scope="module")
def shared_results(shared_corpus_index: Path) -> dict[str, Scores]:
    search, report = build_index([PACKAGE_DIR, REGULATIONS], shared_corpus_index, progress=False)
    assert report.embedded == 0  # the session's index is already up to date
    return evaluate(search, load_questions(QUESTIONS))


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_hybrid_meets_the_targets(shared_results: dict[str, Scores]) -> None:
    hybrid = shared_results["hybrid"]
    assert hybrid.recall(5) >= 0.90
    assert hybrid.mrr() >= 0.75


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_hybrid_beats_each_single_method(shared_results: dict[str, Scores]) -> None:
    hybrid = shared_results["hybrid"]
    for method in ("bm25", "dense"):
        assert hybrid.recall(5) >= shared_results[method].recall(5), method
        assert hybrid.mrr() >= shared_results[method].mrr(), method


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_crosslingual_and_temporal_questions(shared_results: dict[str, Scores]) -> None:
    hybrid = shared_results["hybrid"]
    assert hybrid.where("kind", "crosslingual").recall(5) >= 0.85
    assert hybrid.where("kind", "temporal").recall(5) >= 0.85


def test_eval_command_prints_tables_and_a_result_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "questions.jsonl"

    def row(qid: str, lang: str, kind: str, question: str, article: int) -> dict[str, object]:
        gold = [{"file": "cn-snl-old.md", "article": article}]
        return {"id": qid, "lang": lang, "kind": kind, "question": question, "gold": gold}

    rows = [
        row("q1", "zh", "temporal", "2025年 没有履行等级保护义务 罚款多少", 2),
        row("q2", "en", "crosslingual", "What after a personal data leak?", 3),
    ]
    questions.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    corpus_args = [str(corpus / "regs"), str(corpus / "own")]
    code = main(
        ["eval", "retrieval", "--questions", str(questions), "--corpus", *corpus_args, "--k", "5"]
    )
    out = capsys.readouterr().out
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[-1].startswith("RESULT ")
    result = json.loads(lines[-1].removeprefix("RESULT "))
    assert set(result) == {
        "hybrid",
        "bm25",
        "dense",
        "by_kind",
        "query_ms_p50",
        "query_ms_p95",
        "chunks",
        "ingest_chunks_per_s",
    }
    assert set(result["hybrid"]) == {"recall@1", "recall@5", "mrr"}
    assert set(result["by_kind"]) == {"temporal", "crosslingual"}
    assert result["chunks"] == 12 and result["ingest_chunks_per_s"] > 0
    assert result["by_kind"]["temporal"]["recall@5"] == 1.0
    assert any(line.startswith("bm25 ") for line in lines) and "p95" in out


def test_eval_command_scores_several_files_over_one_index(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def write(name: str, article: int, question: str) -> Path:
        gold = [{"file": "cn-snl-old.md", "article": article}]
        row = {"id": name, "lang": "zh", "kind": "lookup", "question": question, "gold": gold}
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    first = write("first", 2, "2025年 没有履行等级保护义务 罚款多少")
    second = write("second", 99, "2025年 没有履行等级保护义务 罚款多少")
    index = tmp_path / "index"
    args = ["eval", "retrieval", "--questions", str(first), str(second), "--k", "5"]
    args += ["--corpus", str(corpus / "regs"), str(corpus / "own"), "--index-dir", str(index)]
    assert main(args) == 0
    out = capsys.readouterr().out
    results = [json.loads(line[7:]) for line in out.splitlines() if line.startswith("RESULT ")]
    assert [result["questions"] for result in results] == [str(first), str(second)]
    assert results[0]["hybrid"]["recall@5"] == 1.0
    assert results[1]["hybrid"]["recall@5"] == 0.0  # no article 99: the files are scored apart
    assert out.count("corpus: ") == 2 and out.count("== questions: ") == 2
    assert (index / "chroma").is_dir()  # the index was kept for the next run
    assert main(args) == 0
    assert "ingest" in capsys.readouterr().out


def test_eval_command_rejects_a_bad_questions_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_text('{"id": "q1"}\n', encoding="utf-8")
    assert (
        main(["eval", "retrieval", "--questions", str(questions), "--corpus", str(tmp_path)]) == 1
    )
    assert "questions.jsonl:1: lang: missing" in capsys.readouterr().err

"""`consentry ask` and `consentry eval answers` as a user runs them (subprocesses, real Chroma)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from sample_law import SAMPLE


def consentry(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONSENTRY_DATA_DIR": str(data_dir), "CONSENTRY_KNOWLEDGE_PATHS": ""}
    env.pop("CONSENTRY_LLM_BASE_URL", None)
    env.pop("CONSENTRY_EVAL_API_KEY", None)
    return subprocess.run(
        [sys.executable, "-m", "consentry.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def test_ask_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    result = consentry("ask", "合并时要通知客户什么？", data_dir=tmp_path)
    assert result.returncode == 1
    assert "consentry knowledge ingest" in result.stderr


def test_ask_answers_from_the_index_without_any_llm(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cn-sdpl-2021.md").write_text(SAMPLE, encoding="utf-8")
    ingest = consentry("knowledge", "ingest", "--no-progress", str(corpus), data_dir=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    question = "公司合并时移交客户资料，要通知客户什么？"
    result = consentry("ask", question, "--json", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["mode"] == "extractive" and answer["refused"] is False
    assert [(c["file"], c["article"]) for c in answer["citations"]] == [("cn-sdpl-2021.md", 2)]
    assert answer["citations"][0]["quote"] in SAMPLE
    plain = consentry("ask", question, data_dir=tmp_path)
    assert "第二条" in plain.stdout and "(extractive)" in plain.stdout


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_eval_answers_scores_several_files_over_one_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cn-sdpl-2021.md").write_text(SAMPLE, encoding="utf-8")

    def questions(name: str, article: int) -> Path:
        gold = [{"file": "cn-sdpl-2021.md", "article": article}]
        row = {
            "id": name,
            "lang": "zh",
            "kind": "lookup",
            "gold": gold,
            "question": "公司合并时移交客户资料，要通知客户什么？",
            "answer_points": ["通知客户接收方的名称和联系方式"],
        }
        return _jsonl(tmp_path / f"{name}.jsonl", [row])

    outside = _jsonl(
        tmp_path / "outside.jsonl",
        [{"id": "o1", "lang": "zh", "question": "《示例税收办法》第三条怎么规定发票？"}],
    )
    first, second = questions("first", 2), questions("second", 3)
    index = tmp_path / "index"
    args = ["eval", "answers", "--questions", str(first), str(second)]
    args += ["--out-of-scope", str(outside), str(outside), "--corpus", str(corpus)]
    run = consentry(*args, "--index-dir", str(index), data_dir=tmp_path)
    assert run.returncode == 0, run.stderr
    results = [json.loads(line[7:]) for line in run.stdout.splitlines() if line[:7] == "RESULT "]
    assert [(r["questions"], r["out_of_scope"]) for r in results] == [
        (str(first), str(outside)),
        (str(second), str(outside)),
    ]
    assert results[0]["citing_gold"] == 1.0 and results[0]["citation_precision"] == 1.0
    assert results[1]["citing_gold"] == 0.0  # article 3 is not the answer: scored apart
    assert all(r["refused_out_of_scope"] == 1.0 for r in results)
    assert run.stdout.count("index: ") == 1 and run.stdout.count("== questions: ") == 2
    assert (index / "chroma").is_dir()


def test_eval_answers_wants_one_out_of_scope_file_per_questions_file(tmp_path: Path) -> None:
    run = consentry(
        "eval",
        "answers",
        "--questions",
        "a.jsonl",
        "b.jsonl",
        "--out-of-scope",
        "c.jsonl",
        data_dir=tmp_path,
    )
    assert run.returncode == 2
    assert "one --out-of-scope file for each --questions file" in run.stderr
    served = consentry(
        "eval",
        "answers",
        "--questions",
        "a.jsonl",
        "--out-of-scope",
        "c.jsonl",
        "--url",
        "http://127.0.0.1:9",
        data_dir=tmp_path,
    )
    assert served.returncode == 2 and "--api-key" in served.stderr

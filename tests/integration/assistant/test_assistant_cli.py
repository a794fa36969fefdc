"""`consentry ask` and `consentry eval answers` as a user runs them (subprocesses, real Chroma)."""

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLE = """---
title: "示例数据保护法"
title_en: "Sample Data Protection Law (SDPL)"
issuer: "全国人民代表大会常务委员会"
effective: "2021-01-01"
jurisdiction: "CN"
---

# 示例数据保护法

第一条 为了示范本系统的用法，制定本法。

第二条 企业因合并或者分立移交客户资料的，应当把接收方的名称和联系方式通知客户。
接收方改变原定用途的，须重新征得客户同意。

第三条 保存客户资料的期限不得超过实现处理目的所必需的时间。
"""


def consentry(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONSENTRY_DATA_DIR": str(data_dir), "CONSENTRY_KNOWLEDGE_PATHS": ""}
    env.pop("CONSENTRY_LLM_BASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "consentry.cli", *args],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip


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

"""A small invented corpus (not real law text) and an embedded index over it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from knowledge.embeddings import E5Embedder
from knowledge.ingest import Ingestor, IngestReport
from knowledge.manifest import Manifest, SourceEntry
from knowledge.settings import KnowledgeSettings

OLD_LAW = """---
title: "示例网络法（旧文本）"
title_en: "Sample Network Law (SNL), old text"
issuer: "全国人民代表大会常务委员会"
effective: "2017-06-01"
jurisdiction: "CN"
---

## 第一章 总则

第一条 为了示范网络运行安全，制定本法。

第二条 网络运营者未履行等级保护义务，拒不改正的，处一万元以上十万元以下罚款。

第三条 个人信息泄露的，运营者应当立即补救并告知用户。
"""

NEW_LAW = """---
title: "示例网络法（修正文本）"
title_en: "Sample Network Law (SNL), amended"
issuer: "全国人民代表大会常务委员会"
effective: "2026-01-01"
jurisdiction: "CN"
---

## 第一章 总则

第一条 为了示范网络运行安全，制定本法。

第二条 国家支持人工智能基础研究和算法创新，完善人工智能伦理规范。

第三条 网络运营者未履行等级保护义务，拒不改正的，处十万元以上一百万元以下罚款。
"""

EU_LAW = """---
title: "Sample Transfer Regulation"
title_en: "Sample Transfer Regulation (STR)"
issuer: "European Parliament and Council"
effective: "2018-05-25"
jurisdiction: "EU"
---

## CHAPTER I

Transfers

### Article 1

#### Transfers on the basis of safeguards

A transfer of customer records to a third country may take place where binding corporate
rules or standard clauses provide safeguards.

### Article 2

#### Breach notification

A breach of security shall be notified to the authority without undue delay.
"""

DIGEST = """---
id: digest-cn-snl-old
kind: digest
source: cn-snl-old
source_file: cn-snl-old.md
title: "示例网络法 条文要点 / SNL digests"
law: "SNL"
jurisdiction: CN
effective_from: 2017-06-01
effective_to: 2025-12-31
language: zh-en
---

## Article 3 | 第三条 | Leaks | 泄露补救

**中文要点：** 发生泄露要补救并通知用户。

**English digest:** After a personal data leak the operator must remedy it and tell the users.
"""

POLICY = """---
id: policy-sample
kind: policy
title: "示例制度"
language: zh
jurisdiction: CN
effective_from: 2024-01-01
---

# 示例制度

## 1. 保存期限

客户档案保存五年，到期删除。

## 2. 供应商

供应商合同须约定保密义务。
"""

MANIFEST = Manifest(
    (SourceEntry(id="cn-snl-old", file="cn-snl-old.md", effective_to=date(2025, 12, 31)),)
)


def write_corpus(root: Path) -> Path:
    files = {
        "regs/cn-snl-old.md": OLD_LAW,
        "regs/cn-snl-new.md": NEW_LAW,
        "regs/eu-str.md": EU_LAW,
        "own/digests/cn-snl-old.md": DIGEST,
        "own/policies/sample.zh.md": POLICY,
    }
    for name, text in files.items():
        path = root / "corpus" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "corpus"


@pytest.fixture(scope="session")
def embedder() -> E5Embedder:
    return E5Embedder()


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path)


@pytest.fixture()
def settings(tmp_path: Path) -> KnowledgeSettings:
    return KnowledgeSettings(data_dir=tmp_path / "data", chroma_url=None, knowledge_paths=[])


Ingest = Callable[..., IngestReport]


@pytest.fixture()
def ingest(settings: KnowledgeSettings, embedder: E5Embedder, corpus: Path) -> Ingest:
    """Runs an ingest of the sample corpus (or of `paths`) with the sample manifest."""

    def run(
        paths: list[Path] | None = None,
        *,
        rebuild: bool = False,
        into: KnowledgeSettings | None = None,
    ) -> IngestReport:
        ingestor = Ingestor(into or settings, embedder, manifest=MANIFEST, progress=False)
        return ingestor.run(paths or [corpus / "regs", corpus / "own"], rebuild=rebuild)

    return run

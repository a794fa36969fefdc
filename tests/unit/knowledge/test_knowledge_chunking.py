from collections.abc import Callable
from pathlib import Path

from knowledge.chunking import Chunk, chunk_document
from knowledge.documents import read_document
from knowledge.manifest import Manifest

WriteFile = Callable[..., Path]


CN_LAW = """
# 示例数据保护法

2020年1月1日 通过

## 第一章 总 则

第一条 为了示范切分规则，制定本法。

第二条 处理者依照本法第四十条的规定开展评估。
第四十条规定的情形，不适用本条。

## 第二章 处理规则

### 第一节 一般规定

第三条 处理者应当记录处理活动。
第一条 所称记录，包括电子记录。

第三条之一 处理者应当每年复核记录。

第四条 本法自2021年1月1日起施行。
"""


def chunks_of(path: Path, max_tokens: int = 400) -> list[Chunk]:
    return chunk_document(read_document(path, path.name, Manifest()), max_tokens)


def by_id(chunks: list[Chunk]) -> dict[str, Chunk]:
    return {chunk.chunk_id: chunk for chunk in chunks}


def test_articles_start_only_at_line_start_and_in_order(write_official: WriteFile) -> None:
    chunks = by_id(chunks_of(write_official("cn-sdpl.md", CN_LAW)))
    assert [key.split("#")[1] for key in chunks] == [
        "preamble",
        "art-1",
        "art-2",
        "art-3",
        "art-3-之一",
        "art-4",
    ]
    # "第四十条规定的…" has no space after 条 and "第一条 所称" goes backwards: both stay inside.
    assert "第四十条规定的情形" in chunks["cn-sdpl#art-2"].text
    assert "第一条 所称记录" in chunks["cn-sdpl#art-3"].text


def test_article_metadata(write_official: WriteFile) -> None:
    chunks = by_id(chunks_of(write_official("cn-sdpl.md", CN_LAW)))
    bis = chunks["cn-sdpl#art-3-之一"].metadata
    assert bis["article"] == 3
    assert bis["article_suffix"] == "之一"
    assert bis["article_label"] == "第三条之一"
    assert bis["chapter"] == "第二章 处理规则"
    assert bis["section"] == "第一节 一般规定"
    assert bis["kind"] == "law"
    assert bis["law"] == "SDPL"
    assert bis["jurisdiction"] == "CN"
    assert bis["language"] == "zh"
    assert bis["effective_from"] == "2021-01-01"
    assert "effective_to" not in bis
    assert bis["file"] == bis["citation_file"] == "cn-sdpl.md"
    first = chunks["cn-sdpl#art-1"].metadata
    assert first["chapter"] == "第一章 总 则"
    assert "section" not in first
    assert "article" not in chunks["cn-sdpl#preamble"].metadata
    assert chunks["cn-sdpl#preamble"].metadata["kind"] == "preamble"


def test_heading_carries_law_chapter_and_article(write_official: WriteFile) -> None:
    chunk = by_id(chunks_of(write_official("cn-sdpl.md", CN_LAW)))["cn-sdpl#art-2"]
    assert chunk.heading == "SDPL · 示例数据保护法 · 第一章 总 则 · 第二条"
    assert chunk.text.startswith("第二条 处理者")
    assert chunk.indexed_text == f"{chunk.heading}\n{chunk.text}"


GDPR_LIKE = """
(1) A recital that mentions Article 6(1) and Article 9.

## CHAPTER I

General provisions

### Article 1

#### Subject-matter

1.   This sample lays down rules.

2.   It refers to Article 6(1) and to
Article 3
of another act, which is not a new article.

## CHAPTER II

Principles

## Section 1

Sample section title

### Article 2

#### Lawfulness

Processing is lawful only where a basis applies.

[^n1]:  A footnote.
"""


def test_english_articles_chapters_and_footnotes(write_official: WriteFile) -> None:
    path = write_official(
        "eu-sample.md",
        GDPR_LIKE,
        title="Sample Regulation",
        title_en="Sample (SR)",
        issuer="European Parliament and Council",
        jurisdiction="EU",
    )
    chunks = by_id(chunks_of(path))
    assert list(chunks) == [
        "eu-sample#preamble",
        "eu-sample#art-1",
        "eu-sample#art-2",
        "eu-sample#annex-1",
    ]
    first = chunks["eu-sample#art-1"]
    assert "Article 3\nof another act" in first.text
    assert first.metadata["chapter"] == "CHAPTER I General provisions"
    assert first.metadata["language"] == "en"
    second = chunks["eu-sample#art-2"].metadata
    assert second["chapter"] == "CHAPTER II Principles"
    assert second["section"] == "Section 1 Sample section title"
    assert "A footnote" not in chunks["eu-sample#art-2"].text
    assert chunks["eu-sample#annex-1"].metadata["kind"] == "annex"


def test_long_article_is_split_into_parts_keeping_its_number(write_official: WriteFile) -> None:
    paragraphs = "\n\n".join(f"{n}.   Paragraph {n} " + "word " * 60 for n in range(1, 7))
    body = f"### Article 4\n\n#### Definitions\n\n{paragraphs}\n"
    path = write_official("eu-long.md", body, jurisdiction="EU", title_en="Long (LR)")
    chunks = chunks_of(path, max_tokens=120)
    assert len(chunks) > 2
    assert all(chunk.metadata["article"] == 4 for chunk in chunks)
    assert [chunk.metadata["part"] for chunk in chunks] == list(range(1, len(chunks) + 1))
    assert chunks[0].chunk_id == "eu-long#art-4-p1"
    assert all(chunk.heading.endswith("Article 4") for chunk in chunks)
    assert "Paragraph 6" in chunks[-1].text


CONTRACT = """
# 示例合同

双方订立本合同。

## 第一条 定义

本合同所称甲方，见第二条。

## 第二条 甲方的义务

（一）按照本合同第一条履行。

1.第一条，但第一条第二项除外。

## 附录一 出境说明

（一）处理目的：

## 附件

### 评估指引

一、评估应当覆盖范围。

第一条 指引中的条文样式不再切分为条。

二、评估应当留存记录。
"""


def test_contract_clauses_and_annexes(write_official: WriteFile) -> None:
    chunks = by_id(chunks_of(write_official("cn-contract.md", CONTRACT, issuer="示例部门")))
    clause = chunks["cn-contract#art-1"].metadata
    assert clause["article_title"] == "定义"
    assert clause["kind"] == "regulation"
    assert "1.第一条，但第一条第二项除外。" in chunks["cn-contract#art-2"].text
    annexes = [chunk for chunk in chunks.values() if chunk.metadata["kind"] == "annex"]
    assert [chunk.metadata["article_label"] for chunk in annexes] == [
        "附录一 出境说明",
        "附件 评估指引",
        "附件 评估指引",
    ]
    assert all("article" not in chunk.metadata for chunk in annexes)
    assert "第一条 指引中的条文样式" in annexes[1].text


DIGEST = """---
id: digest-cn-sdpl
kind: digest
source: cn-sdpl
source_file: cn-sdpl.md
title: "示例法 条文要点 / SDPL digests"
law: "SDPL"
jurisdiction: CN
effective_from: 2021-01-01
effective_to: 2025-12-31
official_url: "http://example.invalid/sdpl"
language: zh-en
---

## Article 3 | 第三条 | Records | 记录

**中文要点：** 处理者保存处理记录。

**English digest:** Processors keep records.

## Article 3-1 | 第三条之一 | Yearly review | 年度复核

**中文要点：** 每年复核。
"""


def test_digest_sections_cite_the_official_file(tmp_path: Path) -> None:
    path = tmp_path / "digests" / "cn-sdpl.md"
    path.parent.mkdir()
    path.write_text(DIGEST, encoding="utf-8")
    document = read_document(path, "digests/cn-sdpl.md", Manifest())
    chunks = by_id(chunk_document(document))
    assert list(chunks) == [
        "digest-cn-sdpl#art-3@zh",
        "digest-cn-sdpl#art-3@en",
        "digest-cn-sdpl#art-3-之一",
    ]
    meta = chunks["digest-cn-sdpl#art-3@en"].metadata
    assert (meta["file"], meta["citation_file"], meta["article"]) == (
        "digests/cn-sdpl.md",
        "cn-sdpl.md",
        3,
    )
    assert meta["article_label"] == "第三条"
    assert meta["article_title"] == "Records | 记录"
    assert (meta["kind"], meta["language"], meta["effective_to"]) == ("digest", "en", "2025-12-31")
    assert chunks["digest-cn-sdpl#art-3@zh"].metadata["language"] == "zh"
    assert chunks["digest-cn-sdpl#art-3-之一"].metadata["language"] == "zh-en"
    assert chunks["digest-cn-sdpl#art-3-之一"].metadata["article_suffix"] == "之一"


POLICY = """---
id: policy-sample
kind: policy
title: "示例制度"
language: zh
jurisdiction: CN
effective_from: 2026-01-01
---

# 示例制度

## 1. 适用范围

本制度适用于全体员工。

## 2. 职责

### 2.1 数据保护办公室

负责日常管理。
"""


def test_policies_split_at_level_two_headings(tmp_path: Path) -> None:
    path = tmp_path / "sample.zh.md"
    path.write_text(POLICY, encoding="utf-8")
    chunks = chunk_document(read_document(path, "policies/sample.zh.md", Manifest()))
    assert [chunk.chunk_id for chunk in chunks] == [
        "policy-sample.zh#sec-1",
        "policy-sample.zh#sec-2",
    ]
    assert chunks[1].metadata["article_label"] == "2. 职责"
    assert "2.1 数据保护办公室" in chunks[1].text
    assert all("article" not in chunk.metadata for chunk in chunks)
    assert chunks[0].metadata["kind"] == "policy"


def test_chunk_ids_are_stable(write_official: WriteFile) -> None:
    path = write_official("cn-sdpl.md", CN_LAW)
    assert [c.chunk_id for c in chunks_of(path)] == [c.chunk_id for c in chunks_of(path)]

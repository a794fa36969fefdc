"""The chunker on the real corpus: the shared official texts and the project's digests.

Each official text must split into exactly the articles its front matter declares, numbered
without gaps, and every digest section must name an article that its official text has.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from knowledge.chunking import Chunk, chunk_document
from knowledge.corpus import load_corpus
from knowledge.documents import SourceDocument
from knowledge.manifest import load_manifest
from knowledge.settings import PACKAGE_DIR

REGULATIONS = Path(__file__).resolve().parents[3] / ".." / "shared" / "regulations"


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[SourceDocument, list[Chunk]]]:
    if not REGULATIONS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the shared corpus is required in CI: {REGULATIONS}")
        pytest.skip(f"no shared corpus at {REGULATIONS}")
    documents = load_corpus([PACKAGE_DIR, REGULATIONS], load_manifest())
    return {d.doc_id: (d, chunk_document(d)) for d in documents}


def declared_articles(path: Path) -> int | None:
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    count = front.get("articles")
    return count if isinstance(count, int) else None


def test_official_texts_split_into_their_declared_articles(
    corpus: dict[str, tuple[SourceDocument, list[Chunk]]],
) -> None:
    checked = 0
    for document, chunks in corpus.values():
        declared = declared_articles(document.path) if document.is_official else None
        if declared is None:
            continue
        numbers = sorted({c.metadata["article"] for c in chunks if "article" in c.metadata})
        assert len(numbers) == declared, document.file
        assert numbers == list(range(numbers[0], numbers[0] + declared)), document.file
        checked += 1
    assert checked >= 10


def test_gdpr_long_articles_keep_their_number_in_every_part(
    corpus: dict[str, tuple[SourceDocument, list[Chunk]]],
) -> None:
    _, chunks = corpus["eu-gdpr-2016"]
    definitions = [c for c in chunks if c.metadata.get("article") == 4]
    assert len(definitions) > 1
    assert [c.metadata["part"] for c in definitions] == list(range(1, len(definitions) + 1))
    assert all(c.metadata["chapter"] == "CHAPTER I General provisions" for c in definitions)
    assert {c.metadata["kind"] for c in chunks} == {"law", "preamble", "annex"}


def test_every_digest_names_an_existing_article(
    corpus: dict[str, tuple[SourceDocument, list[Chunk]]],
) -> None:
    official = {
        (c.metadata["citation_file"], c.metadata["article"])
        for document, chunks in corpus.values()
        if document.is_official
        for c in chunks
        if "article" in c.metadata
    }
    held = {file for file, _ in official}
    missing = [
        c.chunk_id
        for document, chunks in corpus.values()
        if document.kind == "digest" and document.citation_file in held
        for c in chunks
        if "article" in c.metadata
        and (c.metadata["citation_file"], c.metadata["article"]) not in official
    ]
    assert missing == []


def test_the_2016_cybersecurity_law_ends_with_2025(
    corpus: dict[str, tuple[SourceDocument, list[Chunk]]],
) -> None:
    old, _ = corpus["cn-csl-2016"]
    new, _ = corpus["cn-csl-2025-amended"]
    assert (str(old.effective_to), str(new.effective_from)) == ("2025-12-31", "2026-01-01")

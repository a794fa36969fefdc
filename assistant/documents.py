"""Passages as LangChain `Document`s, the shape retrieval hands them over in.

A document is one chunk: `id` the passage id, `page_content` its exact text, `metadata`
the chunk metadata of the knowledge index (`doc_id`, `law`, `kind`, `citation_file`,
`article`, …) and the scores of the article it was retrieved for (`score`, `bm25_score`,
`dense_score`). `passage_of` reads a passage from it; `document_of` writes one (for
retrievers over passages already made, such as `assistant.fakes.MemoryPassages`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from langchain_core.documents import Document

from assistant.passages import Passage


def passage_of(document: Document) -> Passage:
    meta = document.metadata
    return to_passage(
        str(document.id),
        document.page_content,
        meta,
        score=float(meta.get("score") or 0.0),
        bm25=meta.get("bm25_score"),
        dense=meta.get("dense_score"),
    )


def to_passage(
    chunk_id: str,
    text: str,
    meta: Mapping[str, Any],
    *,
    score: float = 0.0,
    bm25: float | None = None,
    dense: float | None = None,
) -> Passage:
    """A chunk as a passage. It cites the file its metadata names, a policy none: a digest
    names the official text it summarises whether or not that text is indexed, and grounds
    an answer either way, quoted as Consentry's summary."""
    cited = str(meta.get("citation_file") or "")
    article = meta.get("article")
    kind = str(meta.get("kind") or "")
    return Passage(
        passage_id=chunk_id,
        text=text,
        source=str(meta.get("doc_id") or meta.get("source_id") or chunk_id),
        title=str(meta.get("title") or ""),
        law=str(meta.get("law") or ""),
        kind=kind,
        jurisdiction=str(meta.get("jurisdiction") or ""),
        language=str(meta.get("language") or ""),
        file=cited if cited and kind != "policy" else None,
        article=int(article) if article is not None else None,
        article_label=_text(meta.get("article_label")),
        article_title=_text(meta.get("article_title")),
        chapter=_text(meta.get("chapter")),
        effective_from=_day(meta.get("effective_from")),
        effective_to=_day(meta.get("effective_to")),
        flagged=bool(meta.get("flagged")),
        score=score,
        bm25=bm25,
        dense=dense,
    )


def document_of(passage: Passage) -> Document:
    fields = {
        "doc_id": passage.source,
        "title": passage.title,
        "law": passage.law,
        "kind": passage.kind,
        "jurisdiction": passage.jurisdiction,
        "language": passage.language,
        "citation_file": passage.file,
        "article": passage.article,
        "article_label": passage.article_label,
        "article_title": passage.article_title,
        "chapter": passage.chapter,
        "effective_from": _iso(passage.effective_from),
        "effective_to": _iso(passage.effective_to),
        "flagged": passage.flagged,
        "score": passage.score,
        "bm25_score": passage.bm25,
        "dense_score": passage.dense,
    }
    metadata = {key: value for key, value in fields.items() if value is not None}
    return Document(page_content=passage.text, metadata=metadata, id=passage.passage_id)


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None

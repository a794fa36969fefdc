"""Turn documents into chunks: article-aware for official texts, heading-based otherwise.

Each chunk keeps the exact text of its piece (`text`) and a context line (`heading`: law,
chapter, article) that is indexed with it but not part of the quoted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.articles import split_articles
from knowledge.bilingual import language_views
from knowledge.documents import SourceDocument
from knowledge.injection import find_instructions
from knowledge.sections import split_sections
from knowledge.segments import ANNEX, ARTICLE, PREAMBLE, Segment
from knowledge.sizing import split_to_size

Metadata = dict[str, str | int | float | bool]
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    text: str
    heading: str
    metadata: Metadata

    @property
    def indexed_text(self) -> str:
        return f"{self.heading}\n{self.text}"


def chunk_document(document: SourceDocument, max_tokens: int = 400) -> list[Chunk]:
    if document.is_official:
        segments = split_articles(document.body)
    else:
        segments = split_sections(document.body, articles=document.kind == "digest")
    chunks: list[Chunk] = []
    ordinals: dict[str, int] = {}
    for segment in segments:
        ordinals[segment.role] = ordinals.get(segment.role, 0) + 1
        key = f"{document.doc_id}#{_segment_key(segment, ordinals[segment.role])}"
        views = language_views(segment.text) if document.language == "zh-en" else None
        for view_key, language, text in _views(key, segment.text, views):
            parts = split_to_size(text, max_tokens)
            for number, part in enumerate(parts, start=1):
                chunk_id = view_key + (f"-p{number}" if len(parts) > 1 else "")
                chunk = _chunk(document, segment, chunk_id, part, (number, len(parts)))
                chunk.metadata["language"] = language or document.language
                chunks.append(chunk)
    return chunks


def _views(key: str, text: str, views: dict[str, str] | None) -> list[tuple[str, str | None, str]]:
    """(chunk id stem, language, text): one per language view, or the whole text."""
    if views is None:
        return [(key, None, text)]
    return [(f"{key}@{language}", language, view) for language, view in views.items()]


def _segment_key(segment: Segment, ordinal: int) -> str:
    if segment.article is not None:
        suffix = f"-{segment.suffix}" if segment.suffix else ""
        return f"art-{segment.article}{suffix}"
    if segment.role == PREAMBLE:
        return "preamble" if ordinal == 1 else f"text-{ordinal}"
    return f"{'annex' if segment.role == ANNEX else 'sec'}-{ordinal}"


def _chunk(
    document: SourceDocument, segment: Segment, chunk_id: str, text: str, part: tuple[int, int]
) -> Chunk:
    label = _clean(segment.label if segment.role == ARTICLE else segment.title) or segment.label
    chapter, section = _clean(segment.chapter), _clean(segment.section)
    article_line = " ".join(filter(None, [label, _clean(segment.title)]))
    context = [document.law, document.title, chapter, section]
    if segment.role == ARTICLE or part[0] > 1:
        context.append(article_line)
    flags = find_instructions(text)
    metadata: Metadata = {
        "chunk_id": chunk_id,
        "doc_id": document.doc_id,
        "source_id": document.source_id,
        "file": document.file,
        "citation_file": document.citation_file,
        "title": document.title,
        "law": document.law,
        "jurisdiction": document.jurisdiction,
        "language": document.language,
        "kind": _kind(document, segment),
        "doc_kind": document.kind,
        "article_label": label,
        "part": part[0],
        "parts": part[1],
        "doc_hash": document.content_hash,
        "flagged": bool(flags),
    }
    optional: dict[str, str | int | None] = {
        "article": segment.article,
        "article_suffix": segment.suffix,
        "article_title": _clean(segment.title) if segment.role == ARTICLE else None,
        "chapter": chapter,
        "section": section,
        "effective_from": _iso(document.effective_from),
        "effective_to": _iso(document.effective_to),
        "official_url": document.official_url,
        "source_file": document.source_file,
        "flags": "; ".join(flags) or None,
    }
    metadata.update({key: value for key, value in optional.items() if value is not None})
    heading = " · ".join(dict.fromkeys(item for item in context if item))
    return Chunk(chunk_id, text, heading, metadata)


def _kind(document: SourceDocument, segment: Segment) -> str:
    if document.is_official and segment.role in (ANNEX, PREAMBLE):
        return segment.role
    return document.kind


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _clean(text: str | None) -> str | None:
    return _SPACES.sub(" ", text).strip() if text else None

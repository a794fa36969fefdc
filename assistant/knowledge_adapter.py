"""The knowledge package behind the assistant's ports (`PassageSearch`, `SourceCatalog`).

`KnowledgeSearch` returns one hit per article (its best official chunk); the other chunks
of that article, such as its digest, come along as passages with the same scores. With no
date given, the date named in the question is used, else today. The catalogue tells, for
each instrument, whether its official text is indexed and whether Consentry's digest of it
is, either of which grounds an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from assistant.passages import Passage, SourceInfo
from assistant.tokens import key_terms
from knowledge.dates import period_in
from knowledge.manifest import Manifest
from knowledge.search import Hit, KnowledgeSearch

OFFICIAL_KINDS = ("law", "regulation")


class KnowledgePassages:
    def __init__(
        self,
        engine: KnowledgeSearch,
        manifest: Manifest,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.engine = engine
        self.manifest = manifest
        self.today = today
        self._held = {
            str(meta.get("citation_file"))
            for meta in engine.metadata.values()
            if meta.get("kind") in (*OFFICIAL_KINDS, "annex", "preamble")
        }
        self._catalog = self._build_catalog()
        self._vocabulary: frozenset[str] | None = None

    def search(
        self, question: str, k: int, as_of: date | None, jurisdiction: str | None
    ) -> list[Passage]:
        if as_of is None and period_in(question) is None:
            as_of = self.today()
        hits = self.engine.search(question, k, as_of=as_of, jurisdiction=jurisdiction)
        passages: list[Passage] = []
        for hit in hits:
            passages.append(self._passage(hit.chunk_id, hit.text, hit.metadata, hit))
            for chunk_id in hit.related:
                text, meta = self.engine.texts[chunk_id], self.engine.metadata[chunk_id]
                passages.append(self._passage(chunk_id, text, meta, hit))
        return passages

    def all_passages(self) -> Iterator[Passage]:
        """Every indexed chunk as a passage (for warming caches)."""
        for chunk_id, text in self.engine.texts.items():
            yield to_passage(chunk_id, text, self.engine.metadata[chunk_id], self._held)

    def sources(self) -> Sequence[SourceInfo]:
        return self._catalog

    def vocabulary(self) -> frozenset[str]:
        """Built on first use (every chunk is tokenized once) and kept with the index."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(
                term for text in self.engine.texts.values() for term in key_terms(text)
            )
        return self._vocabulary

    def index_version(self) -> str:
        return str(self.engine.bm25.fingerprint)

    def article(self, source: str, article: int) -> list[Passage]:
        found = [
            (meta.get("article_suffix") or "", int(meta.get("part") or 1), chunk_id)
            for chunk_id, meta in self.engine.metadata.items()
            if meta.get("article") == article
            and str(meta.get("doc_id") or meta.get("source_id")) == source
        ]
        return [
            to_passage(
                chunk_id, self.engine.texts[chunk_id], self.engine.metadata[chunk_id], self._held
            )
            for *_, chunk_id in sorted(found)
        ]

    def _passage(self, chunk_id: str, text: str, meta: Mapping[str, Any], hit: Hit) -> Passage:
        return to_passage(
            chunk_id,
            text,
            meta,
            self._held,
            score=hit.score,
            bm25=hit.bm25_score,
            dense=hit.dense_score,
        )

    def _build_catalog(self) -> list[SourceInfo]:
        catalog: dict[str, SourceInfo] = {}
        digested = {
            str(meta.get("source_id"))
            for meta in self.engine.metadata.values()
            if meta.get("kind") == "digest"
        }
        for entry in self.manifest.entries:
            held = bool(entry.file and entry.file in self._held)
            aliases = tuple(filter(None, (entry.title_en, entry.id)))
            catalog[entry.id] = SourceInfo(
                entry.id,
                entry.title or entry.id,
                entry.law or entry.id,
                entry.jurisdiction or "",
                held,
                aliases,
                has_digest=entry.id in digested,
                articles=entry.articles,
            )
        for meta in self.engine.metadata.values():
            source = str(meta.get("source_id") or "")
            if source and source not in catalog and meta.get("kind") != "digest":
                held = meta.get("kind") == "policy" or str(meta.get("citation_file")) in self._held
                catalog[source] = SourceInfo(
                    source,
                    str(meta.get("title") or source),
                    str(meta.get("law") or source),
                    str(meta.get("jurisdiction") or ""),
                    held,
                )
        return list(catalog.values())


def to_passage(
    chunk_id: str,
    text: str,
    meta: Mapping[str, Any],
    held: set[str],
    *,
    score: float = 0.0,
    bm25: float | None = None,
    dense: float | None = None,
) -> Passage:
    """A chunk as a passage; `held` are the official files in the index. A digest names the
    official file it summarises whether or not that file is indexed: it grounds an answer
    either way, quoted as Consentry's summary."""
    cited = str(meta.get("citation_file") or "")
    article = meta.get("article")
    digest = meta.get("kind") == "digest"
    return Passage(
        passage_id=chunk_id,
        text=text,
        source=str(meta.get("doc_id") or meta.get("source_id") or chunk_id),
        title=str(meta.get("title") or ""),
        law=str(meta.get("law") or ""),
        kind=str(meta.get("kind") or ""),
        jurisdiction=str(meta.get("jurisdiction") or ""),
        language=str(meta.get("language") or ""),
        file=cited if cited in held or (digest and cited) else None,
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


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _day(value: Any) -> date | None:
    return date.fromisoformat(str(value)) if value else None

"""The knowledge index as the assistant's `SourceCatalog` (retrieval itself goes through
`knowledge.retriever.HybridRetriever`).

The catalogue tells, for each instrument, whether its official text is indexed and whether
Consentry's digest of it is, either of which grounds an answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from assistant.documents import to_passage
from assistant.passages import Passage, SourceInfo
from assistant.tokens import key_terms
from knowledge.manifest import Manifest
from knowledge.search import KnowledgeSearch

OFFICIAL_KINDS = ("law", "regulation")


class KnowledgeCatalog:
    def __init__(self, engine: KnowledgeSearch, manifest: Manifest) -> None:
        self.engine = engine
        self.manifest = manifest
        self._held = {
            str(meta.get("citation_file"))
            for meta in engine.metadata.values()
            if meta.get("kind") in (*OFFICIAL_KINDS, "annex", "preamble")
        }
        self._catalog = self._build_catalog()
        self._vocabulary: frozenset[str] | None = None

    def all_passages(self) -> Iterator[Passage]:
        """Every indexed chunk as a passage (for warming caches)."""
        for chunk_id, text in self.engine.texts.items():
            yield to_passage(chunk_id, text, self.engine.metadata[chunk_id])

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
            to_passage(chunk_id, self.engine.texts[chunk_id], self.engine.metadata[chunk_id])
            for *_, chunk_id in sorted(found)
        ]

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

"""Retrieved passages as the assistant sees them, whatever store they came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

OFFICIAL_KINDS = frozenset({"law", "regulation"})


@dataclass(frozen=True)
class Passage:
    """One retrieved chunk with its provenance and the retrieval signals that found it.

    `file` is the official text a citation points at (for a digest: the text it digests,
    named even when that text is not indexed; None for a policy). `score` is the fused rank
    score; `bm25` and `dense` are the single-method scores when the retriever reports them.
    """

    passage_id: str
    text: str
    source: str
    title: str
    law: str
    kind: str
    jurisdiction: str
    language: str
    file: str | None = None
    article: int | None = None
    article_label: str | None = None
    article_title: str | None = None
    chapter: str | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    flagged: bool = False
    score: float = 0.0
    bm25: float | None = None
    dense: float | None = None

    @property
    def is_official(self) -> bool:
        return self.kind in OFFICIAL_KINDS

    @property
    def article_key(self) -> tuple[str, int | None]:
        """Passages of one article (its text and its digest) share this key."""
        anchor = self.file or self.source
        return (anchor, self.article) if self.article is not None else (self.passage_id, None)

    @property
    def label(self) -> str:
        """How a citation names the passage: `PIPL Art. 22`, or a policy's title."""
        if self.article is None:
            return self.law or self.title
        return f"{self.law} Art. {self.article}"

    def in_force(self, on: date) -> bool:
        starts = self.effective_from is None or self.effective_from <= on
        return starts and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True)
class SourceInfo:
    """One instrument known to the corpus: its names, and whether its official text or
    Consentry's digest of it is held (either grounds an answer).

    `aliases` are the other names it goes by (English title, digest title, short name);
    `articles` how many articles it has (numbered from 1), None when unknown.
    """

    source: str
    title: str
    law: str
    jurisdiction: str
    has_official_text: bool
    aliases: tuple[str, ...] = ()
    has_digest: bool = False
    articles: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.title, self.law, *self.aliases)

    @property
    def grounds(self) -> bool:
        """Whether the corpus holds something an answer about it may rest on."""
        return self.has_official_text or self.has_digest

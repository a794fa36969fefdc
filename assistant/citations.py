"""Citations and their check against the retrieved text.

A citation survives only if it names a passage that was retrieved for this question and its
quote is found in that passage: verbatim after normalising (NFKC, case, white space), or
with a fuzzy partial match of at least the configured threshold. A fuzzy quote is replaced
by the passage's own wording, so what is shown is always the source text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.passages import Passage
from assistant.tokens import normalise, normalise_with_map

MIN_QUOTE_CHARS = 8


@dataclass(frozen=True)
class Citation:
    source: str
    title: str
    law: str
    article: int | None
    article_label: str | None
    quote: str
    file: str | None
    kind: str
    passage_id: str
    flagged: bool = False

    @property
    def label(self) -> str:
        return f"{self.law} Art. {self.article}" if self.article is not None else self.law

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "title": self.title,
            "law": self.law,
            "article": self.article,
            "article_label": self.article_label,
            "quote": self.quote,
            "file": self.file,
            "kind": self.kind,
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class ProposedCitation:
    """A citation as a model wrote it: which source, which article, what quote."""

    source: str
    article: int | None
    quote: str


@dataclass(frozen=True)
class Rejection:
    citation: ProposedCitation
    reason: str


def cite(passage: Passage, quote: str) -> Citation:
    return Citation(
        source=passage.source,
        title=passage.title,
        law=passage.law,
        article=passage.article,
        article_label=passage.article_label,
        quote=quote,
        file=passage.file,
        kind=passage.kind,
        passage_id=passage.passage_id,
        flagged=passage.flagged,
    )


def verify(
    proposed: Iterable[ProposedCitation], passages: Sequence[Passage], threshold: float = 90.0
) -> tuple[list[Citation], list[Rejection]]:
    """Split proposed citations into verified ones (deduplicated) and rejections."""
    kept: list[Citation] = []
    rejected: list[Rejection] = []
    for item in proposed:
        candidates = [p for p in passages if _names(p, item.source) and p.article == item.article]
        if not candidates:
            rejected.append(Rejection(item, "not-retrieved"))
            continue
        if len(normalise(item.quote)) < MIN_QUOTE_CHARS:
            rejected.append(Rejection(item, "quote-too-short"))
            continue
        found = _locate(item.quote, candidates, threshold)
        if found is None:
            rejected.append(Rejection(item, "quote-not-found"))
        elif all(c.passage_id != found[0].passage_id or c.quote != found[1] for c in kept):
            kept.append(cite(*found))
    return kept, rejected


def _names(passage: Passage, source: str) -> bool:
    wanted = source.strip().lower()
    names = (passage.source, passage.file or "", passage.law, passage.passage_id)
    return wanted in {name.lower() for name in names if name}


def _locate(
    quote: str, candidates: Sequence[Passage], threshold: float
) -> tuple[Passage, str] | None:
    wanted = normalise(quote)
    for passage in candidates:
        if wanted in normalise(passage.text):
            return passage, quote.strip()
    best: tuple[float, Passage, str] | None = None
    for passage in candidates:
        text, origin = normalise_with_map(passage.text)
        alignment = fuzz.partial_ratio_alignment(wanted, text)
        if (
            alignment is None
            or alignment.score < threshold
            or (best and alignment.score <= best[0])
        ):
            continue
        start, end = origin[alignment.dest_start], origin[alignment.dest_end - 1] + 1
        best = (alignment.score, passage, passage.text[start:end].strip())
    return (best[1], best[2]) if best else None

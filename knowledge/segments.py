"""Segments: the structural pieces of a document before they are cut to size.

A segment is one article, one annex item, one digest section, one policy section or the
preamble; chunking turns each into one or more chunks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Segment roles; an article segment carries a number, the others carry None.
ARTICLE = "article"
PREAMBLE = "preamble"
ANNEX = "annex"
SECTION = "section"


@dataclass
class Segment:
    role: str
    label: str
    article: int | None = None
    suffix: str | None = None
    title: str | None = None
    chapter: str | None = None
    section: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip("\n")

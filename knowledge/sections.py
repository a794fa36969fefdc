"""Split digests at `## Article N` headings and policies at `##` headings."""

from __future__ import annotations

import re

from knowledge.numerals import NUMERAL_CHARS, int_to_chinese
from knowledge.segments import ARTICLE, PREAMBLE, SECTION, Segment

_H2 = re.compile(r"^##[ \t]+(.+?)[ \t]*$")
_DIGEST_ARTICLE = re.compile(r"^Article[ \t]+(\d+)(?:[ \t]*(?:-|之)[ \t]*(\d+))?\b")
_ZH_LABEL = re.compile(rf"^第[{NUMERAL_CHARS}]+条(?:之[{NUMERAL_CHARS}]+)?$")


def split_sections(body: str, *, articles: bool) -> list[Segment]:
    """Cut at level-2 headings; with `articles`, `## Article N | 第N条 | title` numbers them."""
    segments: list[Segment] = []
    current = Segment(PREAMBLE, PREAMBLE)
    for line in body.splitlines():
        heading = _H2.match(line.strip())
        if heading:
            segments.append(current)
            current = _heading_segment(heading.group(1), articles, len(segments))
        current.lines.append(line.rstrip())
    segments.append(current)
    return [segment for segment in segments if _has_content(segment)]


def _heading_segment(heading: str, articles: bool, index: int) -> Segment:
    parts = [part.strip() for part in heading.split("|") if part.strip()]
    match = _DIGEST_ARTICLE.match(parts[0]) if articles else None
    if match is None:
        return Segment(SECTION, f"sec-{index}", title=heading)
    zh_label = next((part for part in parts[1:] if _ZH_LABEL.match(part)), None)
    titles = [part for part in parts[1:] if part != zh_label]
    sub = match.group(2)
    return Segment(
        ARTICLE,
        zh_label or parts[0],
        article=int(match.group(1)),
        suffix=f"之{int_to_chinese(int(sub))}" if sub else None,
        title=" | ".join(titles) or None,
    )


def _has_content(segment: Segment) -> bool:
    """A segment holding only its heading, or only a document title, is dropped."""
    lines = [line for line in segment.lines if line.strip()]
    return any(not line.lstrip().startswith("#") for line in lines)

"""Split an official text into articles, keeping chapter, section and annex structure.

An article starts only at the beginning of a line with 第X条 or 第X条之一 (plain or as a
Markdown heading) or with a heading `### Article N`, followed by white space or the end of
the line, and only when its number comes after the previous article's. References inside
sentences (本法第四十条, "Article 6(1)") therefore never start a chunk. Text after an
annex heading (附件, 附录, Annex) is cut at its numbered items (一、二、…), never into
articles.
"""

from __future__ import annotations

import re

from knowledge.numerals import NUMERAL_CHARS, chinese_to_int
from knowledge.segments import ANNEX, ARTICLE, PREAMBLE, Segment

_N = f"[{NUMERAL_CHARS}]+"
_ZH_ARTICLE = re.compile(rf"^(?:#{{1,6}}[ \t]*)?(第({_N})条(?:之({_N}))?)(?=[\s　]|$)[ \t　]*(.*)$")
_EN_ARTICLE = re.compile(r"^#{1,6}[ \t]*(Article[ \t]+(\d+))[ \t]*$")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t#]*$")
_PLAIN_CHAPTER = re.compile(rf"^第{_N}[章节][ \t　]+\S.{{0,30}}$")
_CHAPTER = re.compile(rf"^(?:第{_N}章|CHAPTER[ \t]+[IVXLC]+\b)")
_SECTION = re.compile(rf"^(?:第{_N}节|Section[ \t]+\d+\b)")
_ANNEX = re.compile(r"^(?:附件|附录|附表|Annex|ANNEX)")
_ANNEX_ITEM = re.compile(rf"^({_N})、")
_FOOTNOTE = re.compile(r"^\[\^[^\]]+\]:")
NOTES = "notes"


class ArticleParser:
    """Feed lines with `feed`; `finish` returns the segments in document order."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.current: Segment | None = None
        self.chapter: str | None = None
        self.section: str | None = None
        self.last: tuple[int, int] = (0, 0)
        self.mode = PREAMBLE
        self.annex_base = ""
        self.annex_label = ""
        self.awaiting_title: str | None = None

    def feed(self, line: str) -> None:
        stripped = line.strip()
        if self.mode not in (ANNEX, NOTES) and self._article_start(stripped):
            return
        heading = _HEADING.match(stripped)
        structural = heading.group(1) if heading else None
        if structural is None and self.mode != ANNEX and _PLAIN_CHAPTER.match(stripped):
            structural = stripped
        if structural is not None and self._structure(structural):
            return
        if self.mode != NOTES and _FOOTNOTE.match(stripped):
            self.mode = NOTES
            self._open(Segment(ANNEX, NOTES, title="notes"))
        elif self.mode == ANNEX and _ANNEX_ITEM.match(stripped):
            self._open(Segment(ANNEX, self.annex_label, title=self.annex_label))
        elif self.current is None and not stripped:
            return
        elif self.current is None and self.awaiting_title:
            self._take_title(stripped)
            return
        elif self.current is None:
            self._open(self._loose_segment())
        if self.current is not None:
            self.current.lines.append(line.rstrip())

    def finish(self) -> list[Segment]:
        self._close()
        return [segment for segment in self.segments if segment.text.strip()]

    def _article_start(self, stripped: str) -> bool:
        zh, en = _ZH_ARTICLE.match(stripped), _EN_ARTICLE.match(stripped)
        if zh:
            number = chinese_to_int(zh.group(2))
            sub = chinese_to_int(zh.group(3)) if zh.group(3) else 0
            label, title = zh.group(1), (zh.group(4) if stripped.startswith("#") else None)
        elif en:
            number, sub, label, title = int(en.group(2)), 0, en.group(1), None
        else:
            return False
        if (number, sub) <= self.last:
            return False
        self.last, self.mode = (number, sub), ARTICLE
        suffix = f"之{zh.group(3)}" if zh and zh.group(3) else None
        segment = Segment(ARTICLE, label, number, suffix, title or None, self.chapter, self.section)
        self._open(segment)
        segment.lines.append(stripped)
        return True

    def _structure(self, text: str) -> bool:
        """Chapter, section and annex headings; any other heading is ordinary text."""
        if _ANNEX.match(text) and self.mode != NOTES:
            self.mode, self.annex_base, self.annex_label = ANNEX, text, text
        elif self.mode == ANNEX:
            self.annex_label = f"{self.annex_base} {text}"
        elif _CHAPTER.match(text):
            self.chapter, self.section, self.awaiting_title = text, None, "chapter"
        elif _SECTION.match(text):
            self.section, self.awaiting_title = text, "section"
        else:
            return False
        self._close()
        return True

    def _take_title(self, title: str) -> None:
        if self.awaiting_title == "chapter":
            self.chapter = f"{self.chapter} {title}"
        else:
            self.section = f"{self.section} {title}"
        self.awaiting_title = None

    def _loose_segment(self) -> Segment:
        if self.mode == PREAMBLE:
            return Segment(PREAMBLE, PREAMBLE)
        if self.mode == ANNEX:
            return Segment(ANNEX, self.annex_label, title=self.annex_label)
        return Segment(PREAMBLE, self.chapter or "text", chapter=self.chapter)

    def _open(self, segment: Segment) -> None:
        self._close()
        self.current = segment
        self.awaiting_title = None

    def _close(self) -> None:
        if self.current is not None:
            self.segments.append(self.current)
        self.current = None


def split_articles(body: str) -> list[Segment]:
    parser = ArticleParser()
    for line in body.splitlines():
        parser.feed(line)
    return parser.finish()

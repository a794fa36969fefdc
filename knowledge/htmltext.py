"""Turn an official HTML page into the corpus's Markdown: headings, paragraphs, articles.

Only text is kept. Scripts, styles and page furniture (navigation, header, footer, forms)
are dropped; chapter, section, annex and `Article N` lines become Markdown headings so the
chunker finds the same structure as in hand-made files.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from knowledge.numerals import NUMERAL_CHARS

_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "noscript",
    "form",
    "button",
    "select",
    "head",
}
_BLOCK = {"p", "div", "br", "li", "tr", "section", "article", "table", "ul", "ol", "blockquote"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_N = f"[{NUMERAL_CHARS}]+"
_PROMOTE = (
    (re.compile(rf"^第{_N}编[\s　]"), "# "),
    (re.compile(rf"^第{_N}章[\s　]"), "## "),
    (re.compile(rf"^第{_N}节[\s　]"), "### "),
    (re.compile(r"^CHAPTER [IVXLC]+$"), "## "),
    (re.compile(r"^Section \d+$"), "## "),
    (re.compile(r"^Article \d+$"), "### "),
    (re.compile(r"^(附件|附录)[一二三四五六七八九十\d]*(?:[\s　].{0,30})?$"), "## "),
)
_SPACE = re.compile(r"[ \t\u00a0\u2002\u2003\u3000]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.heading: int | None = None
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK or tag in _HEADINGS:
            self._flush()
            self.heading = _HEADINGS.get(tag, self.heading)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK or tag in _HEADINGS:
            self._flush()
            if tag in _HEADINGS:
                self.heading = None

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.current.append(data)

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.current)).strip()
        self.current = []
        if text:
            self.lines.append(("#" * self.heading + " " + text) if self.heading else _promote(text))


def _promote(line: str) -> str:
    for pattern, prefix in _PROMOTE:
        if pattern.match(line):
            return prefix + line
    return line


def html_to_markdown(html: str) -> tuple[str, str]:
    """(page title, Markdown body with one paragraph per line, blank lines between)."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector._flush()
    title = _SPACE.sub(" ", "".join(collector.title)).strip()
    return title, "\n\n".join(collector.lines) + "\n"

"""Cut passage text into quotable sentences, each an exact substring of the passage.

Digest passages hold a Chinese paragraph, an English paragraph and a keyword line; only the
two paragraphs are quotable, and `language_part` picks the one in a given language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZH_MARK = re.compile(r"\*\*中文要点[:：]\*\*[ \t]*")
_EN_MARK = re.compile(r"\*\*English digest[:：]?\*\*[ \t]*", re.IGNORECASE)
_SKIP_LINE = re.compile(r"^\s*(?:#|keywords\s*[:：]|关键词\s*[:：]|\|)", re.IGNORECASE)
_MARKUP = re.compile(r"^\s*(?:\*\*[^*]{0,30}\*\*[ \t]*|[-*>]\s+)")
_NUM = "〇零一二三四五六七八九十百千两"
_LABEL = re.compile(rf"^(?:第[{_NUM}]+条(?:之[{_NUM}]+)?|Article\s+\d+)[ \t　]*")
# A sentence ends after 。！？； (or ;!? ) or after a full stop followed by a space and a
# capital or a point number such as "2. " or "(b) " (so "Art. 6" stays in one sentence).
_END = re.compile(r"(?<=[。！？；;!?])|(?<=[a-z0-9\)]\.)(?=\s+(?:[A-Z]|\d{1,2}\.\s|\([a-z]\)\s))")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    language: str


def language_part(text: str, language: str) -> tuple[int, int] | None:
    """The (start, end) of a digest's paragraph in `language` ("zh" or "en"), if present."""
    zh, en = _ZH_MARK.search(text), _EN_MARK.search(text)
    mark = zh if language == "zh" else en
    if mark is None:
        return None
    end = len(text)
    for other in (zh, en):
        if other is not None and other.start() > mark.start():
            end = min(end, other.start())
    keywords = re.search(r"\n\s*(?:Keywords|关键词)\s*[:：]", text[mark.end() : end])
    if keywords:
        end = mark.end() + keywords.start()
    return mark.end(), end


def split_sentences(text: str, *, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], markup and headings left out, offsets into `text`."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    offset = start
    for line in text[start:end].splitlines(keepends=True):
        line_start = offset
        offset += len(line)
        if not line.strip() or _SKIP_LINE.match(line):
            continue
        markup = _MARKUP.match(line)
        skip = markup.end() if markup else 0
        label = _LABEL.match(line[skip:])
        skip += label.end() if label else 0
        sentences.extend(_cut(line, line_start, skip))
    return sentences


def _cut(line: str, line_start: int, skip: int) -> list[Sentence]:
    pieces: list[Sentence] = []
    cursor = skip
    for match in [*_END.finditer(line, skip), None]:
        stop = match.start() if match else len(line)
        piece = line[cursor:stop]
        stripped = piece.strip()
        if len(stripped) >= 4:
            at = line_start + cursor + (len(piece) - len(piece.lstrip()))
            pieces.append(Sentence(stripped, at, _language(stripped)))
        cursor = stop
    return pieces


def _language(sentence: str) -> str:
    cjk = len(re.findall(r"[\u3400-\u9fff]", sentence))
    return "zh" if cjk * 3 >= len(re.findall(r"[A-Za-z]", sentence)) else "en"

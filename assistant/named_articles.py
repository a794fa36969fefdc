"""Articles a question names (`《个人信息保护法》第99条`, "GDPR Article 120"), each paired
with the instrument named next to it, so that one the instrument does not have is answered
"no such article" instead of with the nearest text.

An instrument is found by its names in the catalogue: the Chinese title without 中华人民共和国
and notes in brackets (and its first word, so 民法典 finds the Civil Code's book), the short
name (PIPL, GDPR) and the English title; where names overlap the longest wins
(个人信息出境标准合同办法 is not the contract annexed to it). An article mention takes the
instrument named just before it, else just after it ("Article 120 of the GDPR"). Only
instruments whose article count is known are checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.extractive import Named
from assistant.passages import SourceInfo
from assistant.tokens import main_title
from knowledge.numerals import NUMERAL_CHARS, chinese_to_int

_ARTICLE = re.compile(
    rf"第\s*(\d+|[{NUMERAL_CHARS}]+)\s*条|\b(?:article|art\.?)\s*(\d+)\b", re.IGNORECASE
)
_CJK = re.compile(r"[\u3400-\u9fff]")
# How far (in characters) an instrument's name may stand from the article number it goes with.
BEFORE_CHARS = 40
AFTER_CHARS = 30


@dataclass(frozen=True)
class NamedArticle:
    """An article number as written in the question, and the instruments it may belong to
    (one name can stand for several versions of a law)."""

    article: int
    written: str
    sources: tuple[SourceInfo, ...]

    @property
    def exists(self) -> bool:
        return any(info.articles is None or self.article <= info.articles for info in self.sources)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    sources: tuple[SourceInfo, ...]


def named_articles(question: str, catalog: Sequence[SourceInfo]) -> list[NamedArticle]:
    normal = unicodedata.normalize("NFKC", question)
    text = normal.lower()
    mentions = _instrument_mentions(text, [info for info in catalog if info.articles])
    found = []
    for match in _ARTICLE.finditer(text):
        number = _number(match.group(1) or match.group(2))
        owner = _owner(mentions, match.start(), match.end())
        if number is not None and owner is not None:
            found.append(NamedArticle(number, normal[match.start() : match.end()], owner.sources))
    return found


def named_instruments(question: str, catalog: Sequence[SourceInfo]) -> list[SourceInfo]:
    """Every catalogue instrument the question names, in the order named."""
    text = unicodedata.normalize("NFKC", question).lower()
    found = [info for mention in _instrument_mentions(text, catalog) for info in mention.sources]
    return list(dict.fromkeys(found))


def named_in(question: str, catalog: Sequence[SourceInfo]) -> Named:
    """The instruments and articles a question names, as the article scoring reads them."""
    laws = frozenset(info.law for info in named_instruments(question, catalog))
    articles = frozenset(
        (info.law, named.article)
        for named in named_articles(question, catalog)
        for info in named.sources
    )
    return Named(laws, articles)


def absent_articles(question: str, catalog: Sequence[SourceInfo]) -> list[NamedArticle]:
    """The articles the question names that their instrument does not have."""
    return [named for named in named_articles(question, catalog) if not named.exists]


def _number(written: str) -> int | None:
    if written.isdigit():
        return int(written)
    try:
        return chinese_to_int(written)
    except ValueError:
        return None


def _owner(mentions: Sequence[_Mention], start: int, end: int) -> _Mention | None:
    before = [m for m in mentions if m.end <= start and start - m.end <= BEFORE_CHARS]
    if before:
        return max(before, key=lambda m: m.end)
    after = [m for m in mentions if m.start >= end and m.start - end <= AFTER_CHARS]
    return min(after, key=lambda m: m.start) if after else None


def _instrument_mentions(text: str, catalog: Sequence[SourceInfo]) -> list[_Mention]:
    spans: dict[tuple[int, int], list[SourceInfo]] = {}
    for info in catalog:
        for name in _names(info):
            for start, end in _find(text, name):
                members = spans.setdefault((start, end), [])
                if info not in members:
                    members.append(info)
    kept = [
        _Mention(start, end, tuple(infos))
        for (start, end), infos in spans.items()
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)
    ]
    return sorted(kept, key=lambda mention: mention.start)


def _names(info: SourceInfo) -> set[str]:
    names = set()
    for name in info.names:
        plain = main_title(name)
        if _CJK.search(plain):
            names.update({plain, plain.split()[0]} if plain else set())
        elif len(plain) >= 3:
            names.add(plain)
    return {name for name in names if len(name) >= 3}


def _find(text: str, name: str) -> list[tuple[int, int]]:
    if _CJK.search(name):
        pattern = re.escape(name)
    else:
        pattern = rf"(?<![a-z0-9]){re.escape(name)}(?![a-z0-9])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]

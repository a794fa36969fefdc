"""Tokens for BM25: jieba words for Chinese, lower-cased words for English."""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_EN_STOP_WORDS = (
    "a an and are as at be by can do does for from has have how i if in into is it its may "
    "must not of on or our shall should that the their them then there these they this to "
    "under was we what when where which who will with would you your"
)
_ZH_STOP_WORDS = (
    "的 了 是 在 和 与 或 及 等 对 把 被 从 以 也 就 都 而 要 吗 呢 吧 啊 有 我们 你们 他们 "
    "这 那 这个 那个 什么 怎么 哪些 之 其 该 本 由 为 并 但 又 则 于 向 将 可以 能 会 还 "
    "需要 应当 一个 一些 如何 是否 多少 哪里 现在"
)
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
_ZH_STOP = frozenset(_ZH_STOP_WORDS.split())


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[str]:
    """Index and query tokens: jieba's search-mode words, stop words and punctuation removed."""
    tokens: list[str] = []
    for piece in _jieba().cut_for_search(text.lower()):
        if _CJK.search(piece):
            if piece not in _ZH_STOP:
                tokens.append(piece)
            continue
        words = (word for word in _WORD.findall(piece) if word not in _EN_STOP)
        tokens.extend(_english(word) for word in words if len(word) > 1 or word.isdigit())
    return tokens


def _english(word: str) -> str:
    """A light plural and possessive fold so that 'transfers' meets 'transfer'."""
    word = word.removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word

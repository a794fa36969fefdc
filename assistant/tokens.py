"""Words of a text for matching: jieba tokens for Chinese, light-stemmed words for English.

The same tokens serve sentence scoring, refusal coverage and the evaluation's answer-point
check, so a term counts the same way everywhere.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u9fff]")
_RUN = re.compile(r"[\u3400-\u9fff]+|[A-Za-z][A-Za-z'\-]*|\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_jieba_lock = threading.Lock()


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


ZH_STOP = _word_set(
    """的 了 是 吗 呢 吧 啊 和 与 及 或 或者 以及 并 并且 而 但 但是 如果 那么 这个
    那个 这些 那些 我们 我 你 你们 他们 它 它们 咱们 自己 对方 什么 怎么 怎样 怎么办
    如何 哪些 哪里 哪个 哪 多少 多久 为什么 是否 是不是 有没有 能不能 可不可以 可以
    能 能否 需要 需不需要 要 要不要 得 还 还要 还是 也 都 就 才 又 再 很 更 最 太 把
    被 让 给 对 向 从 在 于 到 由 为 以 之 其 该 此 这 那 有 没有 没 不 不是 会
    会不会 应该 应当 吗 一下 一些 一个 一家 一批 分别 另外 其他 其它 等 等等 时候
    情况 方面 问题 接下 下来 现在 目前 当时 之前 之后 以后 以前 已经 直接 主要 至少
    具体 接下来 比如 例如 就是 还有 里 中 上 下 个 条 第 款 项 按 按照 根据 依据
    关于 来说 而言 这样 那样 所 做 做些 哪种"""
)
EN_STOP = _word_set(
    """a an the and or but if then than that this these those there their them they it its
    is are was were be been being am do does did doing have has had having can could should
    would will shall may might must of to in on at by for from with without about into over
    under between after before during as so such not no nor only own same too very just also
    we our ours us you your yours he she his her i me my what which who whom whose when where
    why how all any both each few more most other some one two us its itself what's don't
    does doesn't isn't aren't still even ever else e.g i.e etc per via within upon whether
    need needs needed get got make made let lets like"""
)


def normalise(text: str) -> str:
    """NFKC, lower case, single spaces: the form quotes are compared in."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


PARENTHETICAL = re.compile(r"[（(][^（）()]*[）)]")


def main_title(title: str) -> str:
    """A title as names are compared: without notes in brackets and without 中华人民共和国,
    normalised (`normalise`)."""
    return normalise(PARENTHETICAL.sub("", title)).removeprefix("中华人民共和国").strip()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """`normalise(text)` and, for each of its characters, the index it came from in `text`."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for out in unicodedata.normalize("NFKC", char).lower():
            if out.isspace():
                if not chars or chars[-1] == " ":
                    continue
                out = " "
            chars.append(out)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def language_of(text: str) -> str:
    """`zh` when Chinese characters make up a fair part of the letters, else `en`."""
    cjk = len(_CJK.findall(text))
    latin = len(re.findall(r"[A-Za-z]", text))
    return "zh" if cjk * 3 >= latin else "en"


_SUFFIXES = (
    ("ations", 4),
    ("ation", 4),
    ("ings", 4),
    ("ing", 4),
    ("edly", 4),
    ("ied", 3),
    ("ies", 3),
    ("ed", 4),
    ("ly", 4),
    ("es", 4),
    ("s", 4),
)


@lru_cache(maxsize=200000)
def _zh_words(run: str) -> tuple[str, ...]:
    import jieba

    with _jieba_lock:
        return tuple(jieba.lcut_for_search(run))


def stem(word: str) -> str:
    """A deliberately small English stemmer: plural, -ing, -ed, -ation, -ly."""
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ied", "ies") else base
    return word


def words(text: str) -> list[str]:
    """Every token of the text, stop words included, in order."""
    tokens: list[str] = []
    for run in _RUN.findall(normalise(text)):
        if _CJK.match(run):
            tokens.extend(_zh_words(run))
        else:
            tokens.append(run.removesuffix("'s").strip("'-"))
    return [token for token in tokens if token]


def key_terms(text: str) -> list[str]:
    """Content words: stop words, single Chinese characters and short English words dropped,
    English stemmed; order kept, duplicates removed."""
    return list(_key_terms(text))


@lru_cache(maxsize=100000)
def _key_terms(text: str) -> tuple[str, ...]:
    """Cached: passages recur from question to question."""
    seen: dict[str, None] = {}
    for token in words(text):
        if _CJK.match(token):
            if len(token) < 2 or token in ZH_STOP:
                continue
            seen.setdefault(token, None)
        elif token.isdigit() or token.replace(".", "", 1).isdigit():
            seen.setdefault(token, None)
        elif len(token) > 2 and token not in EN_STOP:
            seen.setdefault(stem(token), None)
    return tuple(seen)


def term_set(texts: Iterable[str]) -> set[str]:
    terms: set[str] = set()
    for text in texts:
        terms.update(key_terms(text))
    return terms


def warm_up() -> None:
    """Load jieba's dictionary now rather than on the first question."""
    _zh_words("个人信息保护")

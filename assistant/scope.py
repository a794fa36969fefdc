"""What a question names that the corpus may not hold.

Three general checks, none tied to a particular question:

- instruments named in the question (《…》 titles, English titles ending in Act, Law,
  Regulation…, standard numbers such as GB/T 35273) are looked up in the catalogue; one that
  is unknown, or known only by name (neither its official text nor a digest of it held), is
  outside the corpus;
- subjects no source in the corpus deals with (tax, wages and social insurance,
  immigration) — kept as a short list of terms, a soft signal;
- questions about operating the product itself rather than about the rules;
- articles the question names that their instrument does not have (`named_articles`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.named_articles import NamedArticle, absent_articles
from assistant.passages import SourceInfo
from assistant.tokens import EN_STOP, PARENTHETICAL, key_terms, main_title, normalise

_ZH_TITLE = re.compile(r"《([^《》]{2,60})》")
_EN_TITLE = re.compile(
    r"((?:(?:[A-Z][\w'’&\-]*|of|on|the|and|for|in)\s+){1,10}?"
    r"(?:Act|Law|Regulations?|Directive|Measures|Provisions|Code|Rules|Standard)s?)\b"
    r"(?:\s+(?:of\s+)?(\d{4}))?"
)
_STANDARD = re.compile(r"\b((?:GB(?:/T|/Z)?|ISO(?:/IEC)?|NIST\s+SP|BS|EN)\s*[\d][\d.\-:/ ]*\d)")
_EN_NOISE = {
    "the",
    "of",
    "on",
    "and",
    "for",
    "in",
    "china",
    "chinese",
    "prc",
    "eu",
    "people",
    "republic",
}
_LEADING = {"under", "does", "according", "per", "is", "are", "can", "do", "did", "what", "which"}
OFF_DOMAIN = (
    "个人所得税",
    "增值税",
    "企业所得税",
    "发票",
    "税务局",
    "计税",
    "纳税",
    "缴税",
    "加班费",
    "工资",
    "最低工资",
    "社保",
    "公积金",
    "工作许可",
    "居留",
    "签证",
    "income tax",
    "vat",
    "invoice",
    "overtime pay",
    "minimum wage",
    "social insurance",
    "work permit",
    "visa",
    "residence permit",
)
PRODUCT = ("consentry",)


@dataclass(frozen=True)
class Instrument:
    name: str
    known: SourceInfo | None

    @property
    def held(self) -> bool:
        return self.known is not None and self.known.grounds


@dataclass(frozen=True)
class ScopeCheck:
    instruments: tuple[Instrument, ...]
    off_domain: tuple[str, ...]
    about_product: bool
    absent: tuple[NamedArticle, ...] = ()

    @property
    def missing(self) -> tuple[Instrument, ...]:
        """Instruments the question asks about whose text the corpus does not hold."""
        return tuple(item for item in self.instruments if not item.held)


def check_scope(question: str, catalog: Sequence[SourceInfo]) -> ScopeCheck:
    names = [*_zh_titles(question), *_en_titles(question), *_STANDARD.findall(question)]
    instruments = tuple(Instrument(name, _lookup(name, catalog)) for name in dict.fromkeys(names))
    text = normalise(question)
    off = tuple(term for term in OFF_DOMAIN if _mentions(text, term))
    product = any(_mentions(text, name) for name in PRODUCT)
    return ScopeCheck(instruments, off, product, tuple(absent_articles(question, catalog)))


def _mentions(text: str, term: str) -> bool:
    if re.search(r"[a-z]", term):
        return re.search(rf"\b{re.escape(term)}\b", text) is not None
    return term in text


def _zh_titles(question: str) -> list[str]:
    return [PARENTHETICAL.sub("", title).strip() for title in _ZH_TITLE.findall(question)]


def _en_titles(question: str) -> list[str]:
    titles = []
    for match in _EN_TITLE.finditer(question):
        words = match.group(1).split()
        while words and (words[0].lower() in EN_STOP or words[0].lower() in _LEADING):
            words.pop(0)
        if len(words) >= 2:
            titles.append(" ".join([*words, *([match.group(2)] if match.group(2) else [])]))
    return titles


def _lookup(name: str, catalog: Sequence[SourceInfo]) -> SourceInfo | None:
    """The catalogue entry a name refers to; an entry holding a text wins a tie."""
    found = [info for info in catalog if any(_same(name, alias) for alias in info.names)]
    exact = [
        info for info in found if any(main_title(alias) == main_title(name) for alias in info.names)
    ]
    ranked = sorted(exact or found, key=lambda info: not info.grounds)
    return ranked[0] if ranked else None


def _same(name: str, alias: str) -> bool:
    wanted, known = main_title(name), main_title(alias)
    if not wanted or not known:
        return False
    if re.search(r"[\u3400-\u9fff]", wanted):
        return wanted in known
    if _STANDARD.fullmatch(name.strip()):
        return re.sub(r"\s", "", wanted) in re.sub(r"\s", "", known)
    terms = [t for t in key_terms(wanted) if t not in _EN_NOISE]
    have = set(key_terms(known))
    return bool(terms) and all(term in have for term in terms)

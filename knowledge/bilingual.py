"""Language views of a bilingual section: its Chinese paragraphs and its English ones.

A digest section carries a Chinese and an English paragraph and a mixed keyword line.
Indexed whole, each language dilutes the other in the embedding; indexed as two views
(headings and the keywords of each language kept with each), a question in either
language meets a passage written in its own.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_KEYWORDS = re.compile(r"^(Keywords|关键词)\s*[:：]\s*", re.IGNORECASE)
_TERM_SPLIT = re.compile(r"\s*[;；]\s*")


def _language(text: str) -> str:
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    return "zh" if cjk * 3 >= latin else "en"


def language_views(text: str) -> dict[str, str] | None:
    """{"zh": …, "en": …} when the text has paragraphs in both languages, else None."""
    views: dict[str, list[str]] = {"zh": [], "en": []}
    content = {"zh": False, "en": False}
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        keywords = _KEYWORDS.match(paragraph)
        if paragraph.lstrip().startswith("#"):
            views["zh"].append(paragraph)
            views["en"].append(paragraph)
        elif keywords:
            terms = [t for t in _TERM_SPLIT.split(paragraph[keywords.end() :].strip()) if t]
            for language in ("zh", "en"):
                chosen = [term for term in terms if _language(term) == language]
                if chosen:
                    views[language].append(f"{keywords.group(1)}: " + "; ".join(chosen))
        else:
            language = _language(paragraph)
            views[language].append(paragraph)
            content[language] = True
    if not all(content.values()):
        return None
    return {language: "\n\n".join(parts) for language, parts in views.items()}

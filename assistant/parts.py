"""The parts of a multi-part question, and the article each part adds to the answer.

A question is cut at its sentence ends (？ ? ； ; 。) and at words that open another part
(另外, 此外, 以及, 同时, "Also"); a part needs two key terms of its own. Each part's articles
are weighed like the whole question's, by the question's key terms in that part alone. A part
adds its best article only when the evidence for it is clear, since a wrong article lowers
the precision of the whole answer: it must carry at least `PART_MATCH` of the part's key-term
weight, lead the part's next best article by `PART_MARGIN` (text and keyword match), and
belong to an instrument the answer already cites. Set on the dev questions, where looser
rules added as many wrong articles as right ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.extractive import ArticleEvidence
from assistant.tokens import key_terms

_CUT = re.compile(r"(?<=[？?；;。])|另外|此外|以及|同时|\bAlso\b", re.IGNORECASE)
PART_MATCH = 0.45
PART_MARGIN = 0.8


def question_parts(question: str) -> list[str]:
    """The parts with two key terms or more; empty when the question has only one."""
    parts = [part.strip() for part in _CUT.split(question)]
    parts = [part for part in parts if len(key_terms(part)) >= 2]
    return parts if len(parts) > 1 else []


def part_articles(
    chosen: Sequence[ArticleEvidence],
    evidence: Sequence[ArticleEvidence],
    parts: Sequence[Sequence[ArticleEvidence]],
) -> list[ArticleEvidence]:
    """The whole question's evidence for each article a part clearly adds to `chosen`."""
    keys = {item.group.key for item in chosen}
    laws = {item.group.citable.law for item in chosen}
    whole = {item.group.key: item for item in evidence}
    added = []
    for part in parts:
        best = _clear_best(part)
        if best is None or best.group.key in keys or best.group.citable.law not in laws:
            continue
        keys.add(best.group.key)
        added.append(whole[best.group.key])
    return added


def _clear_best(part: Sequence[ArticleEvidence]) -> ArticleEvidence | None:
    candidates = [item for item in part if item.group.citable.article is not None]
    candidates = [item for item in candidates if item.group.citable.kind != "policy"]
    ranked = sorted(candidates, key=_match, reverse=True)
    if not ranked or ranked[0].match < PART_MATCH:
        return None
    runner_up = _match(ranked[1]) if len(ranked) > 1 else 0.0
    return ranked[0] if _match(ranked[0]) - runner_up >= PART_MARGIN else None


def _match(item: ArticleEvidence) -> float:
    return item.match + item.keywords

"""Stage 6: the text the caller reads (`Rendered`): the drafted answer, then each named
customer's registry state, then the documents set aside as reading like instructions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.passages import Passage
from assistant.stages.compose import Draft
from assistant.subjects import render_subjects

FLAGGED = {
    "zh": "注意：以下文档含有类似指令的文字，已作为数据对待，未用于回答：",
    "en": "Note: these documents contain text that reads like instructions; "
    "it was treated as data and not used for the answer:",
}


@dataclass(frozen=True)
class Rendered:
    """The whole text the caller reads."""

    draft: Draft
    text: str


def render(draft: Draft) -> Rendered:
    found = draft.selection.judged.found
    language = found.asked.language
    parts = [draft.answer]
    if found.subjects:
        parts.append(render_subjects(found.subjects, language))
    if found.flagged:
        parts.append(render_flagged(found.flagged, language))
    return Rendered(draft, "\n\n".join(parts))


def render_flagged(passages: Sequence[Passage], language: str) -> str:
    names = sorted({f"{p.title} ({p.source})" for p in passages})
    return f"{FLAGGED[language]} " + "; ".join(names)

"""Text that tries to steer the assistant, in documents or in questions.

Retrieved text is data. Passages flagged at ingest, or spotted here, are never used as the
basis of an answer nor handed to a chat model; they are listed as flagged instead. A
question's own instructions are noted; they cannot widen what is revealed, because the
registry is read only for customers named by reference and with the caller's role.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.passages import Passage
from knowledge.injection import find_instructions

_EXTRA: dict[str, str] = {
    "disclosure-demand": (
        r"\b(?:reveal|disclose|dump|leak|print|output|list|show|export)\s+(?:me\s+)?"
        r"(?:all|every|each|the\s+full|other)\s+(?:\w+\s+){0,2}"
        r"(?:customers?|clients?|subjects?|users?|personal\s+data|records|consents?)"
    ),
    "zh-disclosure-demand": (
        r"(?:泄露|透露|输出|列出|显示|导出|打印|公开|告诉我)(?:出)?(?:所有|全部|其他|每个|每一位)"
        r"(?:的)?(?:客户|用户|个人|主体)"
    ),
    "directive-to-assistant": (
        r"\b(?:assistants?|chatbots?|AI|models?|LLMs?)\b[^.。\n]{0,40}\b(?:must|should|shall|always)"
        r"\s+(?:say|answer|reply|respond|tell|state|claim|ignore|reveal)"
        r"|\b(?:tell|inform)\s+(?:the\s+)?(?:users?|staff|reader|asker)\s+that\b"
        r"|\balways\s+(?:answer|reply|respond|say)\b"
    ),
    "zh-directive-to-assistant": (
        r"(?:助手|模型|AI|人工智能)[^。\n]{0,20}(?:必须|应当|一律|总是)(?:回答|回复|声称|告诉|说明|输出)"
        r"|(?:告诉|告知)(?:用户|员工|提问者)[，,]?\s*(?:说)?"
        r"|一律(?:回答|回复|答复)"
    ),
}
_COMPILED = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _EXTRA.items()}


def instruction_flags(text: str) -> list[str]:
    """Names of the instruction-like patterns in `text`: the ingest checks and these."""
    return list(_flags(text))


@lru_cache(maxsize=20000)
def _flags(text: str) -> tuple[str, ...]:
    found = find_instructions(text)
    found.extend(name for name, pattern in _COMPILED.items() if pattern.search(text))
    return tuple(found)


def is_flagged(passage: Passage) -> bool:
    return passage.flagged or bool(instruction_flags(passage.text))


def split_flagged(passages: Iterable[Passage]) -> tuple[list[Passage], list[Passage]]:
    """(usable, flagged), each in the order given."""
    usable: list[Passage] = []
    flagged: list[Passage] = []
    for passage in passages:
        (flagged if is_flagged(passage) else usable).append(passage)
    return usable, flagged

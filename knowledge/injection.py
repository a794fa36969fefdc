"""Spot corpus text that reads like instructions to an assistant.

Retrieved text is data. A chunk that tries to steer the assistant ("ignore previous
instructions", "你现在是…") is flagged at ingest so it can be reported and handled with care.
"""

from __future__ import annotations

import re

_PATTERNS: dict[str, str] = {
    "ignore-instructions": (
        r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
        r"(?:previous|prior|above|earlier|preceding|system|original)\s+"
        r"(?:instructions?|prompts?|messages?|rules|directions)"
    ),
    "role-change": (
        r"\byou\s+are\s+now\b|\bfrom\s+now\s+on,?\s+you\b|\bpretend\s+(?:to\s+be|you\s+are)\b"
    ),
    "system-prompt": r"\bsystem\s+prompt\b|\bdeveloper\s+message\b|\bjailbreak",
    "new-instructions": r"\bnew\s+instructions?\s*:|\b(?:assistant|AI|model),?\s+you\s+must\b",
    "zh-ignore-instructions": (
        r"(?:忽略|无视|忘记|忘掉|不要理会)(?:掉)?(?:以上|之前|前面|上面|上述|先前|此前|所有|全部)"
        r"(?:的)?(?:所有|全部)?(?:的)?(?:指令|指示|提示|规则|要求|设定)"
    ),
    "zh-role-change": r"你现在是|从现在(?:开始|起)[，,]?\s*你|现在开始扮演|请扮演",
    "zh-system-prompt": r"系统提示词?|系统指令|越狱",
}
_COMPILED = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _PATTERNS.items()}


def find_instructions(text: str) -> list[str]:
    """Names of the instruction-like patterns found in `text` (empty when none)."""
    return [name for name, pattern in _COMPILED.items() if pattern.search(text)]

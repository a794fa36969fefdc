"""Cut long text into parts at paragraph, then sentence boundaries."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+")
_SENTENCE_END = re.compile(r"(?<=[。；！？;!?])|(?<=\.)\s+")


def estimate_tokens(text: str) -> int:
    """A cheap stand-in for the model's tokenizer: a CJK character or 3/4 of a word each."""
    return len(_CJK.findall(text)) + (len(_WORD.findall(text)) * 4) // 3


def split_to_size(text: str, max_tokens: int) -> list[str]:
    """Greedily pack paragraphs into parts of at most `max_tokens` (estimated)."""
    if estimate_tokens(text) <= max_tokens:
        return [text]
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        if paragraph.strip():
            pieces.extend(_split_paragraph(paragraph.strip("\n"), max_tokens))
    return _pack(pieces, max_tokens, "\n\n")


def _split_paragraph(paragraph: str, max_tokens: int) -> list[str]:
    if estimate_tokens(paragraph) <= max_tokens:
        return [paragraph]
    sentences = [s for s in _SENTENCE_END.split(paragraph) if s and s.strip()]
    if len(sentences) > 1:
        return _pack(sentences, max_tokens, "")
    step = max(1, len(paragraph) * max_tokens // estimate_tokens(paragraph))
    return [paragraph[start : start + step] for start in range(0, len(paragraph), step)]


def _pack(pieces: list[str], max_tokens: int, joiner: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    for piece in pieces:
        candidate = joiner.join([*current, piece])
        if current and estimate_tokens(candidate) > max_tokens:
            parts.append(joiner.join(current))
            current = [piece]
        else:
            current.append(piece)
    if current:
        parts.append(joiner.join(current))
    return parts

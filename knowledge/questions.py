"""Evaluation questions (JSON Lines) with their gold articles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.errors import QuestionsFileError


@dataclass(frozen=True)
class Question:
    id: str
    lang: str
    kind: str
    question: str
    gold: tuple[tuple[str, int], ...]


def load_questions(path: Path) -> list[Question]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise QuestionsFileError(path, 0, "file", str(error)) from None
    return [_question(path, n, line) for n, line in enumerate(lines, start=1) if line.strip()]


def _question(path: Path, number: int, line: str) -> Question:
    def fail(field: str, reason: str) -> QuestionsFileError:
        return QuestionsFileError(path, number, field, reason)

    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise fail("line", f"invalid JSON: {error.msg}") from None
    if not isinstance(row, dict):
        raise fail("line", "must be a JSON object")
    values = {name: _text(row, name, fail) for name in ("id", "lang", "kind", "question")}
    gold = row.get("gold")
    if not isinstance(gold, list) or not gold:
        raise fail("gold", "must be a non-empty list")
    return Question(
        **values, gold=tuple(_gold(item, index, fail) for index, item in enumerate(gold))
    )


def _text(row: dict[str, Any], name: str, fail: Any) -> str:
    value = row.get(name)
    if not isinstance(value, str) or not value.strip():
        raise fail(name, "missing or not text")
    return value


def _gold(item: Any, index: int, fail: Any) -> tuple[str, int]:
    if not isinstance(item, dict):
        raise fail(f"gold[{index}]", "must be an object with file and article")
    file, article = item.get("file"), item.get("article")
    if not isinstance(file, str) or not file:
        raise fail(f"gold[{index}].file", "missing or not text")
    if not isinstance(article, int) or isinstance(article, bool):
        raise fail(f"gold[{index}].article", "must be an integer")
    return file, article

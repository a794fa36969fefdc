"""The evaluation files: in-scope questions with gold articles and answer points, and
out-of-scope questions (JSON Lines; see ../shared/eval/README.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import EvaluationFileError


@dataclass(frozen=True)
class InScopeQuestion:
    id: str
    lang: str
    kind: str
    question: str
    gold: tuple[tuple[str, int], ...]
    answer_points: tuple[str, ...]


@dataclass(frozen=True)
class OutOfScopeQuestion:
    id: str
    lang: str
    question: str


def load_in_scope(path: Path) -> list[InScopeQuestion]:
    """Questions, gold articles and answer points; id, lang, kind, question and gold are read
    by the knowledge package's loader (raising its `QuestionsFileError`)."""
    from knowledge.questions import load_questions

    base = load_questions(path)
    points = [_points(row, fail) for row, fail in _rows(path)]
    return [
        InScopeQuestion(q.id, q.lang, q.kind, q.question, q.gold, p)
        for q, p in zip(base, points, strict=True)
    ]


def load_out_of_scope(path: Path) -> list[OutOfScopeQuestion]:
    rows = _rows(path)
    return [
        OutOfScopeQuestion(*(_text(row, name, fail) for name in ("id", "lang", "question")))
        for row, fail in rows
    ]


Fail = Callable[[str, str], EvaluationFileError]


def _rows(path: Path) -> list[tuple[dict[str, Any], Fail]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise EvaluationFileError(path, 0, "file", str(error)) from None
    rows: list[tuple[dict[str, Any], Fail]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue

        def fail(field: str, reason: str, number: int = number) -> EvaluationFileError:
            return EvaluationFileError(path, number, field, reason)

        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise fail("line", f"invalid JSON: {error.msg}") from None
        if not isinstance(row, dict):
            raise fail("line", "must be a JSON object")
        rows.append((row, fail))
    return rows


def _points(row: dict[str, Any], fail: Fail) -> tuple[str, ...]:
    points = row.get("answer_points")
    if not isinstance(points, list) or not all(isinstance(p, str) and p for p in points):
        raise fail("answer_points", "must be a list of text")
    return tuple(points)


def _text(row: dict[str, Any], name: str, fail: Fail) -> str:
    value = row.get(name)
    if not isinstance(value, str) or not value.strip():
        raise fail(name, "missing or not text")
    return value

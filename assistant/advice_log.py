"""The advice log: every answer given, so compliance can review what staff were told.

Kept in the service database (`execute` with `?` placeholders, SQLite or PostgreSQL).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

ADVICE_SCHEMA = """
CREATE TABLE IF NOT EXISTS assistant_advice_log (
    advice_id TEXT PRIMARY KEY,
    at TEXT NOT NULL,
    key_id TEXT NOT NULL,
    role TEXT NOT NULL,
    label TEXT NOT NULL,
    question TEXT NOT NULL,
    mode TEXT NOT NULL,
    refused INTEGER NOT NULL,
    cited TEXT NOT NULL,
    index_version TEXT NOT NULL,
    session_id TEXT
)
"""
_COLUMNS = (
    "advice_id, at, key_id, role, label, question, mode, refused, cited, index_version, session_id"
)
_PLACES = ", ".join("?" * 11)


class SqlExecutor(Protocol):
    """The part of the service database the log needs."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...


@dataclass(frozen=True)
class AdviceEntry:
    advice_id: str
    at: str
    key_id: str
    role: str
    label: str
    question: str
    mode: str
    refused: bool
    cited: tuple[str, ...]
    index_version: str
    session_id: str | None

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "cited": list(self.cited)}


class AdviceLog:
    def __init__(self, db: SqlExecutor) -> None:
        self.db = db
        db.execute(ADVICE_SCHEMA)

    def record(
        self,
        *,
        key_id: str,
        role: str,
        label: str,
        question: str,
        mode: str,
        refused: bool,
        cited: Sequence[str],
        index_version: str,
        session_id: str | None,
    ) -> AdviceEntry:
        entry = AdviceEntry(
            uuid.uuid4().hex,
            datetime.now(UTC).isoformat(),
            key_id,
            str(role),
            label,
            question,
            mode,
            refused,
            tuple(cited),
            index_version,
            session_id,
        )
        self.db.execute(
            f"INSERT INTO assistant_advice_log ({_COLUMNS}) VALUES ({_PLACES})",
            (
                entry.advice_id,
                entry.at,
                entry.key_id,
                entry.role,
                entry.label,
                entry.question,
                entry.mode,
                int(entry.refused),
                json.dumps(list(entry.cited), ensure_ascii=False),
                entry.index_version,
                entry.session_id,
            ),
        )
        return entry

    def entries(
        self, limit: int = 100, offset: int = 0, key_id: str | None = None
    ) -> list[AdviceEntry]:
        where, params = ("WHERE key_id = ?", [key_id]) if key_id else ("", [])
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM assistant_advice_log {where} "
            "ORDER BY at DESC, advice_id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [_entry(row) for row in rows]


def _entry(row: Sequence[Any]) -> AdviceEntry:
    values = list(row)
    values[7] = bool(values[7])
    values[8] = tuple(json.loads(values[8]))
    return AdviceEntry(*values)

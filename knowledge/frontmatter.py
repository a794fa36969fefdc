"""YAML front matter: split it from the body and read typed fields with clear errors."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from knowledge.errors import DocumentError

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_CODE = re.compile(r"^[A-Z]{2,3}$")


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """Return (front matter, body); the body keeps its own line breaks."""
    text = text.removeprefix("\ufeff")
    match = _FENCE.match(text)
    if match is None:
        raise DocumentError(path, "front matter", "missing: the file must start with a --- block")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        raise DocumentError(path, "front matter", f"invalid YAML: {error}") from None
    if not isinstance(data, dict):
        raise DocumentError(path, "front matter", "must be a mapping of fields")
    return data, text[match.end() :]


class Fields:
    """Typed access to one file's front matter; every failure names the field."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def text(self, name: str) -> str:
        value = self.optional_text(name)
        if value is None:
            raise DocumentError(self.path, name, "missing")
        return value

    def optional_text(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise DocumentError(self.path, name, f"must be text, got {type(value).__name__}")
        text = str(value).strip()
        return text or None

    def date(self, name: str) -> dt.date:
        value = self.optional_date(name)
        if value is None:
            raise DocumentError(self.path, name, "missing")
        return value

    def optional_date(self, name: str) -> dt.date | None:
        return parse_date(
            self.data.get(name), lambda reason: DocumentError(self.path, name, reason)
        )

    def jurisdiction(self, name: str = "jurisdiction") -> str:
        value = self.text(name)
        if not _CODE.match(value):
            raise DocumentError(self.path, name, f"must be a code such as CN or EU, got {value!r}")
        return value


def parse_date(value: Any, error: Any) -> dt.date | None:
    """A YAML date, or an ISO `YYYY-MM-DD` string; `error(reason)` builds the exception."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise error(f"must be a date YYYY-MM-DD, got {value!r}")

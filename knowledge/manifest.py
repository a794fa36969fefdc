"""The manifest of official sources (`knowledge/manifest.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from knowledge.errors import ManifestError
from knowledge.frontmatter import parse_date
from knowledge.settings import PACKAGE_DIR

DEFAULT_MANIFEST = PACKAGE_DIR / "manifest.yaml"


@dataclass(frozen=True)
class SourceEntry:
    """One official source: where its text lives, when it applies, how many articles it has
    (numbered 1 to `articles`; None when unknown)."""

    id: str
    file: str | None = None
    title: str | None = None
    title_en: str | None = None
    law: str | None = None
    issuer: str | None = None
    kind: str | None = None
    jurisdiction: str | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    official_url: str | None = None
    format: str | None = None
    # Not part of what is indexed, so left out of the repr that a document's hash covers.
    articles: int | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Manifest:
    entries: tuple[SourceEntry, ...] = ()

    def by_id(self, source_id: str) -> SourceEntry | None:
        return next((entry for entry in self.entries if entry.id == source_id), None)

    def by_file(self, file_name: str) -> SourceEntry | None:
        return next((entry for entry in self.entries if entry.file == file_name), None)


_TEXT_FIELDS = (
    "title",
    "title_en",
    "law",
    "issuer",
    "kind",
    "jurisdiction",
    "official_url",
    "format",
)


def load_manifest(path: Path | None = None) -> Manifest:
    """Read the manifest; an absent file is an empty manifest."""
    path = path or DEFAULT_MANIFEST
    if not path.is_file():
        return Manifest()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ManifestError(path, "manifest", f"invalid YAML: {error}") from None
    rows = data.get("sources") if isinstance(data, dict) else data
    if rows is None:
        return Manifest()
    if not isinstance(rows, list):
        raise ManifestError(path, "sources", "must be a list of sources")
    return Manifest(tuple(_entry(path, index, row) for index, row in enumerate(rows)))


def _entry(path: Path, index: int, row: Any) -> SourceEntry:
    where = f"sources[{index}]"
    if not isinstance(row, dict):
        raise ManifestError(path, where, "must be a mapping")
    source_id = row.get("id")
    if not isinstance(source_id, str) or not source_id.strip():
        raise ManifestError(path, f"{where}.id", "missing")

    def text(name: str) -> str | None:
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            raise ManifestError(path, f"{where}.{name}", "must be text")
        return value or None

    def when(name: str) -> date | None:
        return parse_date(
            row.get(name), lambda reason: ManifestError(path, f"{where}.{name}", reason)
        )

    articles = row.get("articles")
    if articles is not None and (
        not isinstance(articles, int) or isinstance(articles, bool) or articles < 1
    ):
        raise ManifestError(path, f"{where}.articles", "must be a whole number of at least 1")
    values = {name: text(name) for name in _TEXT_FIELDS}
    return SourceEntry(
        id=source_id.strip(),
        file=text("file"),
        effective_from=when("effective_from"),
        effective_to=when("effective_to"),
        articles=articles,
        **values,
    )

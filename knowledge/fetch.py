"""Download the official texts named in the manifest and store them as front-matter Markdown.

Each page is converted (`htmltext`), checked to contain articles, and written atomically
under its manifest file name; a page that fails leaves any earlier copy untouched.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import yaml

from knowledge.articles import split_articles
from knowledge.errors import FetchError
from knowledge.htmltext import html_to_markdown
from knowledge.manifest import Manifest, SourceEntry
from knowledge.segments import ARTICLE

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
USER_AGENT = "consentry-knowledge-fetch/0.1"


@dataclass(frozen=True)
class FetchResult:
    source_id: str
    url: str
    path: Path | None
    articles: int = 0
    error: str | None = None


def fetch_sources(
    manifest: Manifest, dest: Path, *, only: Iterable[str] = (), timeout_s: float = 30.0
) -> list[FetchResult]:
    wanted = set(only)
    entries = [e for e in manifest.entries if e.official_url and e.file]
    entries = [e for e in entries if not wanted or e.id in wanted]
    dest.mkdir(parents=True, exist_ok=True)
    headers = {"User-Agent": USER_AGENT}
    with httpx.Client(timeout=timeout_s, follow_redirects=True, headers=headers) as client:
        return [_fetch_one(client, entry, dest) for entry in entries]


def _fetch_one(client: httpx.Client, entry: SourceEntry, dest: Path) -> FetchResult:
    url = str(entry.official_url)
    if entry.format not in (None, "html"):
        return FetchResult(
            entry.id, url, None, error=f"only HTML pages are converted, not {entry.format}"
        )
    try:
        page_title, body = html_to_markdown(_download(client, url))
        articles = sum(segment.role == ARTICLE for segment in split_articles(body))
        if not articles:
            raise FetchError(url, "no articles (第X条 / Article N) found in the page")
        path = dest / str(entry.file)
        _write_atomically(path, _front_matter(entry, page_title) + "\n" + body)
    except FetchError as error:
        return FetchResult(entry.id, url, None, error=error.reason)
    return FetchResult(entry.id, url, path, articles)


def _download(client: httpx.Client, url: str) -> str:
    try:
        response = client.get(url)
    except httpx.HTTPError as error:
        raise FetchError(url, f"request failed: {error}") from None
    if response.status_code != 200:
        raise FetchError(url, f"HTTP {response.status_code}")
    return response.content.decode(_charset(response), errors="replace")


def _charset(response: httpx.Response) -> str:
    declared = response.charset_encoding
    if declared:
        return declared
    match = _META_CHARSET.search(response.content[:4096])
    return match.group(1).decode("ascii") if match else "utf-8"


def _front_matter(entry: SourceEntry, page_title: str) -> str:
    fields: dict[str, Any] = {
        "title": entry.title or page_title or entry.id,
        "title_en": entry.title_en,
        "issuer": entry.issuer,
        "effective": entry.effective_from and entry.effective_from.isoformat(),
        "effective_to": entry.effective_to and entry.effective_to.isoformat(),
        "jurisdiction": entry.jurisdiction,
        "official_url": entry.official_url,
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    present = {key: value for key, value in fields.items() if value}
    return "---\n" + yaml.safe_dump(present, allow_unicode=True, sort_keys=False) + "---\n"


def _write_atomically(path: Path, text: str) -> None:
    staging = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    staging.write_text(text, encoding="utf-8")
    os.replace(staging, path)

"""Corpus documents: Markdown files with front matter, read into `SourceDocument` records.

Three shapes share one record: official texts (no `kind` field; the file stem is the source
id), article digests (`kind: digest`) and company policies (`kind: policy`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from knowledge.errors import DocumentError
from knowledge.frontmatter import Fields, split_front_matter
from knowledge.manifest import Manifest, SourceEntry

OFFICIAL_KINDS = ("law", "regulation")
AUTHORED_KINDS = ("digest", "policy")
LANGUAGES = ("zh", "en", "zh-en")
# Bump when chunking or metadata changes, so that ingest re-embeds every document.
FORMAT_VERSION = "1"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z]{1,9})\)")


@dataclass(frozen=True)
class SourceDocument:
    """One corpus file.

    `source_file` names the official text's file (for a digest: the text it digests; None when
    the corpus has none); `citation_file` is what citations point at: that file, else the
    source id (digests) or the file itself (policies).
    """

    path: Path
    doc_id: str
    kind: str
    source_id: str
    file: str
    source_file: str | None
    citation_file: str
    title: str
    law: str
    jurisdiction: str
    language: str
    effective_from: date | None
    effective_to: date | None
    official_url: str | None
    body: str
    content_hash: str

    @property
    def is_official(self) -> bool:
        return self.kind in OFFICIAL_KINDS


def read_document(path: Path, relative_name: str, manifest: Manifest) -> SourceDocument:
    """Read one file; `relative_name` is its name relative to the corpus folder."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(path, "file", f"cannot be read as UTF-8: {error}") from None
    data, body = split_front_matter(path, text)
    fields = Fields(path, data)
    kind = fields.optional_text("kind")
    if kind is None:
        entry = manifest.by_file(path.name) or manifest.by_id(path.stem)
        return _official(fields, relative_name, body, _hash(raw, entry), entry)
    if kind not in AUTHORED_KINDS:
        raise DocumentError(path, "kind", f"must be one of {', '.join(AUTHORED_KINDS)}")
    return _authored(fields, kind, relative_name, body, _hash(raw, None))


def _official(
    fields: Fields, name: str, body: str, digest: str, entry: SourceEntry | None
) -> SourceDocument:
    path = fields.path
    title = fields.text("title")
    effective_from = (entry and entry.effective_from) or fields.date("effective")
    effective_to = (entry and entry.effective_to) or fields.optional_date("effective_to")
    return SourceDocument(
        path=path,
        doc_id=path.stem,
        kind=(entry and entry.kind) or _official_kind(fields.optional_text("issuer")),
        source_id=path.stem,
        file=name,
        source_file=path.name,
        citation_file=path.name,
        title=title,
        law=(entry and entry.law) or _short_name(fields.optional_text("title_en"), title),
        jurisdiction=fields.jurisdiction(),
        language=_language(fields, body),
        effective_from=effective_from,
        effective_to=effective_to,
        official_url=(entry and entry.official_url) or fields.optional_text("official_url"),
        body=body,
        content_hash=digest,
    )


def _authored(fields: Fields, kind: str, name: str, body: str, digest: str) -> SourceDocument:
    doc_id = fields.text("id")
    language = _language(fields, body)
    source_file = None
    if kind == "digest":
        source_id = fields.text("source")
        source_file = fields.optional_text("source_file")
        citation_file = source_file or source_id
        law = fields.text("law")
        effective_from: date | None = fields.date("effective_from")
    else:
        source_id, citation_file = doc_id, name
        law = fields.text("title")
        effective_from = fields.optional_date("effective_from")
    return SourceDocument(
        path=fields.path,
        doc_id=doc_id if kind == "digest" else f"{doc_id}.{language}",
        kind=kind,
        source_id=source_id,
        file=name,
        source_file=source_file,
        citation_file=citation_file,
        title=fields.text("title"),
        law=law,
        jurisdiction=fields.jurisdiction(),
        language=language,
        effective_from=effective_from,
        effective_to=fields.optional_date("effective_to"),
        official_url=fields.optional_text("official_url"),
        body=body,
        content_hash=digest,
    )


def _official_kind(issuer: str | None) -> str:
    primary = ("人民代表大会", "European Parliament")
    return "law" if issuer and any(word in issuer for word in primary) else "regulation"


def _short_name(title_en: str | None, title: str) -> str:
    match = _ABBREVIATION.search(title_en or "")
    return match.group(1) if match else title


def _language(fields: Fields, body: str) -> str:
    declared = fields.optional_text("language")
    if declared is None:
        sample = body[:4000]
        return "zh" if len(_CJK.findall(sample)) > len(sample) * 0.2 else "en"
    if declared not in LANGUAGES:
        raise DocumentError(fields.path, "language", f"must be one of {', '.join(LANGUAGES)}")
    return declared


def _hash(raw: bytes, entry: SourceEntry | None) -> str:
    digest = hashlib.sha256(raw)
    digest.update(f"|{FORMAT_VERSION}|{entry!r}".encode())
    return digest.hexdigest()[:32]

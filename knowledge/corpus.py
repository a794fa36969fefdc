"""Find and read every corpus file under the configured folders."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from knowledge.documents import SourceDocument, read_document
from knowledge.errors import DocumentError, DuplicateDocumentError
from knowledge.manifest import Manifest


def discover(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """Yield (file, name relative to its folder) for every corpus Markdown file.

    Documentation files with upper-case stems (README.md, SOURCES.md) are not corpus.
    """
    for root in paths:
        if root.is_file():
            yield root, root.name
            continue
        if not root.is_dir():
            raise DocumentError(root, "path", "does not exist")
        for path in sorted(root.rglob("*.md")):
            relative = path.relative_to(root)
            hidden = any(part.startswith((".", "_")) for part in relative.parts)
            if not hidden and not path.stem.split(".")[0].isupper():
                yield path, relative.as_posix()


def load_corpus(paths: Iterable[Path], manifest: Manifest) -> list[SourceDocument]:
    """Read all documents; official texts take their short law name from their digest."""
    documents: dict[str, SourceDocument] = {}
    for path, name in discover(paths):
        document = read_document(path, name, manifest)
        if document.doc_id in documents:
            raise DuplicateDocumentError(document.doc_id, (documents[document.doc_id].path, path))
        documents[document.doc_id] = document
    names = {d.citation_file: d.law for d in documents.values() if d.kind == "digest"}
    return [_with_law(d, names, manifest) for d in documents.values()]


def _with_law(
    document: SourceDocument, names: dict[str, str], manifest: Manifest
) -> SourceDocument:
    entry = manifest.by_file(document.citation_file) or manifest.by_id(document.source_id)
    if not document.is_official or (entry and entry.law) or document.citation_file not in names:
        return document
    law = names[document.citation_file]
    digest = hashlib.sha256(f"{document.content_hash}|{law}".encode()).hexdigest()[:32]
    return dataclasses.replace(document, law=law, content_hash=digest)

"""Errors of the knowledge package.

Every error carries the fields that locate the problem::

    KnowledgeError                 base
    ├── FileFieldError             a field of a file is wrong; `.path`, `.field`, `.reason`
    │   ├── DocumentError          a corpus file cannot be used
    │   └── ManifestError          manifest.yaml is malformed
    ├── DuplicateDocumentError     two files claim one document id; `.doc_id`, `.paths`
    ├── IndexLockedError           another writer holds the index; `.lock_path`, `.holder`
    ├── IndexNotBuiltError         a query ran before any ingest; `.location`
    ├── IndexModelError            the index was embedded by another model; `.location`,
    │                              `.model`, `.wanted`
    ├── EmbeddingError             the embeddings endpoint failed; `.url`, `.reason`
    ├── FetchError                 an official text could not be downloaded; `.url`, `.reason`
    └── QuestionsFileError         an evaluation file is malformed; `.path`, `.line`, `.field`
"""

from __future__ import annotations

from pathlib import Path


class KnowledgeError(Exception):
    """Base of every error raised by the knowledge package."""


class FileFieldError(KnowledgeError):
    """A field of a file is missing or invalid."""

    def __init__(self, path: Path, field: str, reason: str) -> None:
        super().__init__(f"{path}: {field}: {reason}")
        self.path = path
        self.field = field
        self.reason = reason


class DocumentError(FileFieldError):
    """A corpus file has missing or invalid front matter, or cannot be read."""


class DuplicateDocumentError(KnowledgeError):
    """Two files in the corpus carry the same document id."""

    def __init__(self, doc_id: str, paths: tuple[Path, Path]) -> None:
        super().__init__(f"document id {doc_id!r} is used by both {paths[0]} and {paths[1]}")
        self.doc_id = doc_id
        self.paths = paths


class ManifestError(FileFieldError):
    """The manifest of official sources is malformed."""


class IndexLockedError(KnowledgeError):
    """Another process is writing the same embedded index."""

    def __init__(self, lock_path: Path, holder: str) -> None:
        super().__init__(
            f"the index at {lock_path.parent} is being written by another process ({holder}); "
            "wait for it to finish, or use a Chroma server (CONSENTRY_CHROMA_URL)"
        )
        self.lock_path = lock_path
        self.holder = holder


class IndexNotBuiltError(KnowledgeError):
    """Retrieval was asked for before anything was ingested."""

    def __init__(self, location: str) -> None:
        super().__init__(f"no knowledge index at {location}; run `consentry knowledge ingest`")
        self.location = location


class IndexModelError(KnowledgeError):
    """The index holds vectors of another embedding model than the one configured."""

    def __init__(self, location: str, model: str | None, wanted: str) -> None:
        super().__init__(
            f"the knowledge index at {location} was embedded by {model}, not {wanted}; "
            "run `consentry knowledge ingest` to rebuild it"
        )
        self.location = location
        self.model = model
        self.wanted = wanted


class EmbeddingError(KnowledgeError):
    """The embeddings endpoint answered with an error or an unexpected body."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"embeddings endpoint {url}: {reason}")
        self.url = url
        self.reason = reason


class FetchError(KnowledgeError):
    """An official text could not be downloaded or converted."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


class QuestionsFileError(KnowledgeError):
    """A line of an evaluation questions file is malformed."""

    def __init__(self, path: Path, line: int, field: str, reason: str) -> None:
        super().__init__(f"{path}:{line}: {field}: {reason}")
        self.path = path
        self.line = line
        self.field = field
        self.reason = reason

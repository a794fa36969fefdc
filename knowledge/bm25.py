"""The keyword index: BM25 (`bm25s`) over `tokens.tokenize`, saved beside the vectors."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from knowledge.tokens import tokenize

_ROWS = "chunks.jsonl"
_STATE = "state.json"


@dataclass(frozen=True)
class IndexedChunk:
    """What the keyword index (and retrieval) keeps of a chunk."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]

    @property
    def indexed_text(self) -> str:
        return f"{self.metadata.get('heading', '')}\n{self.text}"


def fingerprint(rows: Iterable[tuple[str, object]]) -> str:
    """Identifies a set of (chunk id, document hash) pairs, whatever their order."""
    digest = hashlib.sha256()
    for chunk_id, doc_hash in sorted((str(a), str(b)) for a, b in rows):
        digest.update(f"{chunk_id}\t{doc_hash}\n".encode())
    return digest.hexdigest()[:32]


class Bm25Index:
    def __init__(self, chunks: Sequence[IndexedChunk], model: bm25s.BM25, print_: str) -> None:
        self.chunks = list(chunks)
        self.model = model
        self.fingerprint = print_

    @classmethod
    def build(cls, chunks: Sequence[IndexedChunk]) -> Bm25Index:
        model = bm25s.BM25()
        if chunks:
            model.index([tokenize(chunk.indexed_text) for chunk in chunks], show_progress=False)
        rows = ((chunk.chunk_id, chunk.metadata.get("doc_hash")) for chunk in chunks)
        return cls(chunks, model, fingerprint(rows))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk, in `chunks` order."""
        tokens = [token for token in tokenize(query) if token in self.model.vocab_dict]
        if not tokens or not self.chunks:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.model.get_scores(tokens), dtype=np.float32)

    def save(self, folder: Path) -> None:
        """Write to a sibling folder, then swap it in, so readers never see half an index."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = folder.with_name(f"{folder.name}.tmp-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        if self.chunks:
            self.model.save(str(staging), show_progress=False)
        with (staging / _ROWS).open("w", encoding="utf-8") as out:
            for chunk in self.chunks:
                row = {"id": chunk.chunk_id, "text": chunk.text, "metadata": chunk.metadata}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        (staging / _STATE).write_text(json.dumps({"fingerprint": self.fingerprint}))
        retired = folder.with_name(f"{folder.name}.old-{os.getpid()}")
        if folder.exists():
            folder.rename(retired)
        staging.rename(folder)
        shutil.rmtree(retired, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> Bm25Index | None:
        """The saved index, or None when there is none."""
        state = folder / _STATE
        if not state.is_file():
            return None
        with (folder / _ROWS).open(encoding="utf-8") as rows:
            chunks = [
                IndexedChunk(r["id"], r["text"], r["metadata"]) for r in map(json.loads, rows)
            ]
        model = bm25s.BM25.load(str(folder), show_progress=False) if chunks else bm25s.BM25()
        return cls(chunks, model, json.loads(state.read_text())["fingerprint"])

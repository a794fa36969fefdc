"""Subject keys, wrapped by a key derived from the master key, in a table of their own.

`ensure(ids)` creates the keys of new subjects in one transaction before their events are
stored; `key(id)` unwraps (cached briefly, so an erasure elsewhere takes effect within
`CACHE_SECONDS`); `erase(id)` destroys the key for good and reports whether one existed.
"""

from __future__ import annotations

import base64
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import UUID

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from registry.privacy.errors import MasterKeyError
from registry.privacy.keys import MasterKey
from registry.servicedb import ServiceDatabase

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS privacy_subject_keys ("
    " subject_id TEXT PRIMARY KEY, wrapped TEXT, created_at TEXT NOT NULL, erased_at TEXT)",
    "CREATE TABLE IF NOT EXISTS privacy_key_check (id INTEGER PRIMARY KEY, proof TEXT NOT NULL)",
)
CACHE_SECONDS = 5.0
CACHE_SIZE = 50_000
LOOKUP_BATCH = 500
PROOF_TEXT = b"consentry master key check"


class SubjectKeyStore:
    def __init__(self, db: ServiceDatabase, master: MasterKey) -> None:
        self.db = db
        self.master = master
        self._wrap = AESGCM(master.derive("consentry subject-key wrapping"))
        self._cache: OrderedDict[UUID, tuple[float, bytes | None]] = OrderedDict()
        self._lock = threading.Lock()
        for statement in SCHEMA:
            db.execute(statement)
        self._check_master_key()

    def _check_master_key(self) -> None:
        """The first key this store saw is remembered as a proof; another key is refused."""
        proof = self._wrap.encrypt(b"\x00" * 12, PROOF_TEXT, b"proof").hex()
        self.db.execute(
            "INSERT INTO privacy_key_check (id, proof) VALUES (1, ?) ON CONFLICT DO NOTHING",
            (proof,),
        )
        (stored,) = self.db.execute("SELECT proof FROM privacy_key_check WHERE id = 1")[0]
        if stored != proof:
            raise MasterKeyError(self.master.source, "not the key this store was written with")

    def ensure(self, subject_ids: Iterable[UUID]) -> None:
        wanted = [i for i in dict.fromkeys(subject_ids) if not self._cached(i)]
        if not wanted:
            return
        known = self._load(wanted)
        missing = [i for i in wanted if i not in known]
        if missing:
            now = datetime.now(UTC).isoformat()
            fresh = {i: AESGCM.generate_key(256) for i in missing}
            self.db.execute_many(
                "INSERT INTO privacy_subject_keys (subject_id, wrapped, created_at)"
                " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(str(i), self._wrapped(i, key), now) for i, key in fresh.items()],
            )
            # Another writer may have created some of them first: read back what won.
            known.update(self._load(missing))

    def key(self, subject_id: UUID) -> bytes | None:
        """The subject's key, or None when it was erased (or never created)."""
        cached = self._cached(subject_id)
        if cached is not None:
            return cached[1]
        return self._load([subject_id]).get(subject_id)

    def erase(self, subject_id: UUID) -> bool:
        rows = self.db.execute(
            "UPDATE privacy_subject_keys SET wrapped = NULL, erased_at = ?"
            " WHERE subject_id = ? AND wrapped IS NOT NULL RETURNING subject_id",
            (datetime.now(UTC).isoformat(), str(subject_id)),
        )
        self.db.scrub()
        with self._lock:
            self._cache[subject_id] = (time.monotonic(), None)
        return bool(rows)

    def _cached(self, subject_id: UUID) -> tuple[float, bytes | None] | None:
        with self._lock:
            entry = self._cache.get(subject_id)
            if entry is None or time.monotonic() - entry[0] > CACHE_SECONDS:
                return None
            return entry

    def _load(self, subject_ids: list[UUID]) -> dict[UUID, bytes | None]:
        found: dict[UUID, bytes | None] = {}
        for start in range(0, len(subject_ids), LOOKUP_BATCH):
            batch = subject_ids[start : start + LOOKUP_BATCH]
            marks = ", ".join("?" for _ in batch)
            rows = self.db.execute(
                f"SELECT subject_id, wrapped FROM privacy_subject_keys"
                f" WHERE subject_id IN ({marks})",
                [str(i) for i in batch],
            )
            for raw_id, wrapped in rows:
                subject_id = UUID(raw_id)
                found[subject_id] = None if wrapped is None else self._unwrap(subject_id, wrapped)
        now = time.monotonic()
        with self._lock:
            for subject_id, key in found.items():
                self._cache[subject_id] = (now, key)
                self._cache.move_to_end(subject_id)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return found

    def _wrapped(self, subject_id: UUID, key: bytes) -> str:
        nonce = os.urandom(12)
        sealed = self._wrap.encrypt(nonce, key, subject_id.bytes)
        return base64.b64encode(nonce + sealed).decode()

    def _unwrap(self, subject_id: UUID, wrapped: str) -> bytes:
        raw = base64.b64decode(wrapped)
        try:
            return self._wrap.decrypt(raw[:12], raw[12:], subject_id.bytes)
        except InvalidTag:
            raise MasterKeyError(
                self.master.source, f"cannot unwrap the key of subject {subject_id}"
            ) from None

"""The hash-chain projection: links and signed checkpoints kept in the service database.

`catch_up` chains the records stored since the last link (resumable: it starts after the
highest chained position) and signs a checkpoint at the new head. `verify` recomputes the
chain from the stored records and compares it with the links and signed checkpoints.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from registry.audit.chain import GENESIS, Link, StoredRecord, VerifyResult, compare, extend
from registry.audit.signing import Checkpoint, sign, signature_valid
from registry.servicedb import ServiceDatabase

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS audit_links ("
    " position BIGINT PRIMARY KEY, record_hash TEXT NOT NULL, link_hash TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS audit_checkpoints ("
    " position BIGINT PRIMARY KEY, link_hash TEXT NOT NULL, events BIGINT NOT NULL,"
    " signed_at TEXT NOT NULL, signature TEXT NOT NULL)",
)
BATCH = 2000


class RecordSource(Protocol):
    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[StoredRecord]: ...


def iter_records(source: RecordSource, after: int = 0) -> Iterator[StoredRecord]:
    while True:
        batch = source.select_notifications(after, BATCH, inclusive_of_start=False)
        yield from batch
        if len(batch) < BATCH:
            return
        after = batch[-1].id


class AuditLedger:
    def __init__(self, db: ServiceDatabase, source: RecordSource, key: Ed25519PrivateKey) -> None:
        self.db = db
        self.source = source
        self.key = key
        for statement in SCHEMA:
            db.execute(statement)

    def head(self) -> tuple[int, str, int]:
        rows = self.db.execute(
            "SELECT position, link_hash FROM audit_links ORDER BY position DESC LIMIT 1"
        )
        count = self.db.execute("SELECT COUNT(*) FROM audit_links")[0][0]
        return (rows[0][0], rows[0][1], count) if rows else (0, GENESIS, 0)

    def catch_up(self) -> int:
        """Chain every record stored since the last link; return how many were chained."""
        position, previous, count = self.head()
        added = 0
        while True:
            batch = self.source.select_notifications(position, BATCH, inclusive_of_start=False)
            if not batch:
                break
            links = extend(previous, batch)
            self._insert(links)
            position, previous = links[-1].position, links[-1].link_hash
            added += len(links)
        if added:
            self._checkpoint(position, previous, count + added)
        return added

    def _insert(self, links: list[Link]) -> None:
        # Replicas chaining concurrently compute identical links, so a conflict is harmless.
        for link in links:
            self.db.execute(
                "INSERT INTO audit_links VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (link.position, link.record_hash, link.link_hash),
            )

    def _checkpoint(self, position: int, link: str, events: int) -> Checkpoint:
        checkpoint = sign(
            self.key, Checkpoint(position, link, events, datetime.now(UTC).isoformat())
        )
        self.db.execute(
            "INSERT INTO audit_checkpoints VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                checkpoint.position,
                checkpoint.link_hash,
                checkpoint.events,
                checkpoint.signed_at,
                checkpoint.signature,
            ),
        )
        return checkpoint

    def checkpoints(self) -> list[Checkpoint]:
        rows = self.db.execute(
            "SELECT position, link_hash, events, signed_at, signature FROM audit_checkpoints"
            " ORDER BY position"
        )
        return [Checkpoint(*row) for row in rows]

    def latest_checkpoint(self) -> Checkpoint | None:
        found = self.checkpoints()
        return found[-1] if found else None

    def links(self) -> dict[int, str]:
        return dict(self.db.execute("SELECT position, link_hash FROM audit_links"))

    def verify(self) -> VerifyResult:
        public = self.key.public_key()
        signed: dict[int, str] = {}
        for checkpoint in self.checkpoints():
            if not signature_valid(public, checkpoint):
                return VerifyResult(
                    False, 0, GENESIS, checkpoint.position, "checkpoint signature invalid"
                )
            signed[checkpoint.position] = checkpoint.link_hash
        recomputed = _lazy_links(iter_records(self.source))
        return compare(recomputed, self.links(), signed)


def _lazy_links(records: Iterator[StoredRecord]) -> Iterator[Link]:
    previous = GENESIS
    for record in records:
        (link,) = extend(previous, [record])
        previous = link.link_hash
        yield link

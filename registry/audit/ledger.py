"""The audit ledger: the hash chain over the log, with signed checkpoints of its head.

The chain is a tracked view of the log (registry/projections/audit_chain.py), kept in the
service database: `catch_up` chains the records stored since the chain's position (it
resumes where the last committed batch ended, each event linked exactly once) and signs a
checkpoint at the new head. `verify` recomputes the chain from the stored records and
compares it with the links and the signed checkpoints.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eventsourcing.persistence import ApplicationRecorder

from registry.audit.chain import GENESIS, Link, StoredRecord, VerifyResult, compare, extend
from registry.audit.signing import Checkpoint, sign, signature_valid
from registry.projections.audit_chain import AUDIT_CHAIN
from registry.projections.tracked import TrackedProjection
from registry.servicedb import ServiceDatabase
from registry.stores.chain_sql import SqlAuditChain
from registry.stores.dialect import service_dialect

BATCH = 2000


def iter_records(source: ApplicationRecorder, after: int = 0) -> Iterator[StoredRecord]:
    while True:
        batch = source.select_notifications(after, BATCH, inclusive_of_start=False)
        yield from batch
        if len(batch) < BATCH:
            return
        after = batch[-1].id


class AuditLedger:
    def __init__(
        self, db: ServiceDatabase, source: ApplicationRecorder, key: Ed25519PrivateKey
    ) -> None:
        self.db = db
        self.source = source
        self.key = key
        view = SqlAuditChain(
            service_dialect(db.dialect), db.transaction, log_end=source.max_notification_id
        )
        view.create()
        self.chain = TrackedProjection(AUDIT_CHAIN, source, view)

    def catch_up(self) -> int:
        """Chain every record stored since the chain's position; return how many were
        chained. A checkpoint is signed at the new head when any were."""
        added = self.chain.catch_up()
        if added:
            rows = self.db.execute(
                "SELECT position, link_hash FROM audit_links ORDER BY position DESC LIMIT 1"
            )
            count = self.db.execute("SELECT COUNT(*) FROM audit_links")[0][0]
            self._checkpoint(rows[0][0], rows[0][1], count)
        return added

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

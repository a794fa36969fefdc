"""The hash chain, as pure functions over stored records.

record_hash = SHA-256 over the record's position, originator id, originator version, topic
and stored state bytes (exactly as stored: ciphertext when encrypted).
link_hash   = SHA-256 over the previous link hash and the record hash; the first link
              follows GENESIS (32 zero bytes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

GENESIS = "00" * 32


class StoredRecord(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def originator_id(self) -> UUID | str: ...
    @property
    def originator_version(self) -> int: ...
    @property
    def topic(self) -> str: ...
    @property
    def state(self) -> bytes: ...


@dataclass(frozen=True)
class Link:
    position: int
    record_hash: str
    link_hash: str


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events_checked: int
    head: str
    first_bad_position: int | None = None
    reason: str = ""


def record_hash(record: StoredRecord) -> str:
    digest = hashlib.sha256()
    for part in (
        str(record.id).encode(),
        str(record.originator_id).encode(),
        str(record.originator_version).encode(),
        record.topic.encode(),
        bytes(record.state),
    ):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def link_hash(previous: str, record: str) -> str:
    return hashlib.sha256(bytes.fromhex(previous) + bytes.fromhex(record)).hexdigest()


def extend(previous: str, records: Iterable[StoredRecord]) -> list[Link]:
    links = []
    for record in records:
        rh = record_hash(record)
        previous = link_hash(previous, rh)
        links.append(Link(record.id, rh, previous))
    return links


def compare(
    recomputed: Iterable[Link], expected: Mapping[int, str], checkpoints: Mapping[int, str]
) -> VerifyResult:
    """Walk recomputed links against stored (or exported) link hashes and signed checkpoints.

    A record edited, deleted or moved makes its own link (or the first stored link or
    checkpoint with no record behind it) differ: that position is the first bad one.
    """
    head, count = GENESIS, 0
    known = sorted({*expected, *checkpoints})
    cursor = 0
    for link in recomputed:
        if cursor < len(known) and known[cursor] < link.position:
            return VerifyResult(False, count, head, known[cursor], "record missing")
        if cursor < len(known) and known[cursor] == link.position:
            cursor += 1
        for label, hashes in (("record altered", expected), ("checkpoint mismatch", checkpoints)):
            stored = hashes.get(link.position)
            if stored is not None and stored != link.link_hash:
                return VerifyResult(False, count, head, link.position, label)
        head, count = link.link_hash, count + 1
    if cursor < len(known):
        return VerifyResult(False, count, head, known[cursor], "record missing")
    return VerifyResult(True, count, head)

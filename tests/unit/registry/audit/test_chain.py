"""The chain and the offline verifier, over records built in memory."""

import base64
import json
from dataclasses import dataclass, replace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from registry.audit.chain import GENESIS, compare, extend, link_hash, record_hash
from registry.audit.errors import ExportFormatError
from registry.audit.export import FORMAT, verify_export
from registry.audit.signing import Checkpoint, sign, signature_valid


@dataclass(frozen=True)
class Record:
    id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes


def records(n: int) -> list[Record]:
    return [
        Record(i, f"agg-{i % 3}", i, "consent#Given", f"state-{i}".encode())
        for i in range(1, n + 1)
    ]


def test_links_depend_on_every_stored_field() -> None:
    base = Record(1, "a", 1, "t", b"x")
    hashes = {
        record_hash(r)
        for r in (
            base,
            replace(base, id=2),
            replace(base, originator_id="b"),
            replace(base, originator_version=2),
            replace(base, topic="u"),
            replace(base, state=b"y"),
        )
    }
    assert len(hashes) == 6
    assert extend(GENESIS, [base])[0].link_hash == link_hash(GENESIS, record_hash(base))


def test_untouched_chain_verifies() -> None:
    links = extend(GENESIS, records(5))
    result = compare(links, {ln.position: ln.link_hash for ln in links}, {})
    assert result.ok and result.events_checked == 5 and result.head == links[-1].link_hash


@pytest.mark.parametrize(
    ("tamper", "first_bad"),
    [
        (lambda rs: [*rs[:2], replace(rs[2], state=b"edited"), *rs[3:]], 3),
        (lambda rs: [*rs[:3], *rs[4:]], 4),
        (lambda rs: [rs[0], replace(rs[2], id=2), replace(rs[1], id=3), *rs[3:]], 2),
    ],
    ids=["edited", "deleted", "swapped"],
)
def test_tampering_reports_first_bad_position(tamper, first_bad: int) -> None:
    original = records(6)
    stored = {ln.position: ln.link_hash for ln in extend(GENESIS, original)}
    result = compare(extend(GENESIS, tamper(original)), stored, {})
    assert not result.ok
    assert result.first_bad_position == first_bad


def test_rewritten_chain_is_caught_by_the_signed_checkpoint() -> None:
    original = records(4)
    honest = extend(GENESIS, original)
    signed = {honest[-1].position: honest[-1].link_hash}
    forged = [*original[:1], replace(original[1], state=b"forged"), *original[2:]]
    relinked = extend(GENESIS, forged)
    result = compare(relinked, {ln.position: ln.link_hash for ln in relinked}, signed)
    assert not result.ok and result.first_bad_position == 4
    assert result.reason == "checkpoint mismatch"


def export_of(rs: list[Record], key: Ed25519PrivateKey) -> list[str]:

    links = extend(GENESIS, rs)
    lines = [json.dumps({"type": "header", "format": FORMAT})]
    for r, ln in zip(rs, links, strict=True):
        lines.append(
            json.dumps(
                {
                    "type": "event",
                    "position": r.id,
                    "originator_id": r.originator_id,
                    "originator_version": r.originator_version,
                    "topic": r.topic,
                    "state": base64.b64encode(r.state).decode(),
                }
            )
        )
        lines.append(
            json.dumps({"type": "link", "position": ln.position, "link_hash": ln.link_hash})
        )
    cp = sign(
        key,
        Checkpoint(
            links[-1].position, links[-1].link_hash, len(links), "2026-01-01T00:00:00+00:00"
        ),
    )
    lines.append(json.dumps({"type": "checkpoint", **cp.__dict__}))
    return lines


def test_offline_verification_needs_the_right_public_key() -> None:
    key, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    lines = export_of(records(3), key)
    assert verify_export(lines, key.public_key()).ok
    wrong = verify_export(lines, other.public_key())
    assert not wrong.ok and wrong.reason == "signature invalid"


def test_offline_verification_finds_an_edited_line() -> None:

    key = Ed25519PrivateKey.generate()
    lines = export_of(records(3), key)
    event = json.loads(lines[3])
    event["topic"] = "consent#Refused"
    lines[3] = json.dumps(event)
    result = verify_export(lines, key.public_key())
    assert not result.ok and result.first_bad_position == 2


def test_unreadable_export_line_names_its_number() -> None:
    key = Ed25519PrivateKey.generate()
    with pytest.raises(ExportFormatError) as error:
        verify_export(
            [json.dumps({"type": "header", "format": FORMAT}), "not json"], key.public_key()
        )
    assert error.value.line == 2


def test_signature_covers_every_checkpoint_field() -> None:
    key = Ed25519PrivateKey.generate()
    cp = sign(key, Checkpoint(10, "ab" * 32, 10, "2026-01-01T00:00:00+00:00"))
    assert signature_valid(key.public_key(), cp)
    assert not signature_valid(key.public_key(), replace(cp, events=11))
    assert not signature_valid(key.public_key(), replace(cp, position=9))

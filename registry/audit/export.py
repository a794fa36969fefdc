"""NDJSON export of the log with its links and latest signed checkpoint, and the offline
verifier that checks such a file with nothing but the public key.

Lines: one `header`, one `event` per stored record (its stored fields, state in base64), one
`link` per chained position (the link hash kept by the ledger), then the latest
`checkpoint`. A record deleted from the store leaves its link behind, so the gap shows.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from registry.audit.chain import GENESIS, VerifyResult, compare, extend
from registry.audit.errors import ExportFormatError
from registry.audit.ledger import AuditLedger, iter_records
from registry.audit.signing import Checkpoint, public_key_pem, signature_valid

FORMAT = "consentry-audit-export/1"


@dataclass(frozen=True)
class ExportedRecord:
    id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes


def export_lines(ledger: AuditLedger) -> Iterator[str]:
    ledger.catch_up()
    links = ledger.links()
    yield _line(
        {
            "type": "header",
            "format": FORMAT,
            "exported_at": datetime.now(UTC).isoformat(),
            "public_key": public_key_pem(ledger.key),
        }
    )
    for record in iter_records(ledger.source):
        yield _line(
            {
                "type": "event",
                "position": record.id,
                "originator_id": str(record.originator_id),
                "originator_version": record.originator_version,
                "topic": record.topic,
                "state": base64.b64encode(bytes(record.state)).decode(),
            }
        )
    for position, link in sorted(links.items()):
        yield _line({"type": "link", "position": position, "link_hash": link})
    checkpoint = ledger.latest_checkpoint()
    if checkpoint is not None:
        yield _line({"type": "checkpoint", **asdict(checkpoint)})


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def verify_export(lines: Iterable[str], public_key: Ed25519PublicKey) -> VerifyResult:
    records: list[ExportedRecord] = []
    links: dict[int, str] = {}
    checkpoint: Checkpoint | None = None
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        item = _parse(raw, number)
        kind = item.get("type")
        if kind == "header" and item.get("format") != FORMAT:
            raise ExportFormatError(number, f"unknown format {item.get('format')!r}")
        if kind == "event":
            records.append(_record(item, number))
        elif kind == "link":
            links[_int(item, "position", number)] = str(item.get("link_hash"))
        elif kind == "checkpoint":
            checkpoint = _checkpoint(item, number)
    signed: dict[int, str] = {}
    if checkpoint is not None:
        if not signature_valid(public_key, checkpoint):
            return VerifyResult(False, 0, GENESIS, checkpoint.position, "signature invalid")
        signed[checkpoint.position] = checkpoint.link_hash
    elif records:
        return VerifyResult(False, 0, GENESIS, records[0].id, "no signed checkpoint")
    return compare(extend(GENESIS, records), links, signed)


def _parse(raw: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ExportFormatError(number, f"not JSON ({error.msg})") from None
    if not isinstance(item, dict):
        raise ExportFormatError(number, "not a JSON object")
    return item


def _int(item: dict[str, Any], field: str, number: int) -> int:
    try:
        return int(item[field])
    except (KeyError, ValueError, TypeError):
        raise ExportFormatError(number, f"{field} missing or not an integer") from None


def _record(item: dict[str, Any], number: int) -> ExportedRecord:
    try:
        return ExportedRecord(
            int(item["position"]),
            str(item["originator_id"]),
            int(item["originator_version"]),
            str(item["topic"]),
            base64.b64decode(item["state"], validate=True),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise ExportFormatError(number, f"bad event line ({error})") from None


def _checkpoint(item: dict[str, Any], number: int) -> Checkpoint:
    try:
        return Checkpoint(
            int(item["position"]),
            str(item["link_hash"]),
            int(item["events"]),
            str(item["signed_at"]),
            str(item["signature"]),
        )
    except (KeyError, ValueError, TypeError) as error:
        raise ExportFormatError(number, f"bad checkpoint line ({error})") from None

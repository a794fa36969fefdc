"""Integrity of the event log: a hash chain over every stored event in global order,
checkpoints signed with an Ed25519 key kept outside the database, an NDJSON export, and an
offline verifier that needs only the export and the public key.

Errors: `AuditError` and its tree, drawn in `registry.audit.errors`.
"""

from registry.audit.chain import GENESIS, Link, VerifyResult, link_hash, record_hash
from registry.audit.errors import AuditError, ExportFormatError, SigningKeyError

__all__ = [
    "GENESIS",
    "AuditError",
    "ExportFormatError",
    "Link",
    "SigningKeyError",
    "VerifyResult",
    "link_hash",
    "record_hash",
]

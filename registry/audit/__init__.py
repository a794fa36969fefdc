"""Integrity of the event log: a hash chain over every stored event in global order,
checkpoints signed with an Ed25519 key kept outside the database, an NDJSON export, and an
offline verifier that needs only the export and the public key.

Errors: `AuditError` is the root; `SigningKeyError` (a configured signing key that is
missing, unreadable or not an Ed25519 private key) and `ExportFormatError` (an export that
cannot be read, with the line number) derive from it.
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

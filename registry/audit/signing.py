"""Ed25519 signing of checkpoints, with the private key kept in a file outside the database."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from registry.audit.errors import SigningKeyError


@dataclass(frozen=True)
class Checkpoint:
    position: int
    link_hash: str
    events: int
    signed_at: str
    signature: str = ""

    def message(self) -> bytes:
        body = {k: v for k, v in asdict(self).items() if k != "signature"}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def load_or_create_signing_key(path: Path, *, create: bool) -> tuple[Ed25519PrivateKey, bool]:
    """Read the key at `path`; create it (mode 0600) only when `create` is allowed.

    Returns the key and whether it was created now.
    """
    if not path.exists():
        if not create:
            raise SigningKeyError(str(path), "file does not exist")
        key = Ed25519PrivateKey.generate()
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.write_bytes(pem)
        path.chmod(0o600)
        return key, True
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as error:
        raise SigningKeyError(str(path), f"unreadable ({error})") from None
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SigningKeyError(str(path), "not an Ed25519 private key")
    return loaded, False


def public_key_pem(key: Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as error:
        raise SigningKeyError("public key", f"unreadable ({error})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError("public key", "not an Ed25519 public key")
    return key


def sign(key: Ed25519PrivateKey, checkpoint: Checkpoint) -> Checkpoint:
    signature = base64.b64encode(key.sign(checkpoint.message())).decode()
    return Checkpoint(
        checkpoint.position,
        checkpoint.link_hash,
        checkpoint.events,
        checkpoint.signed_at,
        signature,
    )


def signature_valid(public_key: Ed25519PublicKey, checkpoint: Checkpoint) -> bool:
    try:
        public_key.verify(base64.b64decode(checkpoint.signature), checkpoint.message())
    except (InvalidSignature, ValueError):
        return False
    return True

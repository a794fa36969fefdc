"""The master key: from CONSENTRY_MASTER_KEY (base64, 32 bytes), from a key file, or created
once in the data directory. Keys derived from it wrap subject keys and key lookups."""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from registry.privacy.errors import MasterKeyError

KEY_BYTES = 32


@dataclass(frozen=True)
class MasterKey:
    secret: bytes
    source: str

    def derive(self, purpose: str) -> bytes:
        return HKDF(
            algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=purpose.encode()
        ).derive(self.secret)


def _decode(text: str, source: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError):
        raise MasterKeyError(source, "not base64") from None
    if len(raw) != KEY_BYTES:
        raise MasterKeyError(source, f"must decode to {KEY_BYTES} bytes, got {len(raw)}")
    return raw


def new_key_text() -> str:
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode()


def load_master_key(
    value: str | None, key_file: Path | None, data_dir: Path
) -> tuple[MasterKey, bool]:
    """The configured master key, or the data directory's (created on first use).

    Returns the key and whether it was created now. A configured key that is missing,
    unreadable or malformed is an error, never a silent fallback."""
    if value:
        return MasterKey(_decode(value, "CONSENTRY_MASTER_KEY"), "CONSENTRY_MASTER_KEY"), False
    if key_file is not None:
        source = str(key_file)
        try:
            text = key_file.read_text()
        except OSError as error:
            raise MasterKeyError(source, f"cannot be read ({error.strerror})") from None
        return MasterKey(_decode(text, source), source), False
    default = data_dir / "keys" / "master.key"
    if default.exists():
        return load_master_key(None, default, data_dir)[0], False
    default.parent.mkdir(parents=True, exist_ok=True)
    default.write_text(new_key_text() + "\n")
    default.chmod(0o600)
    return MasterKey(_decode(default.read_text(), str(default)), str(default)), True

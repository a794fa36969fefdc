"""API keys and roles.

Keys come from `CONSENTRY_API_KEYS` (`role:key,role:key`) or a keys file holding only
SHA-256 hashes (`role sha256:<hex> [label]` per line). Only hashes are kept in memory.
With neither configured, the service creates an admin key once, stores its hash in the data
directory and prints the key a single time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from registry.api.errors import KeyConfigError
from registry.roles import PEOPLE, Role


@dataclass(frozen=True)
class Principal:
    role: Role
    key_id: str
    label: str = ""

    @property
    def is_person(self) -> bool:
        return self.role in PEOPLE


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _role(name: str, where: str) -> Role:
    try:
        return Role(name.strip())
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise KeyConfigError(where, f"unknown role {name!r} (roles: {roles})") from None


class KeyRing:
    """Looks a presented key up by its hash, in constant time per candidate."""

    def __init__(self, entries: Iterable[tuple[Role, str, str]] = ()) -> None:
        self._by_hash: dict[str, Principal] = {}
        for role, digest, label in entries:
            self._by_hash[digest] = Principal(role, digest[:12], label)

    def __len__(self) -> int:
        return len(self._by_hash)

    def authenticate(self, key: str) -> Principal | None:
        digest = hash_key(key)
        for known, principal in self._by_hash.items():
            if hmac.compare_digest(known, digest):
                return principal
        return None

    @classmethod
    def from_env_value(cls, value: str) -> KeyRing:
        entries = []
        for index, item in enumerate(filter(None, (p.strip() for p in value.split(","))), 1):
            role, sep, key = item.partition(":")
            where = f"CONSENTRY_API_KEYS item {index}"
            if not sep or not key:
                raise KeyConfigError(where, "expected role:key")
            entries.append((_role(role, where), hash_key(key), f"env-{index}"))
        return cls(entries)

    @classmethod
    def from_file(cls, path: Path) -> KeyRing:
        entries = []
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split()
            where = f"{path}:{number}"
            if len(fields) < 2 or not fields[1].startswith("sha256:"):
                raise KeyConfigError(where, "expected 'role sha256:<hex> [label]'")
            digest = fields[1].removeprefix("sha256:").lower()
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise KeyConfigError(where, "the hash must be 64 hexadecimal digits")
            label = " ".join(fields[2:]) or f"line-{number}"
            entries.append((_role(fields[0], where), digest, label))
        return cls(entries)


def bootstrap_admin_key(path: Path) -> str:
    """Create a keys file with one admin key; return the key (shown once, never stored)."""
    key = "cst_" + secrets.token_urlsafe(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"admin sha256:{hash_key(key)} bootstrap-admin\n")
    path.chmod(0o600)
    return key


def load_keyring(
    api_keys: str | None, api_keys_file: Path | None, data_dir: Path
) -> tuple[KeyRing, str | None]:
    """The configured keys; with none configured, the data directory's keys file, created
    with a fresh admin key on first use. Returns the ring and the new key, if one was made."""
    if api_keys:
        return KeyRing.from_env_value(api_keys), None
    if api_keys_file is not None:
        if not api_keys_file.is_file():
            raise KeyConfigError(str(api_keys_file), "keys file does not exist")
        return KeyRing.from_file(api_keys_file), None
    default = data_dir / "api-keys"
    if default.is_file():
        return KeyRing.from_file(default), None
    key = bootstrap_admin_key(default)
    return KeyRing.from_file(default), key

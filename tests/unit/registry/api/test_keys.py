from pathlib import Path

import pytest

from registry.api.auth import KeyRing, hash_key, load_keyring
from registry.api.errors import KeyConfigError
from registry.roles import Role


def test_env_keys_authenticate_by_role() -> None:
    ring = KeyRing.from_env_value("admin:a-secret, staff:s-secret,regulator:r-secret")
    assert len(ring) == 3
    principal = ring.authenticate("s-secret")
    assert principal is not None and principal.role is Role.STAFF and principal.is_person
    assert ring.authenticate("nope") is None


@pytest.mark.parametrize(
    ("value", "message"),
    [("admin", "expected role:key"), ("boss:x", "unknown role 'boss'"), ("staff:", "expected")],
)
def test_bad_env_keys_name_the_item(value: str, message: str) -> None:
    with pytest.raises(KeyConfigError) as error:
        KeyRing.from_env_value(f"admin:ok,{value}")
    assert "item 2" in str(error.value) and message in str(error.value)


def test_keys_file_holds_only_hashes(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text(f"# comment\nsystem sha256:{hash_key('crm-key')} crm\n")
    principal = KeyRing.from_file(path).authenticate("crm-key")
    assert principal is not None
    assert (principal.role, principal.label, principal.is_person) == (Role.SYSTEM, "crm", False)
    assert "crm-key" not in path.read_text()


def test_bad_keys_file_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("admin sha256:abc\n")
    with pytest.raises(KeyConfigError, match=r"keys:1: the hash must be 64"):
        KeyRing.from_file(path)


def test_first_start_creates_one_admin_key_once(tmp_path: Path) -> None:
    ring, key = load_keyring(None, None, tmp_path)
    assert key is not None and ring.authenticate(key).role is Role.ADMIN  # type: ignore[union-attr]
    assert key not in (tmp_path / "api-keys").read_text()
    again, second = load_keyring(None, None, tmp_path)
    assert second is None and again.authenticate(key) is not None


def test_configured_keys_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(KeyConfigError, match="does not exist"):
        load_keyring(None, tmp_path / "missing", tmp_path)

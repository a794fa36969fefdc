"""Master key handling: created once when none is configured; a configured key that is
missing, unreadable, malformed or wrong stops start-up with a clear error."""

from pathlib import Path

import pytest

from registry.application import make_registry
from registry.privacy import MasterKeyError
from registry.privacy.keys import load_master_key, new_key_text
from registry.settings import RegistrySettings


def test_without_configuration_a_key_is_created_once(tmp_path: Path) -> None:
    key, created = load_master_key(None, None, tmp_path)
    again, created_again = load_master_key(None, None, tmp_path)
    assert created and not created_again and key.secret == again.secret
    assert (tmp_path / "keys" / "master.key").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: None, "cannot be read"),
        (lambda p: p.write_text("not base64 at all!"), "not base64"),
        (lambda p: p.write_text("c2hvcnQ="), "must decode to 32 bytes"),
    ],
    ids=["missing", "garbage", "short"],
)
def test_a_bad_configured_key_file_stops_start_up(tmp_path: Path, setup, message: str) -> None:
    key_file = tmp_path / "master.key"
    setup(key_file)
    settings = RegistrySettings(data_dir=tmp_path / "data", master_key_file=key_file)
    with pytest.raises(MasterKeyError, match=message):
        make_registry(settings)
    assert not (tmp_path / "data" / "keys" / "master.key").exists()


def test_an_unreadable_key_file_stops_start_up(tmp_path: Path) -> None:
    key_file = tmp_path / "master.key"
    key_file.mkdir()  # a directory cannot be read as a key, even by root
    with pytest.raises(MasterKeyError, match="cannot be read"):
        make_registry(RegistrySettings(data_dir=tmp_path, master_key_file=key_file))


def test_the_wrong_key_for_an_existing_store_is_refused(tmp_path: Path) -> None:
    first = RegistrySettings(data_dir=tmp_path, master_key=new_key_text())
    with make_registry(first) as registry:
        registry.controllers.register_controller(
            "acme", name="Acme", contact="x", jurisdiction="CN"
        )
    with pytest.raises(MasterKeyError, match="not the key this store was written with"):
        make_registry(RegistrySettings(data_dir=tmp_path, master_key=new_key_text()))
    with make_registry(first) as registry:
        assert registry.app.controller("acme").name == "Acme"

"""Optional whole-store encryption: with CONSENTRY_STORE_CIPHER_KEY every stored event is
encrypted as a whole, on top of the per-subject encryption of personal fields."""

import base64
import os
from pathlib import Path

import pytest
from eventsourcing.persistence import MapperDeserialisationError

from registry.application import Answer, make_registry
from registry.domain import ConsentDetails, LawfulBasis, PurposeSpec
from registry.settings import RegistrySettings


def cipher_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def fill(settings: RegistrySettings) -> None:
    with make_registry(settings) as registry:
        registry.controllers.register_controller(
            "acme", name="Acme", contact="x", jurisdiction="CN"
        )
        registry.purposes.define_purpose(
            "loyalty", PurposeSpec("Loyalty programme", LawfulBasis.CONSENT)
        )
        subject, _ = registry.consents.record_answer(
            "acme",
            "C-1",
            "loyalty",
            Answer.GIVEN,
            ConsentDetails(occurred_at=registry.app.clock()),
        )
        assert registry.queries.may(subject, "loyalty").allowed


def test_events_are_unreadable_without_the_store_key(tmp_path: Path) -> None:
    key = cipher_key()
    settings = RegistrySettings(data_dir=tmp_path, store_cipher_key=key)
    fill(settings)
    raw = (tmp_path / "consentry.sqlite").read_bytes()
    assert b"Loyalty programme" not in raw and b"acme" not in raw
    with make_registry(settings) as registry:
        assert registry.app.purpose("loyalty").current.spec.name == "Loyalty programme"
        assert len(registry.queries.event_log(0, 10)) == 4
    wrong = RegistrySettings(data_dir=tmp_path, store_cipher_key=cipher_key())
    with make_registry(wrong) as other, pytest.raises(MapperDeserialisationError):
        other.queries.event_log(0, 10)


def test_without_the_option_purposes_stay_readable_in_the_file(tmp_path: Path) -> None:
    fill(RegistrySettings(data_dir=tmp_path))
    assert b"Loyalty programme" in (tmp_path / "consentry.sqlite").read_bytes()

"""The controller aggregate alone: registration checks, updates and their history."""

from datetime import UTC, datetime
from typing import Any

import pytest

from registry.domain import Controller
from registry.errors import InvalidValueError

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def acme(**changes: Any) -> Controller:
    fields: dict[str, Any] = {
        "name": "Acme Trading",
        "contact": "Room 5, 1 Nanjing Road, Shanghai; privacy@acme.example",
        "jurisdiction": "cn",
        "dpo_contact": "dpo@acme.example",
    }
    return Controller.register("acme", **(fields | changes))


def test_a_registration_keeps_the_notice_details_normalised() -> None:
    controller = acme(name="  Acme Trading ", ciio=True)
    assert (controller.name, controller.jurisdiction) == ("Acme Trading", "CN")
    assert controller.contact.startswith("Room 5")
    assert (controller.ciio, controller.dpo_contact, controller.changes) == (
        True,
        "dpo@acme.example",
        (),
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", " "),
        ("contact", "-"),
        ("dpo_contact", ""),
        ("jurisdiction", "XX"),
        ("jurisdiction", "China"),
    ],
)
def test_a_bad_detail_is_refused_naming_its_field(field: str, value: str) -> None:
    with pytest.raises(InvalidValueError) as refused:
        acme(**{field: value})
    assert refused.value.field == field


def test_the_eu_is_a_jurisdiction_and_no_contact_may_be_on_record_yet() -> None:
    controller = acme(jurisdiction="eu", contact=None, dpo_contact=None)
    assert (controller.jurisdiction, controller.contact, controller.dpo_contact) == (
        "EU",
        None,
        None,
    )


def test_an_update_records_only_what_changed() -> None:
    controller = acme()
    assert controller.update(now=NOW, name="Acme Trading", ciio=False) is False
    assert controller.update(now=NOW, contact="privacy@acme.example", ciio=True) is True
    assert (controller.contact, controller.ciio, controller.name) == (
        "privacy@acme.example",
        True,
        "Acme Trading",
    )
    [change] = controller.changes
    assert (change.at, change.changes) == (NOW, {"contact": "privacy@acme.example", "ciio": True})
    assert [type(e).__name__ for e in controller.collect_events()] == ["Registered", "Updated"]


def test_a_bad_update_changes_nothing() -> None:
    controller = acme()
    with pytest.raises(InvalidValueError) as refused:
        controller.update(now=NOW, name="Acme Group", jurisdiction="ZZ")
    assert refused.value.field == "jurisdiction"
    assert (controller.name, controller.changes) == ("Acme Trading", ())

"""The controller register on every store: registered, updated, read back after a restart."""

import pytest
from registry_scenarios import OpenRegistry

from registry.application import Registry
from registry.errors import ControllerAlreadyRegistered, ControllerNotFound, InvalidValueError
from registry.settings import RegistrySettings


def test_changes_survive_a_restart_in_order(
    registry: Registry, open_registry: OpenRegistry, registry_settings: RegistrySettings
) -> None:
    registry.controllers.register_controller(
        "beta", name="Beta Ltd", contact="privacy@beta.example", jurisdiction="SG"
    )
    first = registry.controllers.update_controller("beta", dpo_contact="dpo@beta.example")
    second = registry.controllers.update_controller("beta", ciio=True, name="Beta Ltd")
    assert first is not None and second is not None and second > first
    assert registry.controllers.update_controller("beta", ciio=True) is None

    persistent = registry_settings.database_url != "memory:"
    reopened = (open_registry() if persistent else registry).controllers
    beta = reopened.controller("beta")
    assert (beta.dpo_contact, beta.ciio, beta.jurisdiction) == ("dpo@beta.example", True, "SG")
    assert [change.changes for change in beta.changes] == [
        {"dpo_contact": "dpo@beta.example"},
        {"ciio": True},
    ]
    assert [c.controller_ref for c in reopened.all()] == ["acme", "beta"]


def test_refusals_write_nothing(registry: Registry) -> None:
    before = registry.app.recorder.max_notification_id()
    with pytest.raises(ControllerAlreadyRegistered):
        registry.controllers.register_controller(
            "acme", name="Acme again", contact="x@acme.example", jurisdiction="CN"
        )
    with pytest.raises(InvalidValueError) as refused:
        registry.controllers.update_controller("acme", name="Acme", contact="-")
    assert refused.value.field == "contact"
    with pytest.raises(ControllerNotFound):
        registry.controllers.update_controller("nobody", name="X")
    assert registry.app.recorder.max_notification_id() == before
    assert registry.controllers.controller("acme").name == "Acme Trading (Shanghai)"

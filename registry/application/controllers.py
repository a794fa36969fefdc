"""The controller register: register, update, read; each change kept as an event."""

from typing import Unpack
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.retry import retry_on_conflict
from registry.domain.consent.controller import Changes, Controller, Registration
from registry.errors import ControllerAlreadyRegistered


class Controllers:
    def __init__(self, app: ConsentRegistry) -> None:
        self.app = app

    def register_controller(self, controller_ref: str, **details: Unpack[Registration]) -> UUID:
        """Refused with `ControllerAlreadyRegistered` when the reference is taken."""
        controller = Controller.register(controller_ref, **details)
        self.app.save_new(controller, ControllerAlreadyRegistered(controller_ref))
        return controller.id

    def update_controller(self, controller_ref: str, **details: Unpack[Changes]) -> int | None:
        """Apply the given details (None leaves one unchanged); None when nothing changed."""

        def attempt() -> int | None:
            controller = self.app.controller(controller_ref)
            if controller.update(now=self.app.clock(), **details):
                return self.app.save_all(controller)
            return None

        return retry_on_conflict(attempt)

    def controller(self, controller_ref: str) -> Controller:
        return self.app.controller(controller_ref)

    def all(self) -> list[Controller]:
        """Every registered controller, by reference."""
        found: list[Controller] = self.app.every(Controller.Registered)
        return sorted(found, key=lambda controller: controller.controller_ref)

"""The controller and processor registers as plain data, the same for the API and the
command line: JSON-ready dicts, and tables for CSV."""

from typing import Any

from registry.domain.consent.controller import Controller
from registry.governance_views import Table, plain

CONTROLLER_COLUMNS = ("controller", "name", "contact", "jurisdiction", "ciio", "dpo_contact")


def controller_json(controller: Controller, *, history: bool = True) -> dict[str, Any]:
    body: dict[str, Any] = dict(zip(CONTROLLER_COLUMNS, _controller_row(controller), strict=True))
    if history:
        body["registered_at"] = controller.created_on
        body["changes"] = [
            {"at": change.at, "changes": change.changes} for change in controller.changes
        ]
    return dict(plain(body))


def controllers_table(controllers: list[Controller]) -> Table:
    return CONTROLLER_COLUMNS, [_controller_row(controller) for controller in controllers]


def _controller_row(controller: Controller) -> tuple[Any, ...]:
    return (
        controller.controller_ref,
        controller.name,
        controller.contact,
        controller.jurisdiction,
        controller.ciio,
        controller.dpo_contact,
    )

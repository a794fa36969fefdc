"""Writes addressed by a controller's customer reference, for a customer a company transfer
has moved to another controller, are refused with the successor's name.

The refusal starts when the customer moves (when the succession is executed), not when the
succession is completed: from that moment the successor holds the customer's data and the
consents that carried over (PIPL Art. 22), and a write by the old controller would record
consent to a controller that no longer processes the data. The old controller keeps reading
the customer's history under its reference, for audit."""

from typing import cast

from registry.application.app import ConsentRegistry
from registry.domain.consent.controller import Controller
from registry.domain.consent.subject import Subject
from registry.errors import SubjectMovedToSuccessor


def check_held_by(
    app: ConsentRegistry, subject: Subject, controller: Controller, customer_ref: str
) -> None:
    if subject.controller_id != controller.id:
        successor = cast(Controller, app.repository.get(subject.controller_id))
        raise SubjectMovedToSuccessor(
            customer_ref, controller.controller_ref, successor.controller_ref
        )

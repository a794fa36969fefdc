"""Controller: the legal entity that decides on processing (PIPL's 个人信息处理者).

Its name and contact are what an Art. 22 notice tells the people whose data it receives;
its DPO contact is the person responsible for personal information protection (Art. 52);
a critical information infrastructure operator's transfers always need assessment (Art. 40).
Every change is an `Updated` event naming the fields it changed, so the register keeps its
history.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Required, TypedDict, Unpack
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.domain.crossborder.countries import check_jurisdiction
from registry.errors import InvalidValueError

CONTROLLER_NAMESPACE = UUID("0b6f7c55-3f0e-4c4e-a3d8-7d1e93c2a4b2")
NO_CONTACT = "-"
"""What earlier releases stored when a controller was registered without a contact."""


def controller_id_for(controller_ref: str) -> UUID:
    return uuid5(CONTROLLER_NAMESPACE, controller_ref)


@dataclass(frozen=True)
class ControllerChange:
    """One `Updated` event: when, and each changed field's new value."""

    at: datetime
    changes: dict[str, Any]


class Changes(TypedDict, total=False):
    """A controller's details; in an update, None leaves one unchanged."""

    name: str | None
    contact: str | None
    jurisdiction: str | None
    ciio: bool | None
    dpo_contact: str | None


class Registration(TypedDict, total=False):
    name: Required[str]
    contact: Required[str | None]
    jurisdiction: Required[str]
    ciio: bool
    dpo_contact: str | None


def check_text(field: str, value: str) -> str:
    """Non-empty text with at least a letter or digit: "-" names no one."""
    if not any(character.isalnum() for character in value):
        raise InvalidValueError(field, value, "must not be empty")
    return value.strip()


def checked_details(details: dict[str, Any]) -> dict[str, Any]:
    """The given (non-None) details, checked and normalised."""
    checks: dict[str, Callable[[Any], Any]] = {
        "name": lambda v: check_text("name", v),
        "contact": lambda v: check_text("contact", v),
        "dpo_contact": lambda v: check_text("dpo_contact", v),
        "jurisdiction": lambda v: check_jurisdiction("jurisdiction", v),
        "ciio": bool,
    }
    return {field: checks[field](value) for field, value in details.items() if value is not None}


class Controller(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(controller_ref: str) -> UUID:
        return controller_id_for(controller_ref)

    @classmethod
    def register(cls, controller_ref: str, **details: Unpack[Registration]) -> "Controller":
        """`contact` None: none on record yet (the notice then has none to give)."""
        check_text("controller", controller_ref)
        checked = checked_details(dict(details))
        return cls(
            controller_ref=controller_ref,
            name=checked["name"],
            contact=checked.get("contact"),
            jurisdiction=checked["jurisdiction"],
            ciio=checked.get("ciio", False),
            dpo_contact=checked.get("dpo_contact"),
        )

    class Registered(Aggregate.Created):
        class_version = 2
        controller_ref: str
        name: str
        contact: str | None
        jurisdiction: str
        ciio: bool
        dpo_contact: str | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 had no DPO contact, and stored "-" for no contact."""
            state["dpo_contact"] = None
            if state["contact"] == NO_CONTACT:
                state["contact"] = None

    @event(Registered)
    def __init__(
        self,
        controller_ref: str,
        name: str,
        contact: str | None,
        jurisdiction: str,
        ciio: bool,
        dpo_contact: str | None,
    ) -> None:
        self.controller_ref = controller_ref
        self.name = name
        self.contact = contact
        self.jurisdiction = jurisdiction
        self.ciio = ciio
        """Critical information infrastructure operator: its transfers always need assessment."""
        self.dpo_contact = dpo_contact
        self.changes: tuple[ControllerChange, ...] = ()

    class Updated(Aggregate.Event):
        class_version = 1
        changes: dict[str, Any]
        updated_at: datetime

    def update(self, *, now: datetime, **details: Unpack[Changes]) -> bool:
        """Apply the given details (None: unchanged); False when none differs."""
        given = checked_details(dict(details))
        changes = {field: value for field, value in given.items() if getattr(self, field) != value}
        if not changes:
            return False
        self._updated(changes, now)
        return True

    @event(Updated)
    def _updated(self, changes: dict[str, Any], updated_at: datetime) -> None:
        for field, value in changes.items():
            setattr(self, field, value)
        self.changes = (*self.changes, ControllerChange(updated_at, dict(changes)))

"""Controller: the legal entity that decides on processing (PIPL's 个人信息处理者)."""

from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.errors import InvalidValueError

CONTROLLER_NAMESPACE = UUID("0b6f7c55-3f0e-4c4e-a3d8-7d1e93c2a4b2")


def controller_id_for(controller_ref: str) -> UUID:
    return uuid5(CONTROLLER_NAMESPACE, controller_ref)


class Controller(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(controller_ref: str) -> UUID:
        return controller_id_for(controller_ref)

    @classmethod
    def register(
        cls, controller_ref: str, *, name: str, contact: str, jurisdiction: str, ciio: bool = False
    ) -> "Controller":
        for field, value in (("controller", controller_ref), ("name", name)):
            if not value.strip():
                raise InvalidValueError(field, value, "must not be empty")
        if not jurisdiction.strip():
            raise InvalidValueError("jurisdiction", jurisdiction, "must not be empty")
        return cls(
            controller_ref=controller_ref,
            name=name,
            contact=contact,
            jurisdiction=jurisdiction.upper(),
            ciio=ciio,
        )

    class Registered(Aggregate.Created):
        class_version = 1
        controller_ref: str
        name: str
        contact: str
        jurisdiction: str
        ciio: bool

    @event(Registered)
    def __init__(
        self, controller_ref: str, name: str, contact: str, jurisdiction: str, ciio: bool
    ) -> None:
        self.controller_ref = controller_ref
        self.name = name
        self.contact = contact
        self.jurisdiction = jurisdiction
        self.ciio = ciio
        """Critical information infrastructure operator: its transfers always need assessment."""

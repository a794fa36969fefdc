"""Adapters between the packages: the assistant reads the registry through its own port."""

from datetime import datetime

from assistant.ports import ConsentLine, SubjectState
from registry.application import Registry
from registry.errors import SubjectNotFound
from registry.roles import CONSENT_READERS


class RegistryConsentLookup:
    """`assistant.ports.ConsentLookup` over the registry, with the API's read rule."""

    def __init__(self, registry: Registry, controller: str) -> None:
        self.registry = registry
        self.controller = controller

    def subject_state(
        self, subject_ref: str, *, as_of: datetime | None, role: str
    ) -> SubjectState | None:
        if role not in CONSENT_READERS:
            return None
        subject_id = self.registry.lineage.subject_id(self.controller, subject_ref)
        try:
            state = (
                self.registry.queries.current_state(subject_id)
                if as_of is None
                else self.registry.queries.state_as_of(subject_id, as_of)
            )
        except SubjectNotFound:
            return None
        consents = tuple(
            ConsentLine(
                purpose=c.purpose_id,
                status=c.status.value,
                purpose_version=c.record.purpose_version,
                since=c.record.occurred_at.isoformat(),
                position=c.record.position,
            )
            for c in state.consents
        )
        return SubjectState(subject_ref, state.as_of, consents)

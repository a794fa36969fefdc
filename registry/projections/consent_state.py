"""The current-consent read model: which answer holds now, per subject and purpose.

A tracked view (registry/projections/tracked.py) of every consent and purpose event. It is
the read model written inline: the recorder applies a write's changes in the events' own
transaction, so a command's caller reads its own answer as soon as the command returns.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from eventsourcing.utils import get_topic

from registry.domain.consent.consent import ConsentRecord
from registry.domain.consent.decision import PurposeStanding
from registry.domain.consent.purpose import Purpose
from registry.domain.consent.subject import ConsentEvent, Subject
from registry.projections.tracked import ReadModel, TrackedProjection, TrackedView

PROJECTION_NAME = "consent_state"


@dataclass(frozen=True)
class PurposeChange:
    purpose_uuid: UUID
    purpose_id: str | None
    lawful_basis: str | None
    version: int | None
    material: bool
    retired: bool


Change = ConsentEvent | PurposeChange
"""A consent event is its own change: its fields are the row."""


def change_for(domain_event: object) -> Change | None:
    """What one event changes in the read model (positions are added when it is written)."""
    if isinstance(domain_event, ConsentEvent):
        return domain_event
    if isinstance(domain_event, Purpose.Defined):
        basis = domain_event.terms.lawful_basis.value
        return PurposeChange(
            domain_event.originator_id, domain_event.purpose_id, basis, 1, True, False
        )
    if isinstance(domain_event, Purpose.Revised):
        basis = domain_event.terms.lawful_basis.value
        return PurposeChange(
            domain_event.originator_id,
            None,
            basis,
            domain_event.version,
            domain_event.material,
            False,
        )
    if isinstance(domain_event, Purpose.Retired):
        return PurposeChange(domain_event.originator_id, None, None, None, False, True)
    return None


class ConsentStateView(TrackedView[Change], Protocol):
    """Where the rows live: SQL tables beside the events, or memory for the in-memory store."""

    def subject(self, subject_id: UUID) -> tuple[list[ConsentRecord], dict[str, PurposeStanding]]:
        """A subject's records and the standing of their purposes, in one read."""
        ...

    def purpose_and_record(
        self, purpose_id: str, subject_id: UUID
    ) -> tuple[PurposeStanding | None, ConsentRecord | None]: ...

    def lapsed(self, now: datetime) -> list[tuple[UUID, str]]: ...


TOPICS = [
    get_topic(kind)
    for kind in (*vars(Subject).values(), Purpose.Defined, Purpose.Revised, Purpose.Retired)
    if isinstance(kind, type) and issubclass(kind, ConsentEvent | Purpose.Event)
]
"""The events that change the read model: every consent event, every purpose event."""

CONSENT_STATE = ReadModel(PROJECTION_NAME, TOPICS, change_for)
ConsentStateProjection = TrackedProjection[ConsentStateView]

"""A subject's consent state at one moment, built the same way from events or from read rows.

Time here is the time facts took effect: when the person answered (`occurred_at`) and
when purpose terms came into force (`effective_at`), not when the registry learned of them.
So an import of old records changes what "as of last March" shows, as it should.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from registry.domain.consent.consent import ConsentRecord, ConsentStatus
from registry.domain.consent.decision import DecisionReason, PurposeStanding, consent_standing
from registry.domain.consent.subject import ConsentEvent


@dataclass(frozen=True)
class PurposeConsent:
    purpose_id: str
    status: ConsentStatus
    """What the answer means at the state's moment (a lapsed consent shows as expired)."""
    record: ConsentRecord
    reason: DecisionReason


@dataclass(frozen=True)
class SubjectState:
    subject_id: UUID
    as_of: datetime
    consents: tuple[PurposeConsent, ...]

    def get(self, purpose_id: str) -> PurposeConsent | None:
        for consent in self.consents:
            if consent.purpose_id == purpose_id:
                return consent
        return None


def subject_state(
    subject_id: UUID,
    records: Iterable[ConsentRecord],
    purposes: Mapping[str, PurposeStanding],
    at: datetime,
) -> SubjectState:
    consents = []
    for record in sorted(records, key=lambda record: record.purpose_id):
        standing = consent_standing(record, purposes.get(record.purpose_id), at)
        consents.append(PurposeConsent(record.purpose_id, standing.status, record, standing.reason))
    return SubjectState(subject_id, at, tuple(consents))


def records_as_of(events: Iterable[tuple[int, object]], at: datetime) -> dict[str, ConsentRecord]:
    """The latest answer per purpose among the events that had occurred by `at`."""
    latest: dict[str, ConsentRecord] = {}
    for position, domain_event in events:
        if not isinstance(domain_event, ConsentEvent) or domain_event.occurred_at > at:
            continue
        record = domain_event.record(position)
        if record.supersedes(latest.get(record.purpose_id)):
            latest[record.purpose_id] = record
    return latest

"""Which transferred customers gave consent again where the succession changed a purpose:
consent to the new purpose, given after the succession started and still given.

Read from the subjects' events in batches with personal fields left sealed (no key look-ups,
nothing decrypted): a few reads per `BATCH` customers."""

from datetime import datetime
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.holdings import load_subjects
from registry.domain.consent.consent import ConsentStatus
from registry.domain.consent.subject import Subject
from registry.domain.governance.succession import Succession
from registry.domain.governance.succession_plan import changed_purposes

BATCH = 2000


def reconsented(app: ConsentRegistry, succession: Succession, at: datetime) -> set[UUID]:
    """The customers who had consented again by `at`; none when no purpose changed."""
    new_purposes = set(changed_purposes(succession.plan).values())
    if not new_purposes:
        return set()
    subject_ids = list(succession.notices)
    found: set[UUID] = set()
    for start in range(0, len(subject_ids), BATCH):
        batch = subject_ids[start : start + BATCH]
        for subject in load_subjects(app.recorder, app.sealed_mapper, batch):
            if _consented_again(subject, new_purposes, succession.started_at, at):
                found.add(subject.id)
    return found


def _consented_again(
    subject: Subject, purposes: set[str], since: datetime, until: datetime
) -> bool:
    return any(
        record.status is ConsentStatus.GIVEN and since <= record.occurred_at <= until
        for purpose_id, record in subject.consents.items()
        if purpose_id in purposes
    )

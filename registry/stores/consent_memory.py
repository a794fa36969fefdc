"""The consent-state read model in memory, for the in-memory store."""

from dataclasses import astuple, replace
from datetime import datetime
from threading import RLock
from uuid import UUID

from eventsourcing.popo import POPOApplicationRecorder

from registry.domain.consent.basis import LawfulBasis
from registry.domain.consent.consent import ConsentRecord, ConsentStatus
from registry.domain.consent.decision import PurposeStanding
from registry.domain.consent.subject import ConsentEvent
from registry.projections.consent_state import Change, PurposeChange
from registry.stores.tracked_memory import MemoryTrackedView


class MemoryConsentState(MemoryTrackedView[Change]):
    def __init__(self, lock: RLock, recorder: POPOApplicationRecorder) -> None:
        super().__init__(lock, recorder)
        self.consents: dict[tuple[UUID, str], ConsentRecord] = {}
        self.purposes: dict[UUID, PurposeStanding] = {}

    def clear_rows(self) -> None:
        self.consents.clear()
        self.purposes.clear()

    def apply(self, position: int, change: Change) -> None:
        if isinstance(change, ConsentEvent):
            key = (change.originator_id, change.purpose_id)
            record = change.record(position)
            if record.supersedes(self.consents.get(key)):
                self.consents[key] = record
        else:
            self.purposes[change.purpose_uuid] = _purpose(
                self.purposes.get(change.purpose_uuid), position, change
            )

    def subject(self, subject_id: UUID) -> tuple[list[ConsentRecord], dict[str, PurposeStanding]]:
        with self.lock:
            records = [r for (s, _), r in self.consents.items() if s == subject_id]
            wanted = {record.purpose_id for record in records}
            standings = {p.purpose_id: p for p in self.purposes.values() if p.purpose_id in wanted}
            return records, standings

    def purpose_and_record(
        self, purpose_id: str, subject_id: UUID
    ) -> tuple[PurposeStanding | None, ConsentRecord | None]:
        with self.lock:
            standing = next((p for p in self.purposes.values() if p.purpose_id == purpose_id), None)
            if standing is None:
                return None, None
            return standing, self.consents.get((subject_id, purpose_id))

    def lapsed(self, now: datetime) -> list[tuple[UUID, str]]:
        with self.lock:
            return sorted(
                key
                for key, record in self.consents.items()
                if record.status is ConsentStatus.GIVEN and record.has_lapsed(now)
            )

    def dump(self) -> list[tuple[object, ...]]:
        with self.lock:
            rows = [(str(s), *astuple(r)) for (s, _), r in sorted(self.consents.items())]
            return rows + [(str(k), *astuple(p)) for k, p in sorted(self.purposes.items())]


def _purpose(old: PurposeStanding | None, position: int, change: PurposeChange) -> PurposeStanding:
    if old is None:
        assert change.purpose_id is not None and change.lawful_basis is not None
        basis = LawfulBasis(change.lawful_basis)
        return PurposeStanding(change.purpose_id, basis, 1, 1, position, False, position)
    if change.retired:
        return replace(old, retired=True, position=position)
    assert change.version is not None and change.lawful_basis is not None
    revised = replace(
        old,
        lawful_basis=LawfulBasis(change.lawful_basis),
        version=change.version,
        position=position,
    )
    if change.material:
        return replace(revised, material_version=change.version, material_position=position)
    return revised

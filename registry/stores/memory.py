"""In memory: for unit tests and trials. The read model is kept under the recorder's lock."""

from collections.abc import Iterable, Sequence
from dataclasses import astuple, replace
from datetime import datetime
from threading import RLock
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.popo import POPOApplicationRecorder

from registry.domain.consent.basis import LawfulBasis
from registry.domain.consent.consent import ConsentRecord, ConsentStatus
from registry.domain.consent.decision import PurposeStanding
from registry.domain.consent.subject import ConsentEvent
from registry.projections import Change, PurposeChange
from registry.stores.topics import FlatTopicsRecorder


class MemoryConsentState:
    def __init__(self, lock: RLock) -> None:
        self.lock = lock
        self._position = 0
        self.consents: dict[tuple[UUID, str], ConsentRecord] = {}
        self.purposes: dict[UUID, PurposeStanding] = {}

    def position(self) -> int:
        with self.lock:
            return self._position

    def apply_batch(
        self, after: int, through: int, items: Sequence[tuple[int, Change | None]]
    ) -> bool:
        with self.lock:
            if self._position != after or through <= after:
                return False
            if items and not after < items[0][0] <= items[-1][0] <= through:
                return False
            for position, change in items:
                self._apply(position, change)
            self._position = through
            return True

    def clear(self) -> None:
        with self.lock:
            self._position = 0
            self.consents.clear()
            self.purposes.clear()

    def _apply(self, position: int, change: Change | None) -> None:
        if isinstance(change, ConsentEvent):
            key = (change.originator_id, change.purpose_id)
            record = change.record(position)
            if record.supersedes(self.consents.get(key)):
                self.consents[key] = record
        elif isinstance(change, PurposeChange):
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


class MemoryRegistryRecorder(FlatTopicsRecorder, POPOApplicationRecorder):
    def __init__(self) -> None:
        super().__init__()
        self.view = MemoryConsentState(self._database_lock)
        self.inline = True
        self._inline_through = 0

    def _update_table(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        before = len(self._stored_events)
        ids = super()._update_table(stored_events, **kwargs)
        changes = kwargs.get("changes")
        items = list(zip(ids or (), changes or (), strict=False))
        applied = bool(items) and self.inline and self.view.apply_batch(before, items[-1][0], items)
        self._inline_through = items[-1][0] if applied else 0
        return ids

    def inline_through(self) -> int:
        return self._inline_through

    def select_originator(self, originator_id: UUID) -> list[Notification]:
        with self._database_lock:
            index = self._stored_events_index.get(str(originator_id), {})
            return [_notification(i + 1, self._stored_events[i]) for i in index.values()]

    def existing(self, originator_ids: Iterable[UUID]) -> set[UUID]:
        with self._database_lock:
            return {i for i in originator_ids if self._stored_events_index.get(str(i))}


def _notification(position: int, stored: StoredEvent) -> Notification:
    return Notification(
        id=position,
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=stored.state,
    )

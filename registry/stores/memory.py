"""In memory: for unit tests and trials. The read models are kept under the recorder's lock."""

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.popo import POPOApplicationRecorder

from registry.stores.consent_memory import MemoryConsentState
from registry.stores.inline import InlineWrites, inline_items
from registry.stores.topics import FlatTopicsRecorder


class MemoryRegistryRecorder(
    InlineWrites[MemoryConsentState], FlatTopicsRecorder, POPOApplicationRecorder
):
    def __init__(self) -> None:
        super().__init__()
        # The library's lock over its in-memory tables, which a view in memory shares
        # (the library's documentation, docs/topics/projection.rst, "Projection": its
        # in-memory materialised view takes `_database_lock` to record tracking with rows).
        self.lock = self._database_lock
        self.keep_inline(MemoryConsentState(self.lock, self))

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        with self.lock:
            before = self.max_notification_id() or 0
            ids = super().insert_events(stored_events, **kwargs)
            changes = self.inline_changes(kwargs.get("changes"))
            if ids and changes is not None:
                items = inline_items(ids, changes)
                if self.view.apply_batch(before, ids[-1], items):
                    self.wrote_inline(ids[-1])
        return ids

    def select_originator(self, originator_id: UUID) -> list[Notification]:
        with self.lock:
            index = self._stored_events_index.get(str(originator_id), {})
            return [Notification(id=i + 1, **vars(self._stored_events[i])) for i in index.values()]

    def existing(self, originator_ids: Iterable[UUID]) -> set[UUID]:
        with self.lock:
            return {i for i in originator_ids if self._stored_events_index.get(str(i))}

"""A read model in memory: its rows and its position, kept under the in-memory recorder's
lock, so that a batch and the move of the position are one step for every other thread."""

from collections.abc import Sequence
from threading import RLock
from typing import Any, Generic, TypeVar

from eventsourcing.popo import POPOApplicationRecorder

from registry.projections.tracked import PositionTracking, batch_fits

C = TypeVar("C")


class MemoryTrackedView(PositionTracking, Generic[C]):
    """The tracked-view mechanism in memory; a read model adds its rows (`apply`,
    `clear_rows`, `dump`) and its queries."""

    def __init__(self, lock: RLock, recorder: POPOApplicationRecorder) -> None:
        self.lock = lock
        self.recorder = recorder
        self._position = 0

    def create(self) -> None:
        return None

    def position(self) -> int:
        with self.lock:
            return self._position

    def progress(self) -> tuple[int, int]:
        with self.lock:
            return self._position, self.recorder.max_notification_id() or 0

    def apply_batch(self, after: int, through: int, items: Sequence[tuple[int, C]]) -> bool:
        with self.lock:
            if self._position != after or not batch_fits(after, through, items):
                return False
            for position, change in items:
                self.apply(position, change)
            self._position = through
            return True

    def clear(self) -> None:
        with self.lock:
            self._position = 0
            self.clear_rows()

    def apply(self, position: int, change: C) -> None:
        raise NotImplementedError

    def clear_rows(self) -> None:
        raise NotImplementedError

    def dump(self) -> list[tuple[Any, ...]]:
        raise NotImplementedError

"""One mechanism for every read model: a view of the event log that keeps its position with
its rows.

A `ReadModel` says what a read model reads (the topics of its events; none: every event)
and what one event changes in it. A `TrackedView` keeps its rows and its position, the last
event of the log they reflect, in one place: in memory (registry/stores/tracked_memory.py)
or in SQL tables beside the events (registry/stores/tracked_sql.py). `TrackedProjection`
moves a view along the log; it is driven two ways, with one position:

* follower: `catch_up()` reads the events after the position in batches and applies each
  batch with the new position in one transaction. It resumes after a restart where the
  last committed batch ended, finishes what an inline write skipped, and `rebuild()` starts
  over from an empty view. The position also moves past the events it does not read, so it
  always means "the log up to here", and a quiet view costs one read to confirm it is current.
* inline: the store's recorder applies a write's changes in the events' own transaction
  when the view is exactly up to date (its position is the last event before the write), so
  the writer reads its own writes at no extra cost (registry/stores/inline.py).

Both move the position by compare-and-set in the same transaction as the rows, so every
event is applied exactly once: a batch whose starting position is no longer current changes
nothing and is read again from the new position. Views are the library's `TrackingRecorder`s
too: their position is the `max_tracking_id` of the log they follow, so the library's
`has_tracking_id` and `wait` work on them.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from eventsourcing.persistence import (
    ApplicationRecorder,
    IntegrityError,
    Mapper,
    Notification,
    Tracking,
    TrackingRecorder,
)

C = TypeVar("C")
C_contra = TypeVar("C_contra", contravariant=True)


@dataclass(frozen=True)
class ReadModel(Generic[C]):
    name: str
    """The view's name: its row in the positions it keeps."""
    topics: Sequence[str]
    """The topics of the events that change it; empty: every event."""
    change_for: Callable[[Any], C | None]
    """What one event changes in it (None: nothing)."""
    batch_size: int = 2000
    """Events per transaction when following the log."""
    decoded: bool = True
    """`change_for` takes the domain event; False: the stored record as it is."""


class TrackedView(Protocol[C_contra]):
    """A read model's rows and position, wherever they are kept."""

    def create(self) -> None: ...

    def position(self) -> int: ...

    def progress(self) -> tuple[int, int]:
        """(the view's position, the log's last position) in one read."""
        ...

    def apply_batch(self, after: int, through: int, items: Sequence[tuple[int, C_contra]]) -> bool:
        """Apply `items` (position, change; all in `after < position <= through`) and move
        the position from `after` to `through` in one transaction; do nothing and return
        False if the position is not `after`."""
        ...

    def clear(self) -> None: ...

    def dump(self) -> list[tuple[object, ...]]:
        """Every row in a fixed order, to compare two builds."""
        ...

    def has_tracking_id(self, application_name: str, notification_id: int | None) -> bool: ...


def batch_fits(after: int, through: int, items: Sequence[tuple[int, object]]) -> bool:
    """Whether a batch moves the position forward and holds only events in its range."""
    return after < through and (not items or after < items[0][0] <= items[-1][0] <= through)


class PositionTracking(TrackingRecorder):
    """The library's tracking interface over a view's position (of the one log it follows)."""

    def position(self) -> int:
        raise NotImplementedError

    def apply_batch(self, after: int, through: int, items: Sequence[tuple[int, Any]]) -> bool:
        raise NotImplementedError

    def max_tracking_id(self, application_name: str) -> int | None:
        return self.position() or None

    def insert_tracking(self, tracking: Tracking) -> None:
        """Move the position to `tracking` with no rows: the events up to it change nothing
        here. Like the library's trackers, refuses a position not after the current one."""
        if not self.apply_batch(self.position(), tracking.notification_id, ()):
            raise IntegrityError(f"tracking {tracking} is not after the view's position")


V = TypeVar("V", bound=TrackedView[Any])


class TrackedProjection(Generic[V]):
    """Follows the event log for one read model, reading only the events it changes with."""

    def __init__(
        self,
        model: ReadModel[Any],
        recorder: ApplicationRecorder,
        view: V,
        mapper: Mapper[UUID] | None = None,
    ) -> None:
        assert mapper is not None or not model.decoded, "a decoded read model needs a mapper"
        self.model = model
        self.recorder = recorder
        self.view = view
        self.mapper = mapper

    def changes(self, notifications: Sequence[Notification]) -> list[tuple[int, Any]]:
        """(position, change) of the notifications that change the read model."""
        decode = self.mapper.to_domain_event if self.mapper and self.model.decoded else None
        items = []
        for notification in notifications:
            change = self.model.change_for(decode(notification) if decode else notification)
            if change is not None:
                items.append((notification.id, change))
        return items

    def catch_up(self, until: int | None = None, max_events: int | None = None) -> int:
        """Apply the events after the view's position up to `until` (default: the log's end
        when called), or at most `max_events` of them; returns how many were applied."""
        applied = 0
        after, end = self.view.progress()
        stop = end if until is None else min(until, end)
        batch = self.model.batch_size
        while after < stop and (max_events is None or applied < max_events):
            limit = batch if max_events is None else min(batch, max_events - applied)
            notifications = self.recorder.select_notifications(
                after, limit, stop=stop, topics=self.model.topics, inclusive_of_start=False
            )
            through = notifications[-1].id if len(notifications) == limit else stop
            if self.view.apply_batch(after, through, self.changes(notifications)):
                applied += len(notifications)
            after = self.view.position()
        return applied

    def rebuild(self) -> int:
        self.view.clear()
        return self.catch_up()

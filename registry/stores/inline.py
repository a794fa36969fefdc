"""The inline write: the consent-state rows of a write go in the events' own transaction.

Each registry recorder keeps the consent-state view and, given the events' changes (the
`changes` keyword of `insert_events`, one per event, None for most), applies them in the
transaction that inserts the events, if the view is exactly up to date: its position is the
last event before them. Otherwise (another writer's events are not applied yet, or inline
writes are switched off) it leaves them to the follower, and the writer catches up to its
own position before it returns.
"""

import threading
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class InlineWrites(Generic[V]):
    """What every registry recorder adds for the inline write (mixed in first)."""

    view: V
    inline: bool

    def keep_inline(self, view: V) -> None:
        self.view = view
        self.inline = True
        self.inline_state = threading.local()

    def inline_changes(self, changes: Sequence[Any] | None) -> Sequence[Any] | None:
        """The changes to write inline with this thread's next events, or None for none."""
        self.inline_state.through = 0
        return changes if self.inline and changes else None

    def wrote_inline(self, through: int) -> None:
        self.inline_state.through = through

    def inline_through(self) -> int:
        """The last position this thread's latest write put in the read model (0: none)."""
        return int(getattr(self.inline_state, "through", 0))


def inline_items(ids: Sequence[int], changes: Sequence[Any]) -> list[tuple[int, Any]]:
    """(position, change) of the new events that change the read model; an empty list still
    moves its position past them."""
    return [(i, change) for i, change in zip(ids, changes, strict=True) if change is not None]

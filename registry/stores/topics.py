"""Topic filters over the log that also find events stored before the domain moved."""

from collections.abc import Sequence

from eventsourcing.persistence import ApplicationRecorder, Notification

from registry.domain.moved import with_flat_topics


class FlatTopicsRecorder(ApplicationRecorder):
    """Answers `select_notifications(topics=...)` with the events stored under each topic's
    flat-layout name as well, so every reader of the log filters by today's topics alone."""

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        # Mixed in before a concrete recorder, whose select_notifications this calls.
        return super().select_notifications(  # type: ignore[safe-super]
            start, limit, stop, with_flat_topics(topics), inclusive_of_start=inclusive_of_start
        )

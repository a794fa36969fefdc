"""The transfer read model: flows, who is in which flow, and yearly volumes per controller.

A tracked projection that follows the event log, reading only data-flow events. Each batch
is written with the new position in one transaction, the position moving by
compare-and-set, so every event is applied exactly once; after a restart it resumes where
the last committed batch ended, and `rebuild()` starts it over. The position moves past the
events it does not read too (up to the log's last id when the batch began), so a quiet
projection costs one query to confirm it is current.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Mapper
from eventsourcing.utils import get_topic

from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.volumes import VolumeCounts

PROJECTION_NAME = "transfer_volumes"
TOPICS = [get_topic(DataFlow.Proposed), get_topic(DataFlow.SubjectsIncluded)]


@dataclass(frozen=True)
class FlowListed:
    flow_id: UUID
    flow_ref: str
    controller_id: UUID
    destination: str


@dataclass(frozen=True)
class Inclusion:
    flow_id: UUID
    controller_id: UUID
    included_on: date
    sensitive: bool
    counted: bool
    subject_ids: Sequence[str]
    """32 hex digits each."""


VolumeChange = FlowListed | Inclusion


def volume_change(domain_event: object) -> VolumeChange | None:
    if isinstance(domain_event, DataFlow.SubjectsIncluded):
        return Inclusion(
            domain_event.originator_id,
            domain_event.controller_id,
            domain_event.included_on,
            domain_event.sensitive,
            domain_event.counted,
            domain_event.subject_ids,
        )
    if isinstance(domain_event, DataFlow.Proposed):
        destination = domain_event.proposal.destination
        return FlowListed(
            domain_event.originator_id,
            domain_event.flow_ref,
            domain_event.controller_id,
            destination,
        )
    return None


class TransferVolumeView(Protocol):
    """Where the rows live: SQL tables beside the events, or memory for the in-memory store."""

    def create(self) -> None: ...

    def position(self) -> int: ...

    def progress(self) -> tuple[int, int]:
        """(the view's position, the log's last event id) in one read."""
        ...

    def apply_batch(self, after: int, through: int, changes: Sequence[VolumeChange]) -> bool:
        """Apply `changes` and move the position from `after` to `through` in one
        transaction; do nothing and return False if the position is not `after`."""
        ...

    def clear(self) -> None: ...

    def counts(self, controller_id: UUID, scope: str, on: date) -> tuple[VolumeCounts, bool]:
        """Distinct individuals of the controller in `scope` first sent by `on`, and whether
        the view had applied the whole log when it counted them (read together)."""
        ...

    def already_in(self, flow_id: UUID, subject_ids: Sequence[UUID], year: int) -> set[UUID]:
        """The subjects the flow already included in calendar year `year`."""
        ...

    def count_registered(self, subject_ids: Sequence[UUID]) -> int:
        """How many of these (distinct) subjects the event store holds a registration of."""
        ...

    def flows_of(self, subject_id: UUID) -> list[tuple[UUID, date]]:
        """(flow id, inclusion date) of every flow that includes the subject."""
        ...

    def flows(self, controller_id: UUID | None, destination: str | None) -> list[UUID]:
        """Flow ids in order of their references, optionally of one controller or country."""
        ...

    def dump(self) -> list[tuple[object, ...]]:
        """Every row in a fixed order, to compare two builds."""
        ...


class TransferVolumeProjection:
    batch_size = 40
    """Events per transaction: up to 200,000 subject ids at 5,000 per event."""

    def __init__(
        self, recorder: ApplicationRecorder, mapper: Mapper[UUID], view: TransferVolumeView
    ):
        self.recorder = recorder
        self.mapper = mapper
        self.view = view

    def catch_up(self, until: int | None = None) -> int:
        """Apply the data-flow events after the view's position, up to `until` (default: the
        log's end when called); returns how many were applied."""
        processed = 0
        if until is None:
            after, stop = self.view.progress()
            if after >= stop:
                return 0
        else:
            stop = until
        while (after := self.view.position()) < stop:
            notifications = self.recorder.select_notifications(
                after, self.batch_size, stop=stop, topics=TOPICS, inclusive_of_start=False
            )
            full = len(notifications) == self.batch_size
            through = notifications[-1].id if full else stop
            changes = [volume_change(self.mapper.to_domain_event(n)) for n in notifications]
            kept = [change for change in changes if change is not None]
            if self.view.apply_batch(after, through, kept):
                processed += len(notifications)
        return processed

    def counts(self, controller_id: UUID, scope: str, on: date) -> VolumeCounts:
        """The view's counts, caught up first if the log has moved on."""
        counts, current = self.view.counts(controller_id, scope, on)
        if current:
            return counts
        self.catch_up()
        return self.view.counts(controller_id, scope, on)[0]

    def rebuild(self) -> int:
        self.view.clear()
        return self.catch_up()

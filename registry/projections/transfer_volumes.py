"""The transfer read model: flows, who is in which flow, and yearly volumes per controller.

A tracked view (registry/projections/tracked.py) of the data-flow events, kept by following
the log (not inline: an inclusion of many subjects would hold the events' transaction while
its counts are worked out). Batches are small, since one event may include 5,000 subjects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol
from uuid import UUID

from eventsourcing.utils import get_topic

from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.volumes import VolumeCounts
from registry.projections.tracked import ReadModel, TrackedProjection, TrackedView

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


class TransferVolumeView(TrackedView[VolumeChange], Protocol):
    """Where the rows live: SQL tables beside the events, or memory for the in-memory store."""

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


TRANSFER_VOLUMES = ReadModel(PROJECTION_NAME, TOPICS, volume_change, batch_size=40)
"""40 events per transaction: up to 200,000 subject ids at 5,000 per event."""


class TransferVolumes(TrackedProjection[TransferVolumeView]):
    def counts(self, controller_id: UUID, scope: str, on: date) -> VolumeCounts:
        """The view's counts, caught up first if the log has moved on."""
        counts, current = self.view.counts(controller_id, scope, on)
        if current:
            return counts
        self.catch_up()
        return self.view.counts(controller_id, scope, on)[0]

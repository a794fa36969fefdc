"""The transfer read model in memory, kept under the in-memory recorder's lock."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import astuple
from datetime import date
from threading import RLock
from uuid import UUID

from eventsourcing.popo import POPOApplicationRecorder

from registry.domain.crossborder import volumes
from registry.domain.crossborder.volumes import DayKey, Member, MemberKey, VolumeCounts
from registry.projections.transfer_volumes import FlowListed, Inclusion, VolumeChange
from registry.stores.tracked_memory import MemoryTrackedView


class MemoryTransferVolumes(MemoryTrackedView[VolumeChange]):
    def __init__(self, lock: RLock, recorder: POPOApplicationRecorder) -> None:
        super().__init__(lock, recorder)
        self.flows_by_id: dict[UUID, FlowListed] = {}
        self.included: dict[str, set[tuple[UUID, date]]] = {}
        self.members: dict[MemberKey, Member] = {}
        self.days: Counter[DayKey] = Counter()

    def apply(self, position: int, change: VolumeChange) -> None:
        if isinstance(change, FlowListed):
            self.flows_by_id.setdefault(change.flow_id, change)
        else:
            self._include(change)

    def _include(self, inclusion: Inclusion) -> None:
        for subject in inclusion.subject_ids:
            self.included.setdefault(subject, set()).add((inclusion.flow_id, inclusion.included_on))
        if not inclusion.counted:
            return
        for scope in volumes.scopes_of(inclusion.included_on):
            scope_key = (inclusion.controller_id.hex, scope)
            day, sensitive = inclusion.included_on, inclusion.sensitive
            volumes.fold_many(
                self.members, scope_key, day, sensitive, inclusion.subject_ids, self.days
            )

    def clear_rows(self) -> None:
        with self.lock:
            self.flows_by_id.clear()
            self.included.clear()
            self.members.clear()
            self.days.clear()

    def counts(self, controller_id: UUID, scope: str, on: date) -> tuple[VolumeCounts, bool]:
        sums = {volumes.TOTAL: 0, volumes.SENSITIVE: 0}
        with self.lock:
            for (controller, in_scope, day, kind), delta in self.days.items():
                if controller == controller_id.hex and in_scope == scope and day <= on:
                    sums[kind] += delta
            position, end = self.progress()
        return VolumeCounts.of(sums[volumes.TOTAL], sums[volumes.SENSITIVE]), position >= end

    def already_in(self, flow_id: UUID, subject_ids: Sequence[UUID], year: int) -> set[UUID]:
        with self.lock:
            return {
                subject_id
                for subject_id in subject_ids
                for flow, day in self.included.get(subject_id.hex, ())
                if flow == flow_id and day.year == year
            }

    def count_registered(self, subject_ids: Sequence[UUID]) -> int:
        return sum(bool(self.recorder.select_events(s, limit=1)) for s in subject_ids)

    def flows_of(self, subject_id: UUID) -> list[tuple[UUID, date]]:
        with self.lock:
            return sorted(self.included.get(subject_id.hex, ()))

    def flows(self, controller_id: UUID | None, destination: str | None) -> list[UUID]:
        with self.lock:
            listed = sorted(self.flows_by_id.values(), key=lambda flow: flow.flow_ref)
        return [
            flow.flow_id
            for flow in listed
            if controller_id in (None, flow.controller_id)
            and destination in (None, flow.destination)
        ]

    def dump(self) -> list[tuple[object, ...]]:
        with self.lock:
            flows = [astuple(f) for _, f in sorted(self.flows_by_id.items())]
            members = [(*k, *astuple(m)) for k, m in sorted(self.members.items())]
            days = [(*k, v) for k, v in sorted(self.days.items()) if v]
            included = [
                (subject, flow.hex, day)
                for subject, flows in sorted(self.included.items())
                for flow, day in sorted(flows)
            ]
            return flows + included + members + days

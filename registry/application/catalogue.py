"""The purpose catalogue, found through the log's index of purpose definitions."""

from typing import cast
from uuid import UUID

from eventsourcing.utils import get_topic

from registry.application.base import RegistryBase
from registry.domain.consent.purpose import Purpose

PAGE = 500


class RegistryCatalogue(RegistryBase):
    def purposes(self) -> list[Purpose]:
        topic = get_topic(Purpose.Defined)
        ids: list[UUID] = []
        after = 0
        while True:
            page = self.recorder.select_notifications(
                after, PAGE, topics=[topic], inclusive_of_start=False
            )
            ids.extend(UUID(str(n.originator_id)) for n in page)
            if len(page) < PAGE:
                break
            after = page[-1].id
        purposes = [cast(Purpose, self.repository.get(i)) for i in ids]
        return sorted(purposes, key=lambda purpose: purpose.purpose_id)

"""The purpose catalogue, found through the log's index of purpose definitions."""

from typing import cast
from uuid import UUID

from registry.application.base import RegistryBase
from registry.domain.consent.purpose import Purpose
from registry.domain.moved import stored_topics

PAGE = 500


class RegistryCatalogue(RegistryBase):
    def purposes(self) -> list[Purpose]:
        topics = stored_topics(Purpose.Defined)
        ids: list[UUID] = []
        after = 0
        while True:
            page = self.recorder.select_notifications(
                after, PAGE, topics=topics, inclusive_of_start=False
            )
            ids.extend(UUID(str(n.originator_id)) for n in page)
            if len(page) < PAGE:
                break
            after = page[-1].id
        purposes = [cast(Purpose, self.repository.get(i)) for i in ids]
        return sorted(purposes, key=lambda purpose: purpose.purpose_id)

"""The PIPIA register: record, link, read, and dispose of after the retention period."""

from collections.abc import Callable
from datetime import date
from typing import cast

from registry.application.app import ConsentRegistry
from registry.application.flows import Flows
from registry.application.successions import Successions
from registry.domain.governance.pipia import (
    Disposal,
    ImpactAssessment,
    Links,
    Outcome,
    pipia_uuid,
)
from registry.errors import PipiaAlreadyRecorded, PipiaNotFound, RegistryError

NO_LINKS = Links()


class Assessments:
    def __init__(self, app: ConsentRegistry, successions: Successions, flows: Flows) -> None:
        self.app = app
        self.successions = successions
        self.flows = flows

    def record_assessment(
        self,
        pipia_ref: str,
        *,
        scope: str,
        risks: list[str],
        measures: list[str],
        conclusion: str,
        outcome: Outcome | str,
        reviewer: str,
        completed_on: date,
        links: Links = NO_LINKS,
    ) -> int:
        self._check_links(links)
        assessment = ImpactAssessment.record(
            pipia_ref,
            scope=scope,
            risks=risks,
            measures=measures,
            conclusion=conclusion,
            outcome=outcome,
            reviewer=reviewer,
            completed_on=completed_on,
            links=links,
            now=self.app.clock(),
        )
        return self.app.save_new(assessment, PipiaAlreadyRecorded(pipia_ref))

    def assessment(self, pipia_ref: str) -> ImpactAssessment:
        return cast(
            ImpactAssessment, self.app.load(pipia_uuid(pipia_ref), PipiaNotFound(pipia_ref))
        )

    def all(self) -> list[ImpactAssessment]:
        found: list[ImpactAssessment] = self.app.every(ImpactAssessment.Recorded)
        return sorted(found, key=lambda assessment: assessment.completed_on)

    def link_assessment(self, pipia_ref: str, links: Links) -> int | None:
        """Add what else the assessment covers; None when it already covered all of it."""
        self._check_links(links)
        assessment = self.assessment(pipia_ref)
        return self.app.save_all(assessment) if assessment.link(links) else None

    def dispose_of_assessment(self, pipia_ref: str, action: Disposal | str, *, reason: str) -> int:
        """Refused with `RetentionPeriodActive` before three years from completion."""
        assessment = self.assessment(pipia_ref)
        assessment.dispose(action, reason=reason, now=self.app.clock())
        return self.app.save_all(assessment)

    def _check_links(self, links: Links) -> None:
        finders: list[tuple[str, tuple[str, ...], Callable[[str], object]]] = [
            ("successions", links.successions, self.successions.succession),
            ("purposes", links.purposes, self.app.purpose),
            ("flows", links.flows, self.flows.data_flow),
        ]
        for field, refs, find in finders:
            for ref in refs:
                try:
                    find(ref)
                except RegistryError as error:
                    error.field = field
                    raise

"""The PIPIA register: record, link, read, and dispose of after the retention period."""

from collections.abc import Callable
from datetime import date
from typing import cast

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import RecordConflictError

from registry.application.holdings import originators
from registry.application.successions import RegistrySuccessions
from registry.domain.governance.pipia import (
    Disposal,
    ImpactAssessment,
    Links,
    Outcome,
    pipia_uuid,
)
from registry.errors import PipiaAlreadyRecorded, PipiaNotFound, RegistryError

NO_LINKS = Links()


class RegistryAssessments(RegistrySuccessions):
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
            now=self.clock(),
        )
        try:
            return self.save_all(assessment)
        except RecordConflictError:
            raise PipiaAlreadyRecorded(pipia_ref) from None

    def assessment(self, pipia_ref: str) -> ImpactAssessment:
        try:
            return cast(ImpactAssessment, self.repository.get(pipia_uuid(pipia_ref)))
        except AggregateNotFoundError:
            raise PipiaNotFound(pipia_ref) from None

    def assessments(self) -> list[ImpactAssessment]:
        ids = originators(self.recorder, ImpactAssessment.Recorded)
        found = [cast(ImpactAssessment, self.repository.get(i)) for i in ids]
        return sorted(found, key=lambda assessment: assessment.completed_on)

    def link_assessment(self, pipia_ref: str, links: Links) -> int | None:
        """Add what else the assessment covers; None when it already covered all of it."""
        self._check_links(links)
        assessment = self.assessment(pipia_ref)
        return self.save_all(assessment) if assessment.link(links) else None

    def dispose_of_assessment(self, pipia_ref: str, action: Disposal | str, *, reason: str) -> int:
        """Refused with `RetentionPeriodActive` before three years from completion."""
        assessment = self.assessment(pipia_ref)
        assessment.dispose(action, reason=reason, now=self.clock())
        return self.save_all(assessment)

    def _check_links(self, links: Links) -> None:
        finders: list[tuple[str, tuple[str, ...], Callable[[str], object] | None]] = [
            ("successions", links.successions, self.succession),
            ("purposes", links.purposes, self.purpose),
            # Checked when this registry keeps the data-flow register.
            ("flows", links.flows, getattr(self, "data_flow", None)),
        ]
        for field, refs, find in finders:
            for ref in refs:
                if find is None:
                    continue
                try:
                    find(ref)
                except RegistryError as error:
                    error.field = field
                    raise

"""The incident register: open, act, notify, close, and report deadlines met or missed."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from registry.application.app import ConsentRegistry
from registry.application.lineage import Lineage
from registry.application.retry import retry_on_conflict
from registry.domain.governance.incident import (
    Incident,
    Notification,
    OperatorClass,
    Severity,
    incident_uuid,
)
from registry.domain.governance.incident_rules import Deadline, deadlines
from registry.errors import IncidentAlreadyOpened, IncidentNotFound, InvalidValueError


@dataclass(frozen=True)
class IncidentReport:
    incident: Incident
    as_of: datetime
    deadlines: list[Deadline]

    @property
    def missed(self) -> list[Deadline]:
        return [d for d in self.deadlines if d.status.value in {"missed", "overdue"}]


class Incidents:
    def __init__(self, app: ConsentRegistry, lineage: Lineage) -> None:
        self.app = app
        self.lineage = lineage

    def open_incident(
        self,
        incident_ref: str,
        *,
        controller: str,
        title: str,
        severity: Severity | str,
        discovered_at: datetime,
        categories: Sequence[str],
        subjects_affected: int,
        customer_refs: Sequence[str] = (),
        measures: Sequence[str] = (),
        operator: OperatorClass | str | None = None,
    ) -> int:
        """`operator` defaults to the controller's class: CII operator or any other."""
        source = self.app.controller(controller)
        if subjects_affected < 0:
            raise InvalidValueError("subjects_affected", subjects_affected, "must not be negative")
        subject_ids = [self.lineage.resolve_subject(source.id, ref) for ref in customer_refs]
        for customer_ref, subject_id in zip(customer_refs, subject_ids, strict=True):
            if not self.app.subject_exists(subject_id):
                raise InvalidValueError("customer_refs", customer_ref, "is not registered")
        incident = Incident.open(
            incident_ref,
            controller_ref=controller,
            title=title,
            severity=severity,
            operator=operator or (OperatorClass.CIIO if source.ciio else OperatorClass.OTHER),
            discovered_at=discovered_at,
            categories=categories,
            subjects_affected=subjects_affected,
            subject_ids=subject_ids,
            measures=measures,
            now=self.app.clock(),
        )
        return self.app.save_new(incident, IncidentAlreadyOpened(incident_ref))

    def incident(self, incident_ref: str) -> Incident:
        return cast(
            Incident, self.app.load(incident_uuid(incident_ref), IncidentNotFound(incident_ref))
        )

    def all(self) -> list[Incident]:
        found: list[Incident] = self.app.every(Incident.Opened)
        return sorted(found, key=lambda incident: incident.discovered_at)

    def take_incident_measure(self, incident_ref: str, measure: str, *, taken_at: datetime) -> int:
        return self._change(
            incident_ref, lambda i, now: i.take_measure(measure, taken_at=taken_at, now=now)
        )

    def notify_incident(self, incident_ref: str, notification: Notification) -> int:
        return self._change(incident_ref, lambda i, now: i.notify(notification, now=now))

    def waive_individual_notice(self, incident_ref: str, reason: str) -> int:
        return self._change(incident_ref, lambda i, now: i.waive_individual_notice(reason))

    def regrade_incident(self, incident_ref: str, severity: Severity | str, *, reason: str) -> int:
        return self._change(
            incident_ref, lambda i, now: i.regrade(severity, reason=reason, now=now)
        )

    def close_incident(
        self, incident_ref: str, conclusion: str, *, handling_ended_at: datetime
    ) -> int:
        return self._change(
            incident_ref,
            lambda i, now: i.close(conclusion, handling_ended_at=handling_ended_at, now=now),
        )

    def report_incident_summary(self, incident_ref: str, *, reported_at: datetime) -> int:
        return self._change(
            incident_ref, lambda i, now: i.report_summary(reported_at=reported_at, now=now)
        )

    def incident_report(self, incident_ref: str) -> IncidentReport:
        now = self.app.clock()
        incident = self.incident(incident_ref)
        return IncidentReport(incident, now, deadlines(incident, now))

    def _change(self, incident_ref: str, change: Callable[[Incident, datetime], None]) -> int:
        def attempt() -> int:
            incident = self.incident(incident_ref)
            change(incident, self.app.clock())
            return self.app.save_all(incident)

        return retry_on_conflict(attempt)

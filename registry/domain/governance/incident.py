"""Incident: a personal information security incident (PIPL Art. 57), graded and reported
under the CAC's 2025 incident-reporting Measures.

Opened (grade, operator class, when discovered, categories, how many people and, when known,
which) → measures taken, the authority notified, individuals notified (or the reason they
need not be, Art. 57(2)), re-graded as facts emerge → Closed with a conclusion when handling
ends → the summary report sent (Measures Art. 8). Deadlines are judged in `incident_rules`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.domain.consent.consent import check_aware, check_not_in_future
from registry.errors import IncidentStatusForbids, InvalidValueError

INCIDENT_NAMESPACE = UUID("d2f86a17-4c0b-4e59-8a3e-71b5c9e0f4d6")


def incident_uuid(incident_ref: str) -> UUID:
    return uuid5(INCIDENT_NAMESPACE, incident_ref)


class Severity(StrEnum):
    """The four grades of the Measures' annex, most serious first."""

    ESPECIALLY_MAJOR = "especially_major"
    MAJOR = "major"
    RELATIVELY_MAJOR = "relatively_major"
    GENERAL = "general"


class OperatorClass(StrEnum):
    CIIO = "ciio"
    STATE_ORGAN = "state_organ"
    OTHER = "other"


@dataclass(frozen=True)
class Notification:
    to: str
    """"authority" (with its name in `recipient`) or "individuals"."""
    recipient: str
    at: datetime
    channel: str
    count: int | None = None
    """Individuals notified, when `to` is individuals."""


def _enum(kind: type[StrEnum], field: str, value: object) -> StrEnum:
    try:
        return kind(str(value))
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidValueError(field, value, f"must be one of: {allowed}") from None


def _time(field: str, value: datetime, now: datetime) -> None:
    check_aware(field, value)
    check_not_in_future(field, value, now)


def _not_before(field: str, value: datetime, earlier: datetime, fact: str) -> None:
    """`value` records what follows `fact` (at `earlier`), so cannot precede it."""
    if value < earlier:
        problem = f"is before the incident {fact} ({earlier.isoformat()})"
        raise InvalidValueError(field, value.isoformat(), problem)


class Incident(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(incident_ref: str) -> UUID:
        return incident_uuid(incident_ref)

    @classmethod
    def open(
        cls,
        incident_ref: str,
        *,
        controller_ref: str,
        title: str,
        severity: Severity | str,
        operator: OperatorClass | str,
        discovered_at: datetime,
        categories: Sequence[str],
        subjects_affected: int,
        subject_ids: Sequence[UUID] = (),
        measures: Sequence[str] = (),
        now: datetime,
    ) -> "Incident":
        for field, text in (("incident", incident_ref), ("title", title)):
            if not text.strip():
                raise InvalidValueError(field, text, "must not be empty")
        _time("discovered_at", discovered_at, now)
        if subjects_affected < len(set(subject_ids)):
            raise InvalidValueError(
                "subjects_affected", subjects_affected, "is fewer than the subjects named"
            )
        return cls._create(
            cls.Opened,
            id=incident_uuid(incident_ref),
            incident_ref=incident_ref,
            controller_ref=controller_ref,
            title=title,
            severity=_enum(Severity, "severity", severity).value,
            operator=_enum(OperatorClass, "operator", operator).value,
            discovered_at=discovered_at,
            categories=list(categories),
            subjects_affected=subjects_affected,
            subjects=[s.hex for s in subject_ids],
            measures=list(measures),
            opened_at=now,
        )

    class Opened(Aggregate.Created):
        class_version = 1
        incident_ref: str
        controller_ref: str
        title: str
        severity: str
        operator: str
        discovered_at: datetime
        categories: list[str]
        subjects_affected: int
        subjects: list[str]
        measures: list[str]
        opened_at: datetime

    @event(Opened)
    def __init__(
        self,
        incident_ref: str,
        controller_ref: str,
        title: str,
        severity: str,
        operator: str,
        discovered_at: datetime,
        categories: list[str],
        subjects_affected: int,
        subjects: list[str],
        measures: list[str],
        opened_at: datetime,
    ) -> None:
        self.incident_ref, self.controller_ref, self.title = incident_ref, controller_ref, title
        self.severity, self.operator = Severity(severity), OperatorClass(operator)
        self.discovered_at, self.opened_at = discovered_at, opened_at
        self.categories, self.subjects_affected = tuple(categories), subjects_affected
        self.subject_ids = tuple(UUID(s) for s in subjects)
        self.measures: list[tuple[str, datetime]] = [(m, opened_at) for m in measures]
        self.notifications: list[Notification] = []
        self.individuals_waived: str | None = None
        self.regradings: list[tuple[Severity, str, datetime]] = []
        self.closed: tuple[datetime, str] | None = None
        self.summary_reported_at: datetime | None = None

    class MeasureTaken(Aggregate.Event):
        class_version = 1
        measure: str
        taken_at: datetime

    def take_measure(self, measure: str, *, taken_at: datetime, now: datetime) -> None:
        self.check_open("given measures")
        _time("taken_at", taken_at, now)
        _not_before("taken_at", taken_at, self.discovered_at, "was discovered")
        if not measure.strip():
            raise InvalidValueError("measure", measure, "must not be empty")
        self._measure_taken(measure, taken_at)

    @event(MeasureTaken)
    def _measure_taken(self, measure: str, taken_at: datetime) -> None:
        self.measures.append((measure, taken_at))

    class Notified(Aggregate.Event):
        class_version = 1
        to: str
        recipient: str
        at: datetime
        channel: str
        count: int | None

    def notify(self, notification: Notification, *, now: datetime) -> None:
        """Late notices are recorded too: the report then shows the deadline missed."""
        if notification.to not in {"authority", "individuals"}:
            raise InvalidValueError("to", notification.to, "must be authority or individuals")
        for field, text in (
            ("recipient", notification.recipient),
            ("channel", notification.channel),
        ):
            if not text.strip():
                raise InvalidValueError(field, text, "must not be empty")
        _time("at", notification.at, now)
        _not_before("at", notification.at, self.discovered_at, "was discovered")
        self._notified(**vars(notification))

    @event(Notified)
    def _notified(
        self, to: str, recipient: str, at: datetime, channel: str, count: int | None
    ) -> None:
        self.notifications.append(Notification(to, recipient, at, channel, count))

    class IndividualNoticeWaived(Aggregate.Event):
        class_version = 1
        reason: str

    def waive_individual_notice(self, reason: str) -> None:
        """Measures avoided harm to the individuals, so they need not be told (Art. 57(2))."""
        if not reason.strip():
            raise InvalidValueError("reason", reason, "say why individuals are not told")
        self._waived(reason)

    @event(IndividualNoticeWaived)
    def _waived(self, reason: str) -> None:
        self.individuals_waived = reason

    class Regraded(Aggregate.Event):
        class_version = 1
        severity: str
        reason: str
        at: datetime

    def regrade(self, severity: Severity | str, *, reason: str, now: datetime) -> None:
        self.check_open("re-graded")
        graded = _enum(Severity, "severity", severity)
        if not reason.strip():
            raise InvalidValueError("reason", reason, "say why the grade changes")
        self._regraded(graded.value, reason, now)

    @event(Regraded)
    def _regraded(self, severity: str, reason: str, at: datetime) -> None:
        self.regradings.append((Severity(severity), reason, at))
        self.severity = Severity(severity)

    class Closed(Aggregate.Event):
        class_version = 1
        handling_ended_at: datetime
        conclusion: str

    def close(self, conclusion: str, *, handling_ended_at: datetime, now: datetime) -> None:
        self.check_open("closed again")
        _time("handling_ended_at", handling_ended_at, now)
        _not_before("handling_ended_at", handling_ended_at, self.discovered_at, "was discovered")
        if not conclusion.strip():
            raise InvalidValueError("conclusion", conclusion, "must not be empty")
        self._closed(handling_ended_at, conclusion)

    @event(Closed)
    def _closed(self, handling_ended_at: datetime, conclusion: str) -> None:
        self.closed = (handling_ended_at, conclusion)

    class SummaryReported(Aggregate.Event):
        class_version = 1
        reported_at: datetime

    def report_summary(self, *, reported_at: datetime, now: datetime) -> None:
        if self.closed is None:
            raise IncidentStatusForbids(self.incident_ref, "open", "summarised before closing")
        _time("reported_at", reported_at, now)
        _not_before("reported_at", reported_at, self.closed[0], "handling ended")
        self._summary_reported(reported_at)

    @event(SummaryReported)
    def _summary_reported(self, reported_at: datetime) -> None:
        self.summary_reported_at = reported_at

    def check_open(self, action: str) -> None:
        if self.closed is not None:
            raise IncidentStatusForbids(self.incident_ref, "closed", action)

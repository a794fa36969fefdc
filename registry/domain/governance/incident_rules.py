"""Reporting deadlines of an incident, and whether each was met.

From the CAC's incident-reporting Measures (in force 2025-11-01): incidents graded relatively
major or above are reported to the authority within 1 hour of discovery by CII operators,
2 hours by central and state organs, 4 hours by every other operator (Art. 4); a summary
report follows within 30 days after handling ends (Art. 8). General incidents are not
reported under the Measures. PIPL Art. 57 asks, for any personal information incident, that
the authority and the individuals be told without delay (no fixed hours); individuals need
not be told when the measures taken avoided harm (Art. 57(2)). An incident discovered before
the Measures took effect is judged without them.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from registry.domain.governance.incident import Incident, OperatorClass, Severity

MEASURES_IN_FORCE = datetime(2025, 11, 1, tzinfo=UTC) - timedelta(hours=8)  # 00:00 Beijing
INITIAL_REPORT_HOURS = {OperatorClass.CIIO: 1, OperatorClass.STATE_ORGAN: 2, OperatorClass.OTHER: 4}
SUMMARY_DAYS = 30
REPORTABLE = frozenset({Severity.ESPECIALLY_MAJOR, Severity.MAJOR, Severity.RELATIVELY_MAJOR})
MEASURES = "CAC Incident Reporting Measures"


class DeadlineStatus(StrEnum):
    MET = "met"
    MISSED = "missed"
    """Done after the deadline, or never done by an incident now closed."""
    OVERDUE = "overdue"
    """Not done, and the deadline has passed."""
    OPEN = "open"
    """Not done yet, and still in time."""
    NOT_REQUIRED = "not_required"


@dataclass(frozen=True)
class Deadline:
    duty: str
    article: str
    due_at: datetime | None
    """None: "without delay", with no fixed hours."""
    done_at: datetime | None
    status: DeadlineStatus
    note: str = ""


def deadlines(incident: Incident, now: datetime) -> list[Deadline]:
    return [
        _initial_report(incident, now),
        _summary_report(incident, now),
        _authority_notice(incident),
        _individual_notice(incident),
    ]


def _first(incident: Incident, to: str) -> datetime | None:
    times = [n.at for n in incident.notifications if n.to == to]
    return min(times) if times else None


def _judge(due: datetime, done: datetime | None, now: datetime) -> DeadlineStatus:
    if done is not None:
        return DeadlineStatus.MET if done <= due else DeadlineStatus.MISSED
    return DeadlineStatus.OVERDUE if now > due else DeadlineStatus.OPEN


def _not_required(incident: Incident) -> str | None:
    if incident.discovered_at < MEASURES_IN_FORCE:
        return "discovered before the Measures took effect (2025-11-01)"
    if incident.severity not in REPORTABLE:
        return "general incidents are not reported under the Measures"
    return None


def _initial_report(incident: Incident, now: datetime) -> Deadline:
    duty, article = "report to the authority", f"{MEASURES} Art. 4"
    done = _first(incident, "authority")
    if (why := _not_required(incident)) is not None:
        return Deadline(duty, article, None, done, DeadlineStatus.NOT_REQUIRED, why)
    hours = INITIAL_REPORT_HOURS[incident.operator]
    due = incident.discovered_at + timedelta(hours=hours)
    note = f"within {hours} h of discovery ({incident.operator.value})"
    return Deadline(duty, article, due, done, _judge(due, done, now), note)


def _summary_report(incident: Incident, now: datetime) -> Deadline:
    duty, article = "summary report after handling", f"{MEASURES} Art. 8"
    done = incident.summary_reported_at
    if (why := _not_required(incident)) is not None:
        return Deadline(duty, article, None, done, DeadlineStatus.NOT_REQUIRED, why)
    if incident.closed is None:
        return Deadline(duty, article, None, done, DeadlineStatus.OPEN, "due once handling ends")
    due = incident.closed[0] + timedelta(days=SUMMARY_DAYS)
    note = f"within {SUMMARY_DAYS} days after handling ended"
    return Deadline(duty, article, due, done, _judge(due, done, now), note)


def _authority_notice(incident: Incident) -> Deadline:
    done = _first(incident, "authority")
    status = DeadlineStatus.MET if done else _unmet(incident)
    return Deadline(
        "notify the personal information authority",
        "PIPL Art. 57",
        None,
        done,
        status,
        "without delay",
    )


def _individual_notice(incident: Incident) -> Deadline:
    duty, article = "notify the individuals", "PIPL Art. 57"
    done = _first(incident, "individuals")
    if done is None and incident.individuals_waived:
        return Deadline(
            duty,
            f"{article}(2)",
            None,
            None,
            DeadlineStatus.NOT_REQUIRED,
            incident.individuals_waived,
        )
    status = DeadlineStatus.MET if done else _unmet(incident)
    return Deadline(duty, article, None, done, status, "without delay")


def _unmet(incident: Incident) -> DeadlineStatus:
    return DeadlineStatus.MISSED if incident.closed is not None else DeadlineStatus.OPEN

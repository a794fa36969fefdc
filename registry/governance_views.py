"""Governance records as plain data, the same for the API and the command line: JSON-ready
dicts, and tables (columns, rows) for CSV exports."""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from registry.application.classification import ClassificationReport
from registry.application.due import DueItem
from registry.application.incidents import IncidentReport
from registry.domain.governance.classification import DataCategory
from registry.domain.governance.pipia import ARTICLES, ImpactAssessment
from registry.domain.governance.succession_report import NOTICE_COLUMNS, SuccessionReport

Table = tuple[Sequence[str], list[tuple[Any, ...]]]


def plain(value: Any) -> Any:
    """Dates as ISO text, enums as their values, containers recursively."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return getattr(value, "value", value)


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table[0])
    writer.writerows([[plain(cell) for cell in row] for row in table[1]])
    return out.getvalue()


def succession_json(report: SuccessionReport) -> dict[str, Any]:
    summary = plain(report.summary())
    summary["subjects_notices"] = [
        dict(zip(NOTICE_COLUMNS, line.row(), strict=True)) for line in report.lines
    ]
    return dict(summary)


def succession_table(report: SuccessionReport) -> Table:
    return NOTICE_COLUMNS, [line.row() for line in report.lines]


def standing_table(report: SuccessionReport) -> Table:
    """Where the transfer stands, one count a row: the standing, then responses by kind."""
    counts = [
        *report.standing.items(),
        *(("responses." + k, n) for k, n in report.responses.items()),
    ]
    return ("measure", "count"), [(measure, count) for measure, count in counts]


def category_json(category: DataCategory) -> dict[str, Any]:
    current = category.current
    return {
        "category": category.category_id,
        **plain(asdict(current)),
        "history": [plain(asdict(entry)) for entry in category.history],
    }


def register_json(report: ClassificationReport) -> dict[str, Any]:
    return dict(plain(asdict(report)))


def register_table(report: ClassificationReport) -> Table:
    columns = ("category", "level", "article", "rationale", "classified_at", "purposes")
    rows = [
        (
            line.category_id,
            line.level,
            line.article,
            line.rationale,
            line.classified_at,
            " ".join(line.purposes),
        )
        for line in report.categories
    ]
    return columns, rows


def assessment_json(assessment: ImpactAssessment) -> dict[str, Any]:
    disposal = assessment.disposal
    return plain(
        {
            "pipia": assessment.pipia_ref,
            "scope": assessment.scope,
            "risks": assessment.risks,
            "measures": assessment.measures,
            "conclusion": assessment.conclusion,
            "outcome": assessment.outcome,
            "reviewer": assessment.reviewer,
            "completed_on": assessment.completed_on,
            "kept_until": assessment.kept_until,
            "successions": assessment.links.successions,
            "flows": assessment.links.flows,
            "purposes": assessment.links.purposes,
            "articles": list(ARTICLES),
            "disposal": None
            if disposal is None
            else {"action": disposal[0], "reason": disposal[1], "at": disposal[2]},
        }
    )


def assessments_table(assessments: Iterable[ImpactAssessment]) -> Table:
    columns = (
        "pipia",
        "completed_on",
        "kept_until",
        "outcome",
        "reviewer",
        "scope",
        "successions",
        "flows",
        "purposes",
        "disposal",
    )
    rows = [
        (
            a.pipia_ref,
            a.completed_on,
            a.kept_until,
            a.outcome,
            a.reviewer,
            a.scope,
            " ".join(a.links.successions),
            " ".join(a.links.flows),
            " ".join(a.links.purposes),
            a.disposal[0] if a.disposal else None,
        )
        for a in assessments
    ]
    return columns, rows


def incident_json(report: IncidentReport) -> dict[str, Any]:
    incident = report.incident
    return plain(
        {
            "incident": incident.incident_ref,
            "controller": incident.controller_ref,
            "title": incident.title,
            "severity": incident.severity,
            "operator": incident.operator,
            "discovered_at": incident.discovered_at,
            "categories": incident.categories,
            "subjects_affected": incident.subjects_affected,
            "subjects_known": [str(s) for s in incident.subject_ids],
            "measures": [{"measure": m, "taken_at": at} for m, at in incident.measures],
            "notifications": [asdict(n) for n in incident.notifications],
            "individual_notice_waived": incident.individuals_waived,
            "regradings": [
                {"severity": s, "reason": r, "at": at} for s, r, at in incident.regradings
            ],
            "closed_at": incident.closed[0] if incident.closed else None,
            "conclusion": incident.closed[1] if incident.closed else None,
            "summary_reported_at": incident.summary_reported_at,
            "as_of": report.as_of,
            "deadlines": [asdict(d) for d in report.deadlines],
            "deadlines_missed": [d.duty for d in report.missed],
        }
    )


def incidents_table(reports: Iterable[IncidentReport]) -> Table:
    columns = (
        "incident",
        "severity",
        "operator",
        "discovered_at",
        "duty",
        "article",
        "due_at",
        "done_at",
        "status",
        "note",
    )
    rows = [
        (
            r.incident.incident_ref,
            r.incident.severity,
            r.incident.operator,
            r.incident.discovered_at,
            d.duty,
            d.article,
            d.due_at,
            d.done_at,
            d.status,
            d.note,
        )
        for r in reports
        for d in r.deadlines
    ]
    return columns, rows


DUE_COLUMNS = ("due_on", "kind", "ref", "what", "article", "count")


def due_json(items: Iterable[DueItem]) -> list[dict[str, Any]]:
    return [dict(plain(asdict(item))) for item in items]


def due_table(items: Iterable[DueItem]) -> Table:
    return DUE_COLUMNS, [tuple(asdict(item).values()) for item in items]

"""/v1/incidents: open, measures, notifications, re-grade, close, summary; deadline reports."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from registry.api.deps import Context, HistoryReader
from registry.api.reports import REPORT, Compliance, Format, report_response
from registry.api.schemas.common import Ref
from registry.api.schemas.governance import (
    CloseCreate,
    IncidentCreate,
    MeasureCreate,
    NotificationCreate,
    ReasonCreate,
    RegradeCreate,
    SummaryCreate,
)
from registry.application.incidents import Incidents
from registry.domain.governance.incident import Notification
from registry.governance_views import incident_json, incidents_table

router = APIRouter(prefix="/v1/incidents", tags=["incidents"])
IncidentRef = Annotated[Ref, Path(description="the incident's reference")]


@router.post("", status_code=201)
def open_incident(body: IncidentCreate, ctx: Context, _: Compliance) -> dict[str, Any]:
    position = ctx.registry.incidents.open_incident(
        body.incident,
        controller=body.controller or ctx.default_controller,
        title=body.title,
        severity=body.severity,
        operator=body.operator,
        discovered_at=body.discovered_at,
        categories=body.categories,
        subjects_affected=body.subjects_affected,
        customer_refs=body.customer_refs,
        measures=body.measures,
    )
    return {
        **incident_json(ctx.registry.incidents.incident_report(body.incident)),
        "position": position,
    }


@router.get("", responses=REPORT)
def list_incidents(ctx: Context, _: HistoryReader, fmt: Format = "json") -> Response:
    reports = [
        ctx.registry.incidents.incident_report(i.incident_ref) for i in ctx.registry.incidents.all()
    ]
    body = [incident_json(r) for r in reports]
    return report_response(body, incidents_table(reports), fmt, "incidents")


@router.get("/{incident}", responses=REPORT)
def incident(
    incident: IncidentRef, ctx: Context, _: HistoryReader, fmt: Format = "json"
) -> Response:
    found = ctx.registry.incidents.incident_report(incident)
    return report_response(incident_json(found), incidents_table([found]), fmt, incident)


def _changed(ctx: Context, incident: str, change: Callable[[Incidents], int]) -> dict:
    position = change(ctx.registry.incidents)
    return {**incident_json(ctx.registry.incidents.incident_report(incident)), "position": position}


@router.post("/{incident}/measures")
def measure(incident: IncidentRef, body: MeasureCreate, ctx: Context, _: Compliance) -> dict:
    return _changed(
        ctx,
        incident,
        lambda r: r.take_incident_measure(incident, body.measure, taken_at=body.taken_at),
    )


@router.post("/{incident}/notifications")
def notify(incident: IncidentRef, body: NotificationCreate, ctx: Context, _: Compliance) -> dict:
    notice = Notification(body.to, body.recipient, body.at, body.channel, body.count)
    return _changed(ctx, incident, lambda r: r.notify_incident(incident, notice))


@router.post("/{incident}/waiver")
def waive(incident: IncidentRef, body: ReasonCreate, ctx: Context, _: Compliance) -> dict:
    return _changed(ctx, incident, lambda r: r.waive_individual_notice(incident, body.reason))


@router.post("/{incident}/grade")
def regrade(incident: IncidentRef, body: RegradeCreate, ctx: Context, _: Compliance) -> dict:
    return _changed(
        ctx, incident, lambda r: r.regrade_incident(incident, body.severity, reason=body.reason)
    )


@router.post("/{incident}/close")
def close(incident: IncidentRef, body: CloseCreate, ctx: Context, _: Compliance) -> dict:
    return _changed(
        ctx,
        incident,
        lambda r: r.close_incident(
            incident, body.conclusion, handling_ended_at=body.handling_ended_at
        ),
    )


@router.post("/{incident}/summary")
def summary(incident: IncidentRef, body: SummaryCreate, ctx: Context, _: Compliance) -> dict:
    return _changed(
        ctx, incident, lambda r: r.report_incident_summary(incident, reported_at=body.reported_at)
    )

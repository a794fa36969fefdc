"""For regulators and auditors: the global log, the access log, verify and export."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, StreamingResponse

from registry.api.access import AccessControl
from registry.api.deps import Auditor, Context
from registry.api.reports import attachment
from registry.api.schemas.events import EventPage, event_public
from registry.audit.export import export_lines
from registry.audit.ledger import AuditLedger
from registry.audit.signing import public_key_pem

router = APIRouter(prefix="/v1/audit", tags=["audit"])
MAX_INT = 2**63 - 1
"""The largest integer the stores hold (positions and offsets are 64-bit)."""


def _ledger(request: Request) -> AuditLedger:
    ledger: AuditLedger = request.app.state.ledger
    return ledger


@router.get("/events", response_model=EventPage)
def list_events(
    ctx: Context,
    _: Auditor,
    after: Annotated[int, Query(ge=0, le=MAX_INT, description="last position already read")] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> EventPage:
    events = ctx.registry.queries.event_log(after, limit)
    next_after = events[-1].position if len(events) == limit else None
    return EventPage(events=[event_public(e) for e in events], next_after=next_after)


@router.get("/access-log")
def list_access(
    request: Request,
    _: Auditor,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
) -> dict[str, object]:
    control: AccessControl = request.app.state.access
    entries = control.log.entries(limit=limit, offset=offset)
    return {"entries": [vars(entry) for entry in entries]}


@router.get("/verify")
def verify(request: Request, _: Auditor) -> dict[str, object]:
    ledger = _ledger(request)
    ledger.catch_up()
    result = ledger.verify()
    return {
        "ok": result.ok,
        "events_checked": result.events_checked,
        "head": result.head,
        "first_bad_position": result.first_bad_position,
        "reason": result.reason or None,
    }


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/x-ndjson": {}}, "description": "one event a line"}},
)
def export(request: Request, _: Auditor) -> StreamingResponse:
    return StreamingResponse(
        export_lines(_ledger(request)),
        media_type="application/x-ndjson",
        headers=attachment("consentry-audit.ndjson"),
    )


@router.get("/public-key", response_class=PlainTextResponse)
def public_key(request: Request) -> str:
    """The key that verifies exports offline (`consentry verify FILE --public-key KEY`)."""
    return public_key_pem(_ledger(request).key)

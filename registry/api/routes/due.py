"""/v1/due: what falls due by a date (PIPIA reviews, flow mechanisms lapsing, compliance
audits, consents expiring), earliest first, each with its article."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from registry.api.deps import Context, HistoryReader
from registry.api.reports import REPORT, Format, report_response
from registry.governance_views import due_json, due_table

router = APIRouter(prefix="/v1/due", tags=["due"])


@router.get("", responses=REPORT)
def due(
    ctx: Context,
    _: HistoryReader,
    until: Annotated[date, Query(description="ISO date: what falls due by then")],
    fmt: Format = "json",
) -> Response:
    items = ctx.registry.due.due(until)
    return report_response(
        {"until": until.isoformat(), "items": due_json(items)}, due_table(items), fmt, "due"
    )

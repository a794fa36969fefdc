"""What the governance routes share: the compliance role, and reports as JSON or CSV."""

from typing import Annotated, Any, Literal

from fastapi import Depends, Query
from fastapi.responses import JSONResponse, Response

from registry.api.access import require
from registry.api.auth import Principal
from registry.governance_views import Table, to_csv
from registry.roles import COMPLIANCE

Compliance = Annotated[Principal, Depends(require(*COMPLIANCE))]
REPORT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the report: JSON, or CSV with ?format=csv",
        "content": {"application/json": {}, "text/csv": {}},
    }
}
Format = Annotated[Literal["json", "csv"], Query(alias="format", description="json or csv")]


def report_response(body: Any, table: Table, fmt: str, filename: str) -> Response:
    if fmt == "csv":
        return Response(
            to_csv(table),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
        )
    return JSONResponse(body)

"""What the governance routes share: the compliance role, and reports as JSON or CSV."""

import re
from typing import Annotated, Any, Literal
from urllib.parse import quote

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
UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]")


def attachment(filename: str) -> dict[str, str]:
    """The `Content-Disposition` of a download named `filename`, whatever it holds: an ASCII
    fallback for old clients, and the real name percent-encoded (RFC 6266, RFC 5987), so
    that no character of a reference reaches the header as it is."""
    fallback = UNSAFE_IN_FILENAME.sub("_", filename)
    encoded = quote(filename, safe="")
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"
    return {"Content-Disposition": disposition}


def report_response(body: Any, table: Table, fmt: str, filename: str) -> Response:
    if fmt == "csv":
        return Response(
            to_csv(table),
            media_type="text/csv; charset=utf-8",
            headers=attachment(f"{filename}.csv"),
        )
    return JSONResponse(body)

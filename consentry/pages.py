"""The web pages: one page of plain HTML, CSS and JavaScript served by the API itself.

Everything the pages need ships in `consentry/static/`; nothing is fetched from elsewhere,
and the Content-Security-Policy of the page says so to the browser.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from registry.api.access import authenticate
from registry.api.auth import Principal

WHOAMI_PATH = "/v1/whoami"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def whoami(principal: Annotated[Principal, Depends(authenticate)]) -> dict[str, str]:
    """The role behind the presented key, so the pages show only what it may see."""
    return {"role": principal.role.value, "label": principal.label, "key_id": principal.key_id}


def _index_html() -> str:
    return resources.files("consentry").joinpath("static/index.html").read_text("utf-8")


def mount_pages(app: FastAPI) -> None:
    """Serve the pages at `/` and their files at `/static/`; add `GET /v1/whoami` unless the
    API already has it."""
    if not any(getattr(route, "path", None) == WHOAMI_PATH for route in app.routes):
        app.add_api_route(WHOAMI_PATH, whoami, methods=["GET"], tags=["access"])
    page = _index_html()

    async def index() -> HTMLResponse:
        return HTMLResponse(page, headers=PAGE_HEADERS)

    app.add_api_route("/", index, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(packages=[("consentry", "static")]), name="static")

"""The web pages: one page of plain HTML, CSS and JavaScript served by the API itself.

Everything the pages need ships in `consentry/static/`; nothing is fetched from elsewhere,
and the Content-Security-Policy of the page says so to the browser. The pages learn the
signed-in role from `GET /v1/whoami`.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

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


def _index_html() -> str:
    return resources.files("consentry").joinpath("static/index.html").read_text("utf-8")


def mount_pages(app: FastAPI) -> None:
    """Serve the pages at `/` and their files at `/static/`."""
    page = _index_html()

    async def index() -> HTMLResponse:
        return HTMLResponse(page, headers=PAGE_HEADERS)

    app.add_api_route("/", index, methods=["GET"], include_in_schema=False)
    app.mount("/static", StaticFiles(packages=[("consentry", "static")]), name="static")

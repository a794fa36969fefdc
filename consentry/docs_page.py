"""The API docs at `/docs` (Swagger UI), served from the application's own files: the scripts
come from the `fastapi-offline` package's static files (MIT; Swagger UI 5, which reads OpenAPI
3.1), so the page works with no network at all. There is no `/redoc`: ReDoc's page loads an
image from its vendor's CDN whatever it is told."""

from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"


def mount_docs(app: FastAPI) -> None:
    """The page and its files under `/docs/assets/`; create the app with
    `docs_url=None` and `redoc_url=None`, whose defaults load their scripts from a CDN."""
    openapi_url = app.openapi_url or "/openapi.json"

    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png",
        )

    app.add_api_route("/docs", swagger, methods=["GET"], include_in_schema=False)
    static = files("fastapi_offline") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(static)), name="docs-assets")

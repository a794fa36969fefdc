"""The FastAPI application factory."""

from fastapi import FastAPI

from consentry.pages import mount_pages
from registry.settings import RegistrySettings


def create_app(registry_settings: RegistrySettings | None = None) -> FastAPI:
    registry_settings = registry_settings or RegistrySettings()
    app = FastAPI(title="Consentry", version="0.1.0")

    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    mount_pages(app)
    return app

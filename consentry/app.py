"""The FastAPI application factory: wires the registry, its API, the audit ledger, the
assistant and the pages from one `Settings` bundle."""

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import Response

from assistant.api import ASSISTANT_PROBLEMS
from consentry.docs_page import mount_docs
from consentry.pages import mount_pages
from consentry.services import Services, open_services
from consentry.settings import Settings
from registry.api.access import authenticate, require
from registry.api.auth import Principal
from registry.api.idempotency import IdempotencyMiddleware
from registry.api.limits import BodySizeLimitMiddleware
from registry.api.metrics import Metrics, MetricsMiddleware
from registry.api.openapi import document_problems
from registry.api.problems import install_problem_handlers
from registry.api.routes import ROUTERS
from registry.roles import AUDITORS

log = logging.getLogger("consentry")


def create_app(
    settings: Settings | None = None,
    services: Services | None = None,
    *,
    index_knowledge: bool = False,
) -> FastAPI:
    """The app. With `index_knowledge`, the knowledge corpus is indexed in the background
    at start-up (unchanged documents are skipped); the assistant answers from an index
    already built meanwhile, and 503 only when there is none yet (`LazyAssistant`)."""
    settings = settings or Settings()
    services = services or open_services(settings)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        chainer = _start_chaining(services, settings, stop)
        if index_knowledge:
            services.assistant.index_in_background()
        yield
        stop.set()
        if chainer is not None:
            chainer.join(timeout=5)
        services.close()

    app = FastAPI(
        title="Consentry",
        version="0.1.0",
        description="Consent and cross-border transfer registry with a cited compliance assistant",
        lifespan=lifespan,
        docs_url=None,  # served from the package's own files (consentry.docs_page)
        redoc_url=None,
    )
    app.state.services = services
    app.state.api = services.api
    app.state.access = services.access
    app.state.ledger = services.ledger
    app.state.bootstrap_key = services.bootstrap_key
    install_problem_handlers(app, ASSISTANT_PROBLEMS)
    document_problems(app, authenticate)
    app.add_middleware(
        IdempotencyMiddleware,
        db=services.db,
        lease_s=settings.api.idempotency_lease_s,
        retention_s=settings.api.idempotency_retention_hours * 3600,
    )
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.api.max_body_bytes)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    _service_routes(app, services, metrics)
    for router in ROUTERS:
        app.include_router(router)
    app.include_router(services.assistant_router(require(), require(*AUDITORS)))
    mount_pages(app)
    mount_docs(app)
    return app


def _service_routes(app: FastAPI, services: Services, metrics: Metrics) -> None:
    @app.get("/healthz", tags=["service"])
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["service"])
    def readyz() -> dict[str, object]:
        # A store that does not answer raises one of the store errors, mapped to 503.
        position = services.registry.app.recorder.max_notification_id() or 0
        services.db.execute("SELECT 1")
        return {"status": "ready", "position": position}

    @app.get("/metrics", tags=["service"], response_class=Response)
    def prometheus() -> Response:
        return Response(metrics.render(), media_type="text/plain; version=0.0.4")

    @app.get("/v1/whoami", tags=["access"])
    def whoami(principal: Annotated[Principal, Depends(authenticate)]) -> dict[str, str]:
        return {"role": principal.role.value, "label": principal.label, "key_id": principal.key_id}

    del whoami, healthz, readyz, prometheus


def _start_chaining(
    services: Services, settings: Settings, stop: threading.Event
) -> threading.Thread | None:
    """Chain new events every few seconds, unless a projector process does it."""
    interval = settings.audit.chain_interval_s
    if interval <= 0 or settings.api.projections != "inline":
        return None

    def run() -> None:
        while not stop.wait(interval):
            try:
                services.ledger.catch_up()
            except Exception:  # logged with traceback; the next round tries again
                log.exception("chaining new events failed")

    thread = threading.Thread(target=run, name="consentry-chain", daemon=True)
    thread.start()
    return thread

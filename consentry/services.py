"""Everything the app holds open, built once from settings and closed once."""

import logging
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter

from assistant.api import make_router
from assistant.errors import RetrievalUnavailableError
from assistant.service import Assistant
from consentry.settings import Settings
from consentry.wiring import RegistryConsentLookup
from registry.api.access import AccessControl, AccessLog
from registry.api.auth import load_keyring
from registry.api.deps import ApiContext
from registry.api.limits import RateLimiter
from registry.application import Registry, make_registry
from registry.audit.ledger import AuditLedger
from registry.audit.signing import load_or_create_signing_key
from registry.errors import ControllerAlreadyRegistered, ControllerNotFound
from registry.servicedb import ServiceDatabase, open_service_database

log = logging.getLogger("consentry")


@dataclass
class Services:
    settings: Settings
    registry: Registry
    db: ServiceDatabase
    access: AccessControl
    ledger: AuditLedger
    api: ApiContext
    bootstrap_key: str | None
    assistant: "LazyAssistant"
    signing_key_created: bool = False

    def assistant_router(self, caller: Any, reviewer: Any) -> APIRouter:
        return make_router(self.assistant, caller=caller, reviewer=reviewer)  # type: ignore[arg-type]

    def close(self) -> None:
        self.db.close()
        self.registry.close()


class LazyAssistant:
    """The assistant over the knowledge index: opened on first use, so the registry serves
    even before there is an index, and replaced when the start-up corpus check built one.

    Over an index already built with the configured embedding model it answers at once,
    while `index_in_background` checks the corpus beside it. The check never writes into the
    collection being read: when something changed it fills a staging collection and renames
    it in once complete, keeping the one it replaces (`knowledge.ingest`). Only then is a
    new assistant opened over the new index and swapped in; requests that already hold the
    old one finish on it. When nothing changed, nothing is reopened. With no usable index
    the routes answer 503: "being built" while the check runs, "failed" after it failed.
    """

    def __init__(self, build: Callable[[], Assistant], index: Callable[[], bool]) -> None:
        self._build = build
        self._index = index
        self._assistant: Assistant | None = None
        self._lock = threading.Lock()
        self._indexing: threading.Thread | None = None
        self._failed = False

    def index_in_background(self) -> None:
        self._indexing = threading.Thread(target=self._reindex, name="consentry-index", daemon=True)
        self._indexing.start()

    def _reindex(self) -> None:
        try:
            fresh = self._build() if self._index() else None
        except Exception:  # logged with traceback; the assistant keeps its index, or 503
            log.exception("indexing the knowledge corpus failed")
            self._failed = True
            return
        if fresh is not None:
            with self._lock:
                self._assistant = fresh

    def get(self) -> Assistant:
        with self._lock:
            if self._assistant is None:
                self._assistant = self._open()
            return self._assistant

    def _open(self) -> Assistant:
        try:
            return self._build()
        except RetrievalUnavailableError as error:
            if self._indexing is not None and self._indexing.is_alive():
                reason = "the knowledge index is being built; try again soon"
                raise RetrievalUnavailableError(reason) from error
            if self._failed:
                reason = "building the knowledge index failed; the server log says why"
                raise RetrievalUnavailableError(reason) from error
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


def open_services(settings: Settings) -> Services:
    data_dir = settings.registry.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    keys, bootstrap_key = load_keyring(settings.api.api_keys, settings.api.api_keys_file, data_dir)
    key_path = settings.audit.signing_key_file or data_dir / "keys" / "signing.pem"
    signing_key, created = load_or_create_signing_key(
        key_path, create=settings.audit.signing_key_file is None
    )
    registry = make_registry(settings.registry)
    db = open_service_database(settings.registry)
    _ensure_default_controller(registry, settings)
    context = ApiContext(registry, settings.api.default_controller)
    lookup = RegistryConsentLookup(registry, settings.api.default_controller)
    return Services(
        settings=settings,
        registry=registry,
        db=db,
        access=AccessControl(keys, RateLimiter(settings.api.rate_limit_per_minute), AccessLog(db)),
        ledger=AuditLedger(db, registry.app.recorder, signing_key),
        api=context,
        bootstrap_key=bootstrap_key,
        assistant=LazyAssistant(
            lambda: _build_assistant(settings, lookup, db), lambda: index_knowledge(settings)
        ),
        signing_key_created=created,
    )


def index_knowledge(settings: Settings) -> bool:
    """Bring the knowledge index up to date with the corpus (incremental); True when a new
    index was swapped in, which readers must reopen to see."""
    from knowledge.embeddings import make_embedder
    from knowledge.ingest import Ingestor

    log.warning("indexing the knowledge corpus; unchanged documents are skipped")
    ingestor = Ingestor(settings.knowledge, make_embedder(settings.knowledge))
    report = ingestor.run()
    log.warning(
        "knowledge index ready: %d documents, %d chunks, %d embedded now (%.1f s)",
        report.documents,
        report.chunks,
        report.embedded,
        report.seconds,
    )
    for chunk_id, flags in report.flagged:
        log.warning("%s reads like instructions to an assistant (%s)", chunk_id, flags)
    return report.changed


def _build_assistant(
    settings: Settings, lookup: RegistryConsentLookup, db: ServiceDatabase
) -> Assistant:
    from assistant.factory import make_assistant, open_search

    search = open_search(settings.knowledge)
    return make_assistant(search, settings.assistant, consents=lookup, advice_db=db)


def _ensure_default_controller(registry: Registry, settings: Settings) -> None:
    api = settings.api
    try:
        registry.app.controller(api.default_controller)
    except ControllerNotFound:
        # Another replica starting at the same moment may register it first.
        with suppress(ControllerAlreadyRegistered):
            registry.controllers.register_controller(
                api.default_controller,
                name=api.default_controller_name,
                contact=api.default_controller_contact,
                jurisdiction=api.default_controller_jurisdiction,
            )

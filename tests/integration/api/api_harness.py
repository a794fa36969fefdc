"""The app as the API tests drive it: real stores, one key per role, TestClient over ASGI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from assistant.advice_log import AdviceLog
from assistant.fakes import MemoryPassages
from assistant.passages import Passage
from assistant.service import Assistant
from consentry.app import create_app
from consentry.services import LazyAssistant, Services, open_services
from consentry.settings import Settings
from consentry.wiring import RegistryConsentLookup
from knowledge.settings import KnowledgeSettings
from registry.api.settings import ApiSettings
from registry.audit.settings import AuditSettings
from registry.settings import RegistrySettings

ROLES = ("admin", "staff", "system", "regulator")
KEYS = {role: f"test-{role}-key-0123456789" for role in ROLES}
UNKNOWN_KEY = "test-unknown-key-0123456789"


def api_settings(store: dict[str, Any], tmp_path: Path, **api: Any) -> Settings:
    """Settings for one test app: the store (`data_dir` or a PostgreSQL url and schema),
    keys for the four roles, no background chaining, and any API settings given."""
    registry = RegistrySettings(data_dir=tmp_path / "data", **store)
    keys = ",".join(f"{role}:{key}" for role, key in KEYS.items())
    return Settings(
        registry=registry,
        api=ApiSettings(api_keys=keys, **api),
        audit=AuditSettings(chain_interval_s=0),
        knowledge=KnowledgeSettings(data_dir=tmp_path / "knowledge"),
    )


def passages() -> list[Passage]:
    """A small corpus in our own words, so the assistant's routes answer without an index."""
    base = {"source": "pipl-digest", "title": "PIPL digest", "law": "PIPL", "kind": "digest"}
    return [
        Passage(
            f"pipl-{article}",
            text,
            **base,
            jurisdiction="CN",
            language="en",
            article=article,
        )
        for article, text in [
            (14, "Consent is valid only when the person was informed and chose freely."),
            (15, "A person may withdraw consent, and the handler offers an easy way to do so."),
            (29, "Sensitive personal information needs the person's separate consent."),
        ]
    ]


def memory_assistant(services: Services) -> LazyAssistant:
    settings = services.settings
    lookup = RegistryConsentLookup(services.registry, settings.api.default_controller)
    search = MemoryPassages(passages())
    return LazyAssistant(
        lambda: Assistant(
            search,
            search,
            settings.assistant,
            consents=lookup,
            advice=AdviceLog(services.db),
        ),
        index=lambda: False,
    )


@dataclass
class Api:
    """A running app and a client; `call(role, …)` sends a request with that role's key."""

    app: FastAPI
    client: TestClient
    services: Services
    store: str

    def call(self, role: str | None, method: str, url: str, **kwargs: Any) -> Response:
        headers = dict(kwargs.pop("headers", {}))
        if role is not None:
            headers["Authorization"] = f"Bearer {KEYS.get(role, UNKNOWN_KEY)}"
        return self.client.request(method, url, headers=headers, **kwargs)

    def position(self) -> int:
        """The global log's last position: it moves with every event written."""
        return self.services.registry.app.recorder.max_notification_id() or 0


@contextmanager
def running_api(settings: Settings, store: str, *, assistant: bool = False) -> Iterator[Api]:
    services = open_services(settings)
    if assistant:
        services.assistant = memory_assistant(services)
    app = create_app(settings, services)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(app, client, services, store)


NEWSLETTER = {"name": "Newsletter", "lawful_basis": "consent", "data_categories": ["email"]}
HEALTH = {
    "name": "Health programme",
    "lawful_basis": "consent",
    "sensitive": True,
    "requires_separate_consent": True,
    "separate_consent_reasons": ["sensitive"],
}
PAYROLL = {"name": "Payroll", "lawful_basis": "hr_management", "data_categories": ["salary"]}


def define_purposes(api: Api) -> None:
    """`newsletter` (consent), `health` (sensitive, separate consent), `payroll` (no consent
    needed), defined by the admin."""
    for purpose_id, body in [("newsletter", NEWSLETTER), ("health", HEALTH), ("payroll", PAYROLL)]:
        answer = api.call("admin", "PUT", f"/v1/purposes/{purpose_id}", json=body)
        assert answer.status_code == 201, answer.text


def give(api: Api, ref: str, purpose: str = "newsletter", **fields: Any) -> Response:
    body = {"purpose": purpose, "status": "given", **fields}
    return api.call("staff", "POST", f"/v1/subjects/{ref}/consents", json=body)


MakeApi = Callable[..., AbstractContextManager["Api"]]

"""The transfer API as the tests drive it: a TestClient and a key per role."""

from dataclasses import dataclass
from typing import Any

import httpx
from fastapi.testclient import TestClient

from registry.application import Registry

ROLES = ("admin", "staff", "system", "regulator")


def key_of(role: str) -> str:
    return f"key-of-{role}-0123456789"


@dataclass
class Http:
    client: TestClient
    registry: Registry

    def call(self, role: str | None, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {key_of(role)}"} if role else {}
        return self.client.request(method, url, headers=headers, **kwargs)

    def log_end(self) -> int:
        return self.registry.app.recorder.max_notification_id() or 0

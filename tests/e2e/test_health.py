from pathlib import Path

from fastapi.testclient import TestClient

from consentry.app import create_app
from consentry.settings import Settings
from knowledge.settings import KnowledgeSettings
from registry.api.settings import ApiSettings
from registry.settings import RegistrySettings


def test_health_and_readiness_answer(tmp_path: Path) -> None:
    settings = Settings(
        registry=RegistrySettings(data_dir=tmp_path),
        api=ApiSettings(api_keys="admin:k"),
        knowledge=KnowledgeSettings(data_dir=tmp_path),
    )
    with TestClient(create_app(settings)) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        ready = client.get("/readyz")
        assert ready.status_code == 200
        # the default controller is registered at start-up: the log is not empty
        assert ready.json()["position"] >= 1

from fastapi.testclient import TestClient

from consentry.app import create_app
from registry.settings import RegistrySettings


def test_health_answers_ok(tmp_path) -> None:
    client = TestClient(create_app(RegistrySettings(data_dir=tmp_path)))
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}

"""The API over real HTTP: `consentry serve` (uvicorn) on loopback, on SQLite and PostgreSQL."""

import signal
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from content_disposition import download_name
from served_api import serve

KEYS = {"admin": "e2e-admin-key-0001", "staff": "e2e-staff-key-0002", "system": "e2e-sys-0003"}
NEWSLETTER = {"name": "Newsletter", "lawful_basis": "consent", "data_categories": ["email"]}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def service_env(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    env = {
        "CONSENTRY_DATA_DIR": str(tmp_path / "data"),
        "CONSENTRY_KNOWLEDGE_DATA_DIR": str(tmp_path / "knowledge"),
        "CONSENTRY_API_KEYS": ",".join(f"{role}:{key}" for role, key in KEYS.items()),
    }
    if request.param == "postgres":
        env["CONSENTRY_DATABASE_URL"] = request.getfixturevalue("postgres_database").url
        env["CONSENTRY_DATABASE_SCHEMA"] = request.getfixturevalue("postgres_schema")
    return env


def test_record_read_and_check_a_consent_over_http(
    service_env: dict[str, str], tmp_path: Path
) -> None:
    with serve(tmp_path, service_env) as served:
        with served.client(KEYS["admin"]) as admin:
            defined = admin.put("/v1/purposes/newsletter", json=NEWSLETTER)
            assert defined.status_code == 201, defined.text
        with served.client(KEYS["staff"]) as staff:
            body = {"purpose": "newsletter", "status": "given", "channel": "web"}
            recorded = staff.post("/v1/subjects/cust-42/consents", json=body)
            assert recorded.status_code == 201, recorded.text
            position = recorded.json()["position"]
            state = staff.get("/v1/subjects/cust-42/consents")
            assert state.status_code == 200
            assert [
                (c["purpose"], c["status"], c["position"]) for c in state.json()["consents"]
            ] == [("newsletter", "given", position)]
        with served.client(KEYS["system"]) as system:
            permission = system.get("/v1/subjects/cust-42/permission?purpose=newsletter")
            assert permission.status_code == 200
            assert permission.json()["allowed"] is True
            assert permission.json()["reasons"][0]["code"] == "consent_given"
            unknown = system.get("/v1/subjects/nobody/consents")
            assert unknown.status_code == 404
            assert unknown.headers["content-type"] == "application/problem+json"
        # uvicorn shuts down gracefully, then exits by the signal it was sent
        assert served.stop() in (0, -signal.SIGTERM)
    log = served.log.read_text()
    assert "Application shutdown complete" in log
    assert "Finished server process" in log
    assert "Traceback" not in log


def test_an_incident_csv_named_with_odd_characters_downloads_over_http(
    service_env: dict[str, str], tmp_path: Path
) -> None:
    """A reference with a control character once reached the header as it was, and uvicorn
    dropped the connection. Control characters, quotes, `;`, `%`, non-ASCII: a file name."""
    refs = ["\x19\u00b7", 'q"u;o\\te', "x%0d%0a", "事故-7"]
    opened_at = datetime.now(UTC).isoformat()
    incident = {"title": "lost laptop", "severity": "general", "subjects_affected": 1}
    with serve(tmp_path, service_env) as served, served.client(KEYS["admin"]) as admin:
        for ref in refs:
            body = {**incident, "incident": ref, "discovered_at": opened_at}
            assert admin.post("/v1/incidents", json=body).status_code == 201, ref
            answer = admin.get(f"/v1/incidents/{quote(ref, safe='')}", params={"format": "csv"})
            assert answer.status_code == 200, (ref, answer.text)
            assert download_name(answer) == f"{ref}.csv"
        refused = admin.get("/v1/incidents/a%0D%0Ab", params={"format": "csv"})
        assert refused.status_code == 422
    assert "Traceback" not in served.log.read_text()

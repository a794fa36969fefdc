"""Successions, the classification register, PIPIAs and incidents over HTTP."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

from api_harness import Api, define_purposes, give

YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
MERGER = {
    "succession": "default-into-buyer",
    "from_controller": "default",
    "to_controller": "buyer",
    "reason": "merger",
    "effective_on": YESTERDAY,
    "purposes": [{"purpose": "newsletter", "fate": "changed", "new_purpose": "newsletter-v2"}],
}


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_company_transfer_runs_and_reports_through_http(api: Api) -> None:
    define_purposes(api)
    body = {"name": "Newsletter v2", "lawful_basis": "consent"}
    assert api.call("admin", "PUT", "/v1/purposes/newsletter-v2", json=body).status_code == 201
    for ref in ("c-1", "c-2", "c-3"):
        assert give(api, ref).status_code == 201
    api.services.registry.controllers.register_controller(
        "buyer", name="Buyer Ltd", contact="dpo@buyer.example", jurisdiction="CN"
    )
    assert api.call("staff", "POST", "/v1/successions", json=MERGER).status_code == 403
    before = api.position()
    same = api.call("admin", "POST", "/v1/successions", json=MERGER | {"to_controller": "default"})
    assert same.status_code == 422
    assert same.json()["errors"][0]["field"] == "to_controller"
    unknown = api.call("admin", "POST", "/v1/successions", json=MERGER | {"to_controller": "x"})
    assert (unknown.status_code, unknown.json()["errors"][0]["field"]) == (404, "to_controller")
    assert api.position() == before

    started = api.call("admin", "POST", "/v1/successions", json=MERGER)
    assert started.status_code == 201, started.text
    assert started.json()["status"] == "started"
    executed = api.call("admin", "POST", "/v1/successions/default-into-buyer/execute")
    assert (executed.json()["subjects"], executed.json()["consents_invalidated"]) == (3, 3)

    permission = api.call(
        "staff",
        "GET",
        "/v1/subjects/c-2/permission",
        params={"purpose": "newsletter", "controller": "buyer"},
    )
    assert permission.status_code == 200, permission.text
    assert permission.json()["allowed"] is False
    assert permission.json()["reasons"][0]["article"] == "PIPL Art. 22; PIPL Art. 14"

    pending = api.call("admin", "POST", "/v1/successions/default-into-buyer/complete")
    assert (pending.status_code, pending.json()["errors"][0]["field"]) == (422, "notices")
    notices = [
        {"customer_ref": ref, "status": "sent", "at": ago(), "channel": "sms"}
        for ref in ("c-1", "c-2", "c-3")
    ]
    sent = api.call(
        "system", "POST", "/v1/successions/default-into-buyer/notices", json={"notices": notices}
    )
    assert sent.status_code == 200, sent.text
    done = api.call("admin", "POST", "/v1/successions/default-into-buyer/complete")
    assert done.json()["status"] == "completed"

    report = api.call("regulator", "GET", "/v1/successions/default-into-buyer")
    assert report.json()["notices"]["sent"] == 3
    assert len(report.json()["subjects_notices"]) == 3
    summary = api.call(
        "regulator", "GET", "/v1/successions/default-into-buyer", params={"subjects": "false"}
    )
    assert summary.json()["subjects_notices"] == []
    exported = api.call(
        "regulator", "GET", "/v1/successions/default-into-buyer", params={"format": "csv"}
    )
    assert exported.headers["content-type"].startswith("text/csv")
    assert [row["notice"] for row in rows(exported.text)] == ["sent"] * 3
    earlier = api.call(
        "regulator",
        "GET",
        "/v1/successions/default-into-buyer",
        params={"as_of": "2020-01-01T00:00:00+00:00"},
    )
    assert earlier.status_code == 404
    assert [
        s["succession_ref"] for s in api.call("regulator", "GET", "/v1/successions").json()
    ] == ["default-into-buyer"]


def test_classification_and_pipia_retention_through_http(api: Api) -> None:
    diagnosis = {"level": "sensitive_personal", "rationale": "medical data"}
    assert api.call("staff", "PUT", "/v1/categories/diagnosis", json=diagnosis).status_code == 403
    created = api.call("admin", "PUT", "/v1/categories/diagnosis", json=diagnosis)
    assert created.status_code == 201 and created.json()["article"] == "PIPL Art. 28"
    care = {"name": "Care plan", "lawful_basis": "consent", "data_categories": ["diagnosis"]}
    purpose = api.call("admin", "PUT", "/v1/purposes/care", json=care).json()
    assert purpose["requires_separate_consent"] is True
    register = api.call("regulator", "GET", "/v1/categories", params={"format": "csv"})
    assert rows(register.text) == [
        {
            "category": "diagnosis",
            "level": "sensitive_personal",
            "article": "PIPL Art. 28",
            "rationale": "medical data",
            "classified_at": rows(register.text)[0]["classified_at"],
            "purposes": "care",
        }
    ]

    pipia = {
        "pipia": "PIPIA-1",
        "scope": "care plan data",
        "risks": ["disclosure"],
        "measures": ["encryption"],
        "conclusion": "acceptable with measures",
        "outcome": "acceptable_with_measures",
        "reviewer": "DPO",
        "completed_on": (date.today() - timedelta(days=400)).isoformat(),
        "purposes": ["care"],
    }
    recorded = api.call("staff", "POST", "/v1/pipias", json=pipia)
    assert recorded.status_code == 201, recorded.text
    before = api.position()
    refused = api.call("admin", "DELETE", "/v1/pipias/PIPIA-1", params={"reason": "tidy"})
    assert refused.status_code == 422
    assert "PIPL Art. 56" in refused.json()["detail"]
    assert refused.json()["errors"][0]["field"] == "pipia"
    assert api.position() == before
    listed = api.call("regulator", "GET", "/v1/pipias", params={"format": "csv"})
    assert [(r["pipia"], r["purposes"], r["disposal"]) for r in rows(listed.text)] == [
        ("PIPIA-1", "care", "")
    ]


def test_an_incident_report_shows_deadlines_through_http(api: Api) -> None:
    opened = api.call(
        "staff",
        "POST",
        "/v1/incidents",
        json={
            "incident": "INC-7",
            "title": "lost laptop",
            "severity": "relatively_major",
            "discovered_at": ago(hours=5),
            "categories": ["email"],
            "subjects_affected": 1_500_000,
            "measures": ["remote wipe"],
        },
    )
    assert opened.status_code == 201, opened.text
    assert opened.json()["deadlines_missed"] == ["report to the authority"]
    notified = api.call(
        "staff",
        "POST",
        "/v1/incidents/INC-7/notifications",
        json={
            "to": "authority",
            "recipient": "provincial CAC",
            "at": ago(minutes=30),
            "channel": "12387",
        },
    )
    statuses = {d["duty"]: d["status"] for d in notified.json()["deadlines"]}
    assert statuses["report to the authority"] == "missed"
    closed = api.call(
        "staff",
        "POST",
        "/v1/incidents/INC-7/close",
        json={
            "conclusion": "wiped before any access",
            "handling_ended_at": ago(minutes=10),
        },
    )
    assert closed.json()["conclusion"] == "wiped before any access"
    assert (
        api.call(
            "regulator", "POST", "/v1/incidents/INC-7/waiver", json={"reason": "x"}
        ).status_code
        == 403
    )
    exported = api.call("regulator", "GET", "/v1/incidents", params={"format": "csv"})
    table = {r["duty"]: r["status"] for r in rows(exported.text)}
    assert table["report to the authority"] == "missed"
    assert table["notify the individuals"] == "missed"
    bad = api.call(
        "staff",
        "POST",
        "/v1/incidents",
        json={
            "incident": "INC-8",
            "title": "x",
            "severity": "huge",
            "discovered_at": ago(hours=1),
            "subjects_affected": 0,
        },
    )
    assert bad.status_code == 422

"""The transfer endpoints over HTTP: access rules, a flow's whole life, counts that feed the
assessment, and problem+json answers naming the field, with nothing written."""

from typing import Any

import pytest
from transfers_http import ROLES, Http

WRITERS = {"admin", "staff", "system"}
READERS = WRITERS | {"regulator"}
SUPPORT = {
    "name": "Support from the Singapore centre",
    "lawful_basis": "consent",
    "data_categories": ["contact", "orders"],
    "requires_separate_consent": True,
    "separate_consent_reasons": ["cross_border"],
}


def flow_body(ref: str, **fields: Any) -> dict[str, Any]:
    return {
        "flow": ref,
        "destination": "SG",
        "recipient": "Acme Support Pte Ltd",
        "recipient_contact": "privacy@acme.example.sg",
        "purposes": ["support"],
        "data_categories": ["contact"],
        "date": "2024-05-01",
        **fields,
    }


def assess_body(**fields: Any) -> dict[str, Any]:
    return {
        "controller": "acme",
        "destination": "SG",
        "recipient": "Acme Support Pte Ltd",
        "purposes": ["support"],
        "date": "2024-06-01",
        **fields,
    }


def customers(http: Http, *refs: str, separate: bool = True) -> None:
    for ref in refs:
        body = {"purpose": "support", "status": "given", "separate": separate}
        assert http.call("staff", "POST", f"/v1/subjects/{ref}/consents", json=body).is_success


@pytest.fixture()
def ready(http: Http) -> Http:
    """The purpose `support` (consent, separate consent to provision abroad), customers C1
    and C2 who gave it, and the approved flow `sg` that carries no one yet."""
    assert http.call("admin", "PUT", "/v1/purposes/support", json=SUPPORT).status_code == 201
    customers(http, "C1", "C2")
    assert http.call("staff", "POST", "/v1/flows", json=flow_body("sg")).status_code == 201
    approve = {"date": "2024-05-01"}
    assert http.call("staff", "POST", "/v1/flows/sg/approve", json=approve).is_success
    return http


def test_writes_need_a_writer_and_reads_a_reader(ready: Http) -> None:
    calls = [
        ("POST", "/v1/transfers/assess", assess_body(individuals=5), WRITERS),
        ("POST", "/v1/flows/sg/subjects", {"refs": ["C1"]}, WRITERS),
        ("POST", "/v1/flows/sg/suspend", {"reason": "review"}, WRITERS),
        (
            "PUT",
            "/v1/flows/sg/mechanism",
            {"kind": "standard_contract", "date": "2024-05-01"},
            WRITERS,
        ),
        ("GET", "/v1/flows", None, READERS),
        ("GET", "/v1/flows/sg", None, READERS),
        ("GET", "/v1/controllers/acme/volumes?year=2024", None, READERS),
    ]
    for method, url, body, allowed in calls:
        assert ready.call(None, method, url, json=body).status_code == 401, url
        for role in sorted(set(ROLES) - allowed):
            end = ready.log_end()
            answer = ready.call(role, method, url, json=body)
            assert answer.status_code == 403, (role, url)
            assert answer.headers["content-type"] == "application/problem+json"
            assert ready.log_end() == end
    for role in sorted(WRITERS):
        created = ready.call(role, "POST", "/v1/flows", json=flow_body(f"by-{role}"))
        assert created.status_code == 201, created.text
    for role in sorted(READERS):
        assert ready.call(role, "GET", "/v1/flows").status_code == 200


def test_a_flow_from_proposal_to_permission(ready: Http) -> None:
    body = flow_body("sg-big", individuals=150_000)
    created = ready.call("staff", "POST", "/v1/flows", json=body).json()
    assessment = created["assessment"]
    assert created["status"] == "assessed"
    assert assessment["mechanism"] == "standard_contract_or_certification"
    assert [r["article"] for r in assessment["reasons"]] == [
        "CAC Cross-Border Provisions Art. 8",
        "PIPL Art. 38",
    ]

    mechanism = {"kind": "standard_contract", "date": "2024-05-03", "reference": "SC-2024-17"}
    put = ready.call("system", "PUT", "/v1/flows/sg-big/mechanism", json=mechanism).json()
    assert put["mechanism"] == {
        "kind": "standard_contract",
        "date": "2024-05-03",
        "valid_until": None,
        "reference": "SC-2024-17",
    }
    approved = ready.call("admin", "POST", "/v1/flows/sg-big/approve", json={"date": "2024-05-03"})
    assert approved.json()["status"] == "approved"

    people = {"refs": ["C1", "C2", "C1"], "included_on": "2024-05-04"}
    included = ready.call("staff", "POST", "/v1/flows/sg-big/subjects", json=people)
    assert (included.json()["added"], included.json()["already"]) == (2, 0)
    assert included.json()["position"] == ready.log_end()

    permission = ready.call(
        "system",
        "GET",
        "/v1/subjects/C1/permission",
        params={"purpose": "support", "destination": "SG"},
    ).json()
    assert permission["allowed"] is True
    assert permission["destination"] == "SG"
    assert [r["code"] for r in permission["reasons"]] == [
        "consent_given",
        "cross_border_consent_given",
        "flow_approved",
    ]
    elsewhere = ready.call(
        "system",
        "GET",
        "/v1/subjects/C1/permission",
        params={"purpose": "support", "destination": "US"},
    ).json()
    assert elsewhere["allowed"] is False
    assert elsewhere["reasons"][-1]["code"] == "no_flow"

    volumes = ready.call(
        "regulator", "GET", "/v1/controllers/acme/volumes", params={"year": 2024}
    ).json()
    assert (volumes["non_sensitive"], volumes["sensitive"], volumes["total"]) == (2, 0, 2)
    early = ready.call(
        "regulator",
        "GET",
        "/v1/controllers/acme/volumes",
        params={"year": 2024, "as_of": "2024-05-03"},
    ).json()
    assert early["total"] == 0
    listed = ready.call("regulator", "GET", "/v1/flows", params={"destination": "SG"}).json()
    assert [(f["flow"], f["subjects_included"]) for f in listed] == [("sg", 0), ("sg-big", 2)]


@pytest.mark.parametrize(
    ("individuals", "mechanism"),
    [(99_999, "none"), (100_000, "standard_contract_or_certification")],
)
def test_counts_from_flows_feed_the_assessment(
    ready: Http, individuals: int, mechanism: str
) -> None:
    included = ready.call(
        "staff",
        "POST",
        "/v1/flows/sg/subjects",
        json={"refs": ["C1", "C2"], "included_on": "2024-05-02"},
    )
    assert included.json()["added"] == 2
    # 2 people already sent: the request adds the rest up to the boundary
    answer = ready.call(
        "staff", "POST", "/v1/transfers/assess", json=assess_body(individuals=individuals - 2)
    ).json()
    assert answer["mechanism"] == mechanism
    assert answer["counted_non_sensitive"] == individuals
    assert answer["rule_version"] == "cn-2024-03-22"


PROBLEMS = [
    ("POST", "/v1/flows", flow_body("bad", destination="sg"), 422, "destination"),
    ("POST", "/v1/flows", flow_body("sg"), 409, "flow"),
    ("POST", "/v1/flows", flow_body("x", controller="nobody"), 422, "controller"),
    ("POST", "/v1/flows", flow_body("future", date="2999-01-01"), 422, "date"),
    ("POST", "/v1/flows/sg/subjects", {"refs": ["C1", "NOBODY"]}, 422, "refs"),
    ("POST", "/v1/flows/sg/subjects", {}, 422, "refs"),
    ("POST", "/v1/flows/sg/subjects", {"refs": ["C1"], "included_on": "2024-04-30"}, 422, "date"),
    ("POST", "/v1/flows/nowhere/approve", {}, 404, "flow"),
    ("POST", "/v1/flows/sg/approve", {}, 422, "flow"),
    ("PUT", "/v1/flows/sg/mechanism", {"kind": "handshake", "date": "2024-05-01"}, 422, "kind"),
    (
        "PUT",
        "/v1/flows/sg/mechanism",
        {"kind": "certification", "date": "2024-05-01"},
        422,
        "reference",
    ),
    ("POST", "/v1/transfers/assess", assess_body(date="2021-01-01"), 422, "date"),
    ("POST", "/v1/transfers/assess", assess_body(individuals=-1), 422, "individuals"),
    ("POST", "/v1/transfers/assess", assess_body(scenario="holiday"), 422, "scenario"),
    ("GET", "/v1/controllers/nobody/volumes", None, 404, "controller"),
    ("GET", "/v1/subjects/C1/permission?purpose=support&destination=S1", None, 422, "destination"),
]


@pytest.mark.parametrize(("method", "url", "body", "status", "field"), PROBLEMS)
def test_a_rejected_request_names_the_field_and_writes_nothing(
    ready: Http, method: str, url: str, body: dict[str, Any] | None, status: int, field: str
) -> None:
    end = ready.log_end()
    answer = ready.call("admin", method, url, json=body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in answer.json()["errors"]] == [field]
    assert ready.log_end() == end


def test_a_flow_that_needs_a_mechanism_is_not_approved_without_one(ready: Http) -> None:
    ready.call("staff", "POST", "/v1/flows", json=flow_body("big", individuals=200_000))
    end = ready.log_end()
    answer = ready.call("staff", "POST", "/v1/flows/big/approve", json={})
    assert answer.status_code == 422
    assert answer.json()["code"] == "rule_violation"
    assert answer.json()["errors"][0]["field"] == "mechanism"
    assert "PIPL Art. 38" in answer.json()["detail"]
    assert ready.log_end() == end


def test_the_audit_log_shows_a_flow_event_value_as_its_plain_fields(ready: Http) -> None:
    created = ready.call("staff", "POST", "/v1/flows", json=flow_body("sg-log")).json()
    events = ready.call("regulator", "GET", "/v1/audit/events?limit=1000").json()["events"]
    by_type = {e["type"]: e["data"] for e in events if e["aggregate_id"] == created["flow_id"]}
    proposal = by_type["DataFlow.Proposed"]["proposal"]
    assert (proposal["destination"], proposal["purposes"]) == ("SG", ["support"])
    assessment = by_type["DataFlow.Assessed"]["assessment"]
    assert assessment == created["assessment"]
    assert set(assessment["reasons"][0]) == {"article", "text"}

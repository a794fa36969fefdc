"""GDPR Chapter V over HTTP: an assessment or a flow from the EU answers with the mechanism
the Regulation sets (adequacy, SCCs, BCRs, a derogation) and cites its article."""

from typing import Any

import pytest
from api_harness import Api

ASSESS = {
    "controller": "default",
    "recipient": "Recipient Ltd",
    "purposes": ["support"],
    "date": "2024-06-03",
    "origin": "EU",
}


def flow_body(ref: str, **fields: Any) -> dict[str, Any]:
    """A flow from the EU to India (no adequacy decision) on the assessment's terms."""
    terms = {k: v for k, v in ASSESS.items() if k != "controller"}
    contact = "privacy@recipient.example.in"
    return terms | {"flow": ref, "destination": "IN", "recipient_contact": contact, **fields}


@pytest.fixture()
def support(api: Api) -> Api:
    body = {"name": "Customer support", "lawful_basis": "contract"}
    assert api.call("admin", "PUT", "/v1/purposes/support", json=body).status_code == 201
    return api


@pytest.mark.parametrize(
    ("fields", "mechanism", "articles"),
    [
        ({"destination": "FR"}, "none", ["GDPR Art. 44"]),
        ({"destination": "JP"}, "adequacy", ["GDPR Art. 45(3)"]),
        ({"destination": "CH"}, "adequacy", ["GDPR Art. 45(9)"]),
        (
            {"destination": "US", "recipient_certified": True},
            "adequacy",
            ["GDPR Art. 45(3)"],
        ),
        (
            {"destination": "US", "safeguard": "sccs"},
            "sccs_or_bcrs",
            ["GDPR Art. 45(3)", "GDPR Art. 46(2)(c)"],
        ),
        ({"destination": "IN", "safeguard": "bcrs"}, "sccs_or_bcrs", ["GDPR Art. 47"]),
        (
            {"destination": "IN", "derogation": "explicit_consent"},
            "derogation",
            ["GDPR Art. 49(1)(a)"],
        ),
        ({"destination": "IN", "derogation": "contract"}, "derogation", ["GDPR Art. 49(1)(b)"]),
        ({"destination": "IN"}, "not_permitted", ["GDPR Art. 44"]),
    ],
)
def test_an_assessment_from_the_eu_follows_chapter_v(
    support: Api, fields: dict[str, Any], mechanism: str, articles: list[str]
) -> None:
    answer = support.call("staff", "POST", "/v1/transfers/assess", json=ASSESS | fields)
    assert answer.status_code == 200, answer.text
    assert answer.json()["mechanism"] == mechanism
    assert answer.json()["rule_version"] == "eu-2018-05-25"
    assert [reason["article"] for reason in answer.json()["reasons"]] == articles


def test_eu_safeguards_are_refused_for_a_transfer_from_china(support: Api) -> None:
    body = ASSESS | {"origin": "CN", "destination": "IN", "safeguard": "sccs"}
    answer = support.call("staff", "POST", "/v1/transfers/assess", json=body)
    assert answer.status_code == 422, answer.text
    assert [error["field"] for error in answer.json()["errors"]] == ["safeguard"]


def test_the_openapi_document_shows_the_origin_and_its_values(api: Api) -> None:
    document = api.call(None, "GET", "/openapi.json").json()
    schemas = document["components"]["schemas"]

    def allowed(model: str, field: str) -> list[str]:
        spec = schemas[model]["properties"][field]
        refs = [spec, *spec.get("anyOf", [])]
        named = [s["$ref"].rsplit("/", 1)[-1] for s in refs if "$ref" in s]
        return schemas[named[0]]["enum"] if named else spec["enum"]

    for model in ("TransferAssess", "FlowCreate"):
        assert allowed(model, "origin") == ["CN", "EU"]
        assert allowed(model, "safeguard") == ["sccs", "bcrs"]
        assert "explicit_consent" in allowed(model, "derogation")
        assert "recipient_certified" in schemas[model]["properties"]


def test_a_flow_from_the_eu_rests_on_its_chapter_v_mechanism(support: Api) -> None:
    created = support.call("staff", "POST", "/v1/flows", json=flow_body("eu-in", safeguard="sccs"))
    assert created.status_code == 201, created.text
    assert created.json()["origin"] == "EU"
    assert created.json()["safeguard"] == "sccs"
    assessment = created.json()["assessment"]
    assert (assessment["mechanism"], assessment["rule_version"]) == (
        "sccs_or_bcrs",
        "eu-2018-05-25",
    )
    assert [r["article"] for r in assessment["reasons"]] == ["GDPR Art. 46(2)(c)"]
    approved = support.call("staff", "POST", "/v1/flows/eu-in/approve", json={})
    assert approved.json()["status"] == "approved", approved.text

    support.services.registry.consents.register_subject("default", "E1")
    included = support.call("staff", "POST", "/v1/flows/eu-in/subjects", json={"refs": ["E1"]})
    assert included.json()["added"] == 1, included.text
    query = {"purpose": "support", "destination": "IN"}
    permission = support.call("staff", "GET", "/v1/subjects/E1/permission", params=query)
    assert permission.json()["allowed"] is True, permission.text
    assert permission.json()["reasons"][-1]["article"] == "GDPR Art. 46(2)(c)"


def test_a_flow_from_the_eu_with_no_ground_is_not_approved(support: Api) -> None:
    created = support.call("staff", "POST", "/v1/flows", json=flow_body("eu-none"))
    assert created.json()["assessment"]["mechanism"] == "not_permitted", created.text
    end = support.position()
    refused = support.call("staff", "POST", "/v1/flows/eu-none/approve", json={})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "mechanism"
    assert "GDPR Art. 44" in refused.json()["detail"]
    assert support.position() == end

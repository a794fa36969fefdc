"""Customers go into a flow abroad only with their separate consent to it (PIPL Art. 39),
or under an explicit override that the inclusion records with its reason; the refusal
names the customers as the caller sent them."""

import pytest
from api_harness import Api, give

SUPPORT = {
    "name": "Support from the Singapore centre",
    "lawful_basis": "consent",
    "requires_separate_consent": True,
    "separate_consent_reasons": ["cross_border"],
}
FLOW = {
    "flow": "sg",
    "destination": "SG",
    "recipient": "Support Pte Ltd",
    "recipient_contact": "privacy@support.example.sg",
    "purposes": ["support"],
}
OVERRIDE = "contract performance: the customers asked for support from Singapore"


@pytest.fixture()
def flow(api: Api) -> Api:
    """`support` (consent, separate consent abroad); C1 consented separately, C2 refused,
    C3 withdrew, C4 only has a newsletter consent; the approved flow `sg`."""
    for purpose_id, body in [
        ("support", SUPPORT),
        ("newsletter", {"name": "News", "lawful_basis": "consent"}),
    ]:
        assert api.call("admin", "PUT", f"/v1/purposes/{purpose_id}", json=body).status_code == 201
    assert give(api, "C1", "support", separate=True).status_code == 201
    assert give(api, "C2", "support", status="refused").status_code == 201
    assert give(api, "C3", "support", separate=True).status_code == 201
    assert give(api, "C3", "support", status="withdrawn").status_code == 201
    assert give(api, "C4", "newsletter").status_code == 201
    assert api.call("staff", "POST", "/v1/flows", json=FLOW).status_code == 201
    assert api.call("staff", "POST", "/v1/flows/sg/approve", json={}).status_code == 200
    return api


def include(api: Api, **body: object) -> tuple[int, dict]:
    answer = api.call("staff", "POST", "/v1/flows/sg/subjects", json=body)
    return answer.status_code, answer.json()


def test_customers_without_separate_consent_are_refused_by_reference(flow: Api) -> None:
    end = flow.position()
    status, problem = include(flow, refs=["C1", "C2", "C3", "C4"])
    assert status == 422, problem
    assert problem["code"] == "rule_violation"
    assert "PIPL Art. 39" in problem["detail"]
    [error] = problem["errors"]
    assert error["field"] == "refs"
    assert all(f"'{ref}'" in error["message"] for ref in ("C2", "C3", "C4"))
    assert "'C1'" not in error["message"]
    c2 = str(flow.services.registry.lineage.subject_id("default", "C2"))
    assert c2 not in error["message"]
    assert flow.position() == end

    status, problem = include(flow, ids=[c2])
    assert (status, problem["errors"][0]["field"]) == (422, "ids")
    assert c2 in problem["errors"][0]["message"]
    assert flow.position() == end

    status, answer = include(flow, refs=["C1"])
    assert (status, answer["added"], answer["without_consent"]) == (200, 1, 0)


def test_an_override_includes_them_and_is_recorded_with_its_reason(flow: Api) -> None:
    status, answer = include(flow, refs=["C1", "C2", "C4"], consent_override=OVERRIDE)
    assert status == 200, answer
    assert (answer["added"], answer["without_consent"]) == (3, 2)
    events = flow.call("regulator", "GET", "/v1/audit/events?limit=1000").json()["events"]
    [included] = [e["data"] for e in events if e["type"] == "DataFlow.SubjectsIncluded"]
    assert included["consent_override"] == OVERRIDE
    registry = flow.services.registry
    without = {registry.lineage.subject_id("default", ref).hex for ref in ("C2", "C4")}
    assert set(included["without_consent"]) == without


def test_batch_errors_name_the_references_sent(flow: Api) -> None:
    end = flow.position()
    status, problem = include(flow, refs=["C1", "NOBODY"])
    assert (status, problem["errors"][0]["field"]) == (422, "refs"), problem
    assert "NOBODY" in problem["errors"][0]["message"]
    status, problem = include(flow, refs=["C1"], consent_override=" ")
    assert (status, problem["errors"][0]["field"]) == (422, "consent_override"), problem
    assert flow.position() == end

"""The processor register over HTTP, and the permission check that names a recipient."""

from datetime import date, timedelta

import pytest
from api_harness import Api, define_purposes, give

TODAY = date.today()
SUPPORT = {
    "processor": "support",
    "role": "entrusted",
    "name": "Acme Support Pte Ltd",
    "contract_ref": "DPA-7",
    "starts_on": (TODAY - timedelta(days=30)).isoformat(),
    "until": (TODAY + timedelta(days=365)).isoformat(),
    "purposes": ["newsletter"],
    "data_categories": ["email"],
    "security_measures": ["encryption at rest"],
    "country": "SG",
}


def register(api: Api, **changes: object) -> dict:
    answer = api.call("staff", "POST", "/v1/processors", json=SUPPORT | changes)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def permission(api: Api, recipient: str) -> dict:
    params = {"purpose": "newsletter", "destination": "CN", "recipient": recipient}
    answer = api.call("staff", "GET", "/v1/subjects/c-1/permission", params=params)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_recipient_needs_a_contract_on_record_covering_the_purpose(api: Api) -> None:
    define_purposes(api)
    assert give(api, "c-1").status_code == 201
    assert permission(api, "Acme Support Pte Ltd")["allowed"] is True
    register(api)
    covered = permission(api, "acme support pte ltd")
    assert covered["allowed"] is True
    assert covered["reasons"][-1]["article"] == "PIPL Art. 21"
    unknown = permission(api, "Someone Else")
    assert unknown["allowed"] is False
    assert unknown["reasons"][-1]["code"] == "no_processor_contract"

    ended = api.call(
        "admin",
        "POST",
        "/v1/processors/support/end",
        json={"ended_on": (TODAY - timedelta(days=1)).isoformat(), "reason": "terminated"},
    )
    assert ended.status_code == 200, ended.text
    assert ended.json()["ended_on"] == (TODAY - timedelta(days=1)).isoformat()
    assert permission(api, "support")["allowed"] is False


def test_an_update_keeps_the_history_and_the_list_shows_the_register(api: Api) -> None:
    register(api)
    changed = api.call(
        "admin", "PATCH", "/v1/processors/support", json={"purposes": ["newsletter", "health"]}
    )
    assert changed.status_code == 200, changed.text
    again = api.call("admin", "PATCH", "/v1/processors/support", json={"country": "sg"})
    assert again.json()["position"] is None
    shown = api.call("regulator", "GET", "/v1/processors/support").json()
    assert [entry["purposes"] for entry in shown["history"]] == [
        ["newsletter"],
        ["newsletter", "health"],
    ]
    listed = api.call("regulator", "GET", "/v1/processors", params={"format": "csv"}).text
    assert listed.splitlines()[1].startswith("support,Acme Support Pte Ltd,entrusted,PIPL Art. 21")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("country", "XX"),
        ("role", "vendor"),
        ("until", "2000-01-01"),
        ("purposes", []),
        ("contract_ref", " "),
        ("starts_on", 20250101),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_written(api: Api, field: str, value: object) -> None:
    before = api.position()
    refused = api.call("admin", "POST", "/v1/processors", json=SUPPORT | {field: value})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == field
    assert api.position() == before


def test_twice_is_a_conflict_and_others_may_not_write(api: Api) -> None:
    register(api)
    before = api.position()
    again = api.call("admin", "POST", "/v1/processors", json=SUPPORT)
    assert (again.status_code, again.json()["errors"][0]["field"]) == (409, "processor")
    for role in ("system", "regulator"):
        assert api.call(role, "POST", "/v1/processors", json=SUPPORT).status_code == 403
    assert api.call("system", "GET", "/v1/processors").status_code == 403
    end = {"ended_on": "2000-01-01", "reason": "x"}
    early = api.call("admin", "POST", "/v1/processors/support/end", json=end)
    assert (early.status_code, early.json()["errors"][0]["field"]) == (422, "ended_on")
    missing = api.call("admin", "PATCH", "/v1/processors/nobody", json={"name": "X"})
    assert missing.status_code == 404
    assert api.position() == before


def test_a_flow_to_a_recipient_without_a_contract_is_refused_naming_it(api: Api) -> None:
    define_purposes(api)
    register(api)
    flow = {
        "flow": "sg",
        "destination": "SG",
        "recipient": "Beta Analytics",
        "recipient_contact": "privacy@beta.example",
        "purposes": ["newsletter"],
    }
    before = api.position()
    refused = api.call("staff", "POST", "/v1/flows", json=flow)
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "recipient")
    assert "PIPL Art. 21; PIPL Art. 23" in refused.json()["detail"]
    assert api.position() == before
    accepted = api.call("staff", "POST", "/v1/flows", json=flow | {"recipient": "support"})
    assert accepted.status_code == 201, accepted.text

"""The controller register over HTTP: register, update, list, read; who may; bad input."""

from datetime import date, timedelta

import pytest
from api_harness import Api

NEWCO = {
    "controller": "newco",
    "name": "NewCo Holdings (Shenzhen)",
    "contact": "1 Keyuan Road, Shenzhen; privacy@newco.example",
    "jurisdiction": "cn",
    "ciio": False,
    "dpo_contact": "dpo@newco.example",
}


def register(api: Api, role: str = "admin", **changes: object) -> dict:
    answer = api.call(role, "POST", "/v1/controllers", json=NEWCO | changes)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_a_registered_controller_can_take_over_customers_and_is_named_in_the_notice(
    api: Api,
) -> None:
    body = {"name": "Newsletter", "lawful_basis": "consent"}
    assert api.call("admin", "PUT", "/v1/purposes/newsletter", json=body).status_code == 201
    registered = register(api)
    assert (registered["controller"], registered["jurisdiction"]) == ("newco", "CN")
    merger = {
        "succession": "default-into-newco",
        "from_controller": "default",
        "to_controller": "newco",
        "reason": "merger",
        "effective_on": (date.today() - timedelta(days=1)).isoformat(),
        "purposes": [{"purpose": "newsletter", "fate": "kept"}],
    }
    started = api.call("admin", "POST", "/v1/successions", json=merger)
    assert started.status_code == 201, started.text
    assert started.json()["recipient"] == {"name": NEWCO["name"], "contact": NEWCO["contact"]}


def test_an_update_is_kept_in_the_history_and_the_list_shows_every_controller(api: Api) -> None:
    register(api, role="staff")
    changed = api.call(
        "staff", "PATCH", "/v1/controllers/newco", json={"ciio": True, "name": NEWCO["name"]}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["ciio"] is True
    unchanged = api.call("admin", "PATCH", "/v1/controllers/newco", json={"ciio": True})
    assert unchanged.json()["position"] is None

    shown = api.call("regulator", "GET", "/v1/controllers/newco").json()
    assert shown["dpo_contact"] == "dpo@newco.example"
    assert [change["changes"] for change in shown["changes"]] == [{"ciio": True}]
    listed = api.call("regulator", "GET", "/v1/controllers").json()
    assert [c["controller"] for c in listed] == ["default", "newco"]
    table = api.call("staff", "GET", "/v1/controllers", params={"format": "csv"}).text
    assert table.splitlines()[0].startswith("controller,name,contact,jurisdiction")


def test_registering_a_reference_twice_is_a_conflict_that_writes_nothing(api: Api) -> None:
    register(api)
    before = api.position()
    again = api.call("admin", "POST", "/v1/controllers", json=NEWCO | {"name": "Other"})
    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["errors"][0]["field"] == "controller"
    assert api.position() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("jurisdiction", "XX"), ("contact", "-"), ("name", ""), ("dpo_contact", " "), ("ciio", "yes")],
)
def test_a_bad_field_is_named_and_nothing_is_written(api: Api, field: str, value: object) -> None:
    before = api.position()
    refused = api.call("admin", "POST", "/v1/controllers", json=NEWCO | {field: value})
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == field
    assert api.position() == before


def test_a_bad_update_is_named_and_changes_nothing(api: Api) -> None:
    register(api)
    before = api.position()
    refused = api.call(
        "admin", "PATCH", "/v1/controllers/newco", json={"name": "NewCo", "jurisdiction": "Mars"}
    )
    assert (refused.status_code, refused.json()["errors"][0]["field"]) == (422, "jurisdiction")
    assert api.position() == before
    missing = api.call("admin", "PATCH", "/v1/controllers/nobody", json={"name": "X"})
    assert missing.status_code == 404


def test_only_admin_and_compliance_staff_write_and_systems_do_not_read(api: Api) -> None:
    for role in ("system", "regulator"):
        assert api.call(role, "POST", "/v1/controllers", json=NEWCO).status_code == 403
    register(api)
    assert api.call("system", "PATCH", "/v1/controllers/newco", json={}).status_code == 403
    assert api.call("system", "GET", "/v1/controllers").status_code == 403
    assert api.call(None, "GET", "/v1/controllers/newco").status_code == 401

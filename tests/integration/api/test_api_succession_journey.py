"""The succession journey as staff run it over HTTP: a notice list naming each customer,
their responses, where the transfer stands, and the old controller's writes refused."""

from api_harness import Api, define_purposes, give
from test_api_governance import MERGER, rows

URL = "/v1/successions/default-into-buyer"
PEOPLE = {
    "c-1": ("Li Wei", "li@example.cn"),
    "c-2": ("Wang Fang", "+86 138 0000 0002"),
    "c-3": ("Zhang Min", "zhang@example.cn"),
}


def transferred(api: Api) -> None:
    """Three named customers of `default` with a newsletter consent, moved to `buyer`;
    `c-3` erased after the move."""
    define_purposes(api)
    body = {"name": "Newsletter v2", "lawful_basis": "consent"}
    assert api.call("admin", "PUT", "/v1/purposes/newsletter-v2", json=body).status_code == 201
    for ref, (name, contact) in PEOPLE.items():
        details = {"name": name, "contact": contact}
        assert api.call("staff", "PUT", f"/v1/subjects/{ref}", json=details).status_code == 201
        assert give(api, ref).status_code == 201
    api.services.registry.consents.register_controller(
        "buyer", name="Buyer Ltd", contact="dpo@buyer.example", jurisdiction="CN"
    )
    assert api.call("admin", "POST", "/v1/successions", json=MERGER).status_code == 201
    assert api.call("admin", "POST", f"{URL}/execute").status_code == 200
    erased = api.call("admin", "DELETE", "/v1/subjects/c-3", params={"controller": "buyer"})
    assert erased.status_code == 200, erased.text


def access_log(api: Api) -> list[dict[str, str]]:
    return list(api.call("regulator", "GET", "/v1/audit/access-log?limit=1000").json()["entries"])


def test_the_notice_list_names_customers_for_staff_and_logs_each_read(api: Api) -> None:
    transferred(api)
    exported = api.call("staff", "GET", URL, params={"format": "csv"})
    assert exported.status_code == 200, exported.text
    listed = {row["subject_id"]: row for row in rows(exported.text)}
    named = {r["customer_ref"]: (r["name"], r["contact"]) for r in listed.values()}
    assert named == {"c-1": PEOPLE["c-1"], "c-2": PEOPLE["c-2"], "": ("", "")}
    erased = [r for r in listed.values() if r["erased"] == "True"]
    assert [(r["customer_ref"], r["name"], r["notice"]) for r in erased] == [("", "", "pending")]
    logged = access_log(api)
    endpoint = "GET /v1/successions/{succession}"
    assert [(e["role"], e["endpoint"]) for e in logged] == [("staff", endpoint)] * 2
    assert {e["subject_id"] for e in logged} == {
        r["subject_id"] for r in listed.values() if r["customer_ref"]
    }

    as_json = api.call("admin", "GET", URL).json()["subjects_notices"]
    assert sorted(line["customer_ref"] or "" for line in as_json) == ["", "c-1", "c-2"]
    assert len(access_log(api)) == 4


def test_other_roles_get_the_notice_list_without_personal_fields(api: Api) -> None:
    transferred(api)
    exported = api.call("regulator", "GET", URL, params={"format": "csv"})
    assert exported.status_code == 200, exported.text
    listed = rows(exported.text)
    assert len(listed) == 3
    assert {(r["customer_ref"], r["name"], r["contact"]) for r in listed} == {("", "", "")}
    assert access_log(api) == []

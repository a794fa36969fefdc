"""The succession journey as staff run it over HTTP: a notice list naming each customer,
their responses, where the transfer stands, and the old controller's writes refused."""

from datetime import UTC, date, datetime, timedelta

from api_harness import Api, define_purposes, give
from httpx import Response
from test_api_governance import MERGER, ago, rows

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
    api.services.registry.controllers.register_controller(
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


def respond(api: Api, *responses: dict[str, object]) -> Response:
    body = {"responses": [{"at": ago()} | r for r in responses]}
    return api.call("staff", "POST", f"{URL}/responses", json=body)


def test_bad_responses_are_refused_by_reference_and_write_nothing(api: Api) -> None:
    transferred(api)
    before = api.position()
    unknown = respond(
        api,
        {"customer_ref": "c-1", "response": "withdrew"},
        {"customer_ref": "c-9", "response": "objected"},
    )
    assert unknown.status_code == 422, unknown.text
    assert unknown.json()["errors"][0]["field"] == "customer_ref"
    assert "'c-9'" in unknown.json()["detail"]
    purpose = respond(api, {"customer_ref": "c-1", "response": "withdrew", "purposes": ["nope"]})
    assert (purpose.status_code, purpose.json()["errors"][0]["field"]) == (422, "purposes")
    future = respond(api, {"customer_ref": "c-1", "response": "objected", "at": ago(hours=-1)})
    assert (future.status_code, future.json()["errors"][0]["field"]) == (422, "at")
    early = respond(api, {"customer_ref": "c-1", "response": "objected", "at": ago(days=30)})
    assert (early.status_code, early.json()["errors"][0]["field"]) == (422, "at")
    kind = respond(api, {"customer_ref": "c-1", "response": "shrugged"})
    assert (kind.status_code, kind.json()["errors"][0]["field"]) == (422, "responses.0.response")
    assert api.position() == before


def test_responses_are_recorded_with_what_follows_from_them(api: Api) -> None:
    transferred(api)
    for ref in ("c-1", "c-2"):
        again = give(api, ref, purpose="newsletter-v2", controller="buyer")
        assert again.status_code == 201, again.text
    recorded = respond(
        api,
        {"customer_ref": "c-1", "response": "erasure", "channel": "email"},
        {"customer_ref": "c-2", "response": "withdrew", "channel": "phone"},
        {"customer_ref": "c-3", "response": "objected", "note": "did not agree to the sale"},
    )
    assert recorded.status_code == 200, recorded.text
    assert (recorded.json()["recorded"], recorded.json()["consents_withdrawn"]) == (3, 2)
    for ref in ("c-1", "c-2"):
        url = f"/v1/subjects/{ref}/permission"
        params = {"purpose": "newsletter-v2", "controller": "buyer"}
        assert api.call("staff", "GET", url, params=params).json()["allowed"] is False
    report = api.call("regulator", "GET", URL).json()
    assert report["responses"] == {
        "acknowledged": 0,
        "objected": 1,
        "withdrew": 1,
        "erasure": 1,
        "none": 0,
    }
    assert report["consents_withdrawn"] == 2
    exported = rows(api.call("staff", "GET", URL, params={"format": "csv"}).text)
    assert {r["customer_ref"]: r["response"] for r in exported} == {
        "c-1": "erasure",
        "c-2": "withdrew",
        "": "objected",
    }


def test_the_report_says_where_the_transfer_stands(api: Api) -> None:
    transferred(api)
    assert give(api, "c-1", purpose="newsletter-v2", controller="buyer").status_code == 201
    notices = [
        {"customer_ref": ref, "status": "sent", "at": ago(), "channel": "sms"}
        for ref in ("c-1", "c-2")
    ]
    body = {"notices": notices}
    assert api.call("system", "POST", f"{URL}/notices", json=body).status_code == 200
    body = {"customer_refs": ["c-3"], "reason": "erased before notice"}
    assert api.call("staff", "POST", f"{URL}/exceptions", json=body).status_code == 200
    assert respond(api, {"customer_ref": "c-2", "response": "objected"}).status_code == 200

    report = api.call("regulator", "GET", URL).json()
    assert report["standing"] == {
        "notified": 2,
        "responded": 1,
        "re_consented": 1,
        "exceptions": 1,
    }
    exported = rows(api.call("staff", "GET", URL, params={"format": "csv"}).text)
    assert {r["customer_ref"]: r["re_consented"] for r in exported} == {
        "c-1": "True",
        "c-2": "False",
        "": "False",
    }
    params = {"format": "csv", "view": "standing"}
    standing = rows(api.call("regulator", "GET", URL, params=params).text)
    counts = {r["measure"]: r["count"] for r in standing}
    assert (counts["re_consented"], counts["responses.objected"], counts["notified"]) == (
        "1",
        "1",
        "2",
    )


def test_the_old_controller_cannot_write_for_customers_who_moved(api: Api) -> None:
    transferred(api)
    before = api.position()
    answer = give(api, "c-1", purpose="newsletter-v2")
    assert answer.status_code == 409, answer.text
    assert answer.json()["code"] == "moved_to_successor"
    assert "'buyer'" in answer.json()["detail"]
    assert answer.json()["errors"][0]["field"] == "controller"
    details = api.call("staff", "PUT", "/v1/subjects/c-2", json={"contact": "new@example.cn"})
    assert (details.status_code, details.json()["code"]) == (409, "moved_to_successor")
    assert api.position() == before
    assert give(api, "c-1", purpose="newsletter-v2", controller="buyer").status_code == 201
    assert give(api, "c-new").status_code == 201


def test_the_due_list_over_http(api: Api) -> None:
    define_purposes(api)
    until = (date.today() + timedelta(days=30)).isoformat()
    valid_until = (datetime.now(UTC) + timedelta(days=5)).isoformat()
    assert give(api, "c-1", valid_until=valid_until).status_code == 201
    listed = api.call("regulator", "GET", "/v1/due", params={"until": until})
    assert listed.status_code == 200, listed.text
    assert [(i["kind"], i["ref"], i["article"]) for i in listed.json()["items"]] == [
        ("consent", "newsletter", "PIPL Art. 14")
    ]
    exported = api.call("staff", "GET", "/v1/due", params={"until": until, "format": "csv"})
    assert [(r["kind"], r["count"]) for r in rows(exported.text)] == [("consent", "1")]
    bad = api.call("staff", "GET", "/v1/due", params={"until": "soon"})
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "until")
    assert api.call("system", "GET", "/v1/due", params={"until": until}).status_code == 403

"""Every read of a subject's data by a person is logged (who, when, which subject, which
endpoint); reads by systems are not. Regulators list the log."""

from datetime import UTC, datetime

from api_harness import Api, define_purposes, give


def entries(api: Api) -> list[dict[str, str]]:
    answer = api.call("regulator", "GET", "/v1/audit/access-log")
    assert answer.status_code == 200, answer.text
    return list(answer.json()["entries"])


def test_a_persons_read_is_logged_with_who_when_subject_and_endpoint(api: Api) -> None:
    define_purposes(api)
    give(api, "c-1")
    subject_id = api.call("staff", "PUT", "/v1/subjects/c-1", json={}).json()["subject_id"]
    assert entries(api) == []
    started = datetime.now(UTC)
    assert api.call("staff", "GET", "/v1/subjects/c-1/consents").status_code == 200
    assert api.call("regulator", "GET", "/v1/subjects/c-1/history").status_code == 200
    url = "/v1/subjects/c-1/permission?purpose=newsletter"
    assert api.call("admin", "GET", url).status_code == 200

    logged = entries(api)
    assert [(e["role"], e["endpoint"]) for e in logged] == [
        ("staff", "GET /v1/subjects/{ref}/consents"),
        ("regulator", "GET /v1/subjects/{ref}/history"),
        ("admin", "GET /v1/subjects/{ref}/permission"),
    ]
    whoami = api.call("staff", "GET", "/v1/whoami").json()
    staff = logged[0]
    assert (staff["key_id"], staff["label"]) == (whoami["key_id"], whoami["label"])
    assert {e["subject_id"] for e in logged} == {subject_id}
    for entry in logged:
        assert started <= datetime.fromisoformat(entry["at"]) <= datetime.now(UTC)


def test_a_systems_read_is_not_logged(api: Api) -> None:
    define_purposes(api)
    give(api, "c-2")
    assert api.call("system", "GET", "/v1/subjects/c-2/consents").status_code == 200
    url = "/v1/subjects/c-2/permission?purpose=newsletter"
    assert api.call("system", "GET", url).status_code == 200
    assert entries(api) == []


def test_reads_that_find_nothing_and_writes_are_not_reads(api: Api) -> None:
    define_purposes(api)
    assert api.call("staff", "GET", "/v1/subjects/nobody/consents").status_code == 404
    give(api, "c-3")
    assert entries(api) == []


def test_the_log_is_for_regulators_and_admins_and_pages(api: Api) -> None:
    define_purposes(api)
    give(api, "c-4")
    for _ in range(5):
        api.call("staff", "GET", "/v1/subjects/c-4/consents")
    assert api.call("staff", "GET", "/v1/audit/access-log").status_code == 403
    assert api.call("system", "GET", "/v1/audit/access-log").status_code == 403
    first = api.call("admin", "GET", "/v1/audit/access-log?limit=3").json()["entries"]
    rest = api.call("admin", "GET", "/v1/audit/access-log?limit=3&offset=3").json()["entries"]
    assert (len(first), len(rest)) == (3, 2)
    assert first + rest == entries(api)

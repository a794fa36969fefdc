"""PUT /v1/subjects/{ref}, POST …/consents, GET …/consents (now and as of), …/permission,
…/history."""

from datetime import UTC, datetime, timedelta

from api_harness import NEWSLETTER, Api, define_purposes, give

LONG_AGO = "2020-01-01T00:00:00Z"


def test_registering_answers_201_then_200_and_updates_the_details(api: Api) -> None:
    first = api.call("staff", "PUT", "/v1/subjects/cust-1", json={"name": "Li Wei"})
    assert first.status_code == 201, first.text
    assert first.json()["created"] is True
    assert first.json()["controller"] == "default"
    assert first.json()["position"] == api.position()

    update = {"contact": "li@example.cn", "birth_date": "1990-05-01", "jurisdiction": "CN"}
    second = api.call("system", "PUT", "/v1/subjects/cust-1", json=update)
    assert second.status_code == 200, second.text
    assert second.json()["created"] is False
    assert second.json()["subject_id"] == first.json()["subject_id"]
    assert second.json()["position"] == api.position() > first.json()["position"]

    events = api.call("admin", "GET", "/v1/subjects/cust-1/history").json()["events"]
    assert [e["type"] for e in events] == ["Subject.Registered", "Subject.DetailsChanged"]
    assert events[0]["data"]["name"] == "Li Wei"
    changed = events[1]["data"]
    assert (changed["contact"], changed["birth_date"]) == ("li@example.cn", "1990-05-01")


def test_repeating_the_same_details_writes_nothing(api: Api) -> None:
    api.call("staff", "PUT", "/v1/subjects/cust-2", json={"name": "Wang Fang"})
    before = api.position()
    again = api.call("staff", "PUT", "/v1/subjects/cust-2", json={"name": "Wang Fang"})
    assert again.status_code == 200
    assert again.json()["position"] is None
    assert api.position() == before


def test_a_first_consent_registers_the_subject(api: Api) -> None:
    define_purposes(api)
    answer = give(api, "new-customer", channel="web", notice_version="n-1", evidence="sha256:ab")
    assert answer.status_code == 201, answer.text
    recorded = answer.json()
    assert (recorded["status"], recorded["purpose_version"]) == ("given", 1)
    assert recorded["position"] == api.position()
    events = api.call("admin", "GET", "/v1/subjects/new-customer/history").json()["events"]
    assert [e["type"] for e in events] == ["Subject.Registered", "Subject.ConsentGiven"]
    assert events[1]["position"] == recorded["position"]
    assert events[1]["data"]["channel"] == "web"


def test_refusal_and_withdrawal_are_recorded_with_their_status(api: Api) -> None:
    define_purposes(api)
    refused = give(api, "c-9", status="refused")
    assert (refused.status_code, refused.json()["status"]) == (201, "refused")
    assert give(api, "c-9").json()["status"] == "given"
    withdrawn = give(api, "c-9", status="withdrawn")
    assert (withdrawn.status_code, withdrawn.json()["status"]) == (201, "withdrawn")
    current = api.call("staff", "GET", "/v1/subjects/c-9/consents").json()
    assert [(c["purpose"], c["status"]) for c in current["consents"]] == [
        ("newsletter", "withdrawn")
    ]


def test_current_consents_list_each_purpose_once(api: Api) -> None:
    define_purposes(api)
    give(api, "c-2")
    health = give(api, "c-2", purpose="health", separate=True)
    assert health.status_code == 201, health.text
    state = api.call("regulator", "GET", "/v1/subjects/c-2/consents")
    assert state.status_code == 200
    body = state.json()
    assert body["subject_ref"] == "c-2"
    assert datetime.fromisoformat(body["as_of"]) <= datetime.now(UTC)
    consents = {c["purpose"]: c for c in body["consents"]}
    assert sorted(consents) == ["health", "newsletter"]
    assert consents["health"]["position"] == health.json()["position"]
    assert (consents["health"]["status"], consents["health"]["purpose_version"]) == ("given", 1)
    assert consents["health"]["separate"] is True
    assert datetime.fromisoformat(consents["health"]["since"]) <= datetime.now(UTC)


def test_consents_as_of_a_moment_between_two_answers(api: Api) -> None:
    body = {**NEWSLETTER, "effective_at": LONG_AGO}
    assert api.call("admin", "PUT", "/v1/purposes/news", json=body).status_code == 201
    given = give(api, "c-3", "news", occurred_at="2024-01-10T09:00:00Z")
    withdrawn = give(api, "c-3", "news", status="withdrawn", occurred_at="2024-06-01T09:00:00Z")
    assert (given.status_code, withdrawn.status_code) == (201, 201)

    def as_of(moment: str) -> list[tuple[str, str, int]]:
        answer = api.call("staff", "GET", "/v1/subjects/c-3/consents", params={"as_of": moment})
        assert answer.status_code == 200, answer.text
        assert answer.json()["as_of"].startswith(moment[:19])
        return [(c["status"], c["since"][:10], c["position"]) for c in answer.json()["consents"]]

    assert as_of("2023-12-31T00:00:00Z") == []
    assert as_of("2024-03-01T00:00:00+00:00") == [("given", "2024-01-10", given.json()["position"])]
    assert as_of("2024-07-01T00:00:00Z") == [
        ("withdrawn", "2024-06-01", withdrawn.json()["position"])
    ]


def test_consents_of_an_unknown_subject_are_404(api: Api) -> None:
    define_purposes(api)
    for url in ("/v1/subjects/nobody/consents", "/v1/subjects/nobody/consents?as_of=2024-01-01"):
        missing = api.call("staff", "GET", url)
        assert missing.status_code == 404, missing.text
        assert missing.headers["content-type"] == "application/problem+json"
        assert missing.json()["errors"][0]["field"] == "subject"


def test_permission_gives_the_decision_and_its_reasons(api: Api) -> None:
    define_purposes(api)
    given = give(api, "c-4")
    api.call("staff", "PUT", "/v1/subjects/c-4", json={"name": "Zhao"})

    def permission(purpose: str) -> dict[str, object]:
        url = f"/v1/subjects/c-4/permission?purpose={purpose}"
        answer = api.call("system", "GET", url)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    allowed = permission("newsletter")
    assert allowed["allowed"] is True
    assert allowed["reasons"] == [
        {
            "code": "consent_given",
            "message": allowed["reasons"][0]["message"],  # type: ignore[index]
            "article": "PIPL Art. 13(1)(1)",
            "position": given.json()["position"],
        }
    ]
    assert "consent given" in allowed["reasons"][0]["message"]  # type: ignore[index]
    denied = permission("health")
    assert denied["allowed"] is False
    assert [(r["code"], r["article"]) for r in denied["reasons"]] == [  # type: ignore[attr-defined]
        ("no_consent", "PIPL Art. 13(1)(1)")
    ]
    not_needed = permission("payroll")
    assert not_needed["allowed"] is True
    assert [r["code"] for r in not_needed["reasons"]] == ["consent_not_needed"]  # type: ignore[attr-defined]


def test_permission_for_an_unknown_subject_or_purpose_is_404(api: Api) -> None:
    define_purposes(api)
    give(api, "c-5")
    subject = api.call("system", "GET", "/v1/subjects/nobody/permission?purpose=newsletter")
    assert (subject.status_code, subject.json()["errors"][0]["field"]) == (404, "subject")
    purpose = api.call("system", "GET", "/v1/subjects/c-5/permission?purpose=nothing")
    assert (purpose.status_code, purpose.json()["errors"][0]["field"]) == (404, "purpose")
    missing = api.call("system", "GET", "/v1/subjects/c-5/permission")
    assert (missing.status_code, missing.json()["errors"][0]["field"]) == (422, "purpose")


def test_history_lists_every_event_of_the_subject_in_order(api: Api) -> None:
    define_purposes(api)
    occurred = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    positions = [
        give(api, "c-6", occurred_at=occurred).json()["position"],
        give(api, "c-6", purpose="payroll").json()["position"],
        give(api, "c-6", status="withdrawn").json()["position"],
    ]
    give(api, "someone-else")
    history = api.call("regulator", "GET", "/v1/subjects/c-6/history")
    assert history.status_code == 200
    events = history.json()["events"]
    assert [e["type"] for e in events] == [
        "Subject.Registered",
        "Subject.ConsentGiven",
        "Subject.ConsentGiven",
        "Subject.ConsentWithdrawn",
    ]
    assert [e["position"] for e in events[1:]] == positions
    assert events[0]["position"] < positions[0]
    given = events[1]
    assert datetime.fromisoformat(given["occurred_at"]) == datetime.fromisoformat(occurred)
    assert datetime.fromisoformat(given["recorded_at"]) > datetime.fromisoformat(occurred)
    assert (given["data"]["purpose_id"], given["data"]["purpose_version"]) == ("newsletter", 1)
    assert api.call("admin", "GET", "/v1/subjects/nobody/history").status_code == 404

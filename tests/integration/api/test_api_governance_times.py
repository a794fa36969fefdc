"""Facts that follow others cannot be dated before them: an incident's notifications and
measures before its discovery, its summary before its close, a succession's notices before
it started. Each is refused naming the field, and nothing is written."""

from datetime import UTC, date, datetime, timedelta

import pytest
from api_harness import Api, define_purposes, give

INCIDENT = {
    "incident": "INC-1",
    "title": "exposed backup",
    "severity": "relatively_major",
    "categories": ["email"],
    "subjects_affected": 10,
}


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


@pytest.fixture()
def incident(api: Api) -> Api:
    """INC-1, discovered two hours ago."""
    body = INCIDENT | {"discovered_at": ago(hours=2)}
    assert api.call("staff", "POST", "/v1/incidents", json=body).status_code == 201
    return api


def refused(api: Api, url: str, body: dict[str, object], field: str) -> dict[str, object]:
    end = api.position()
    answer = api.call("staff", "POST", url, json=body)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in answer.json()["errors"]] == [field]
    assert api.position() == end
    return answer.json()


def test_a_notification_before_the_discovery_is_refused(incident: Api) -> None:
    early = {"to": "authority", "recipient": "CAC", "at": ago(hours=3), "channel": "12387"}
    problem = refused(incident, "/v1/incidents/INC-1/notifications", early, "at")
    assert "discovered" in str(problem["detail"])
    report = incident.call("staff", "GET", "/v1/incidents/INC-1").json()
    statuses = {d["duty"]: d["status"] for d in report["deadlines"]}
    assert statuses["report to the authority"] != "met"


def test_a_measure_before_the_discovery_is_refused(incident: Api) -> None:
    body = {"measure": "backup taken offline", "taken_at": ago(hours=3)}
    refused(incident, "/v1/incidents/INC-1/measures", body, "taken_at")


def test_a_summary_before_the_close_is_refused(incident: Api) -> None:
    close = {"conclusion": "backup removed", "handling_ended_at": ago(minutes=30)}
    assert incident.call("staff", "POST", "/v1/incidents/INC-1/close", json=close).is_success
    body = {"reported_at": ago(hours=1)}
    refused(incident, "/v1/incidents/INC-1/summary", body, "reported_at")


def test_succession_notices_before_the_start_are_refused(api: Api) -> None:
    define_purposes(api)
    assert give(api, "c-1").status_code == 201
    api.services.registry.controllers.register_controller(
        "buyer", name="Buyer Ltd", contact="dpo@buyer.example", jurisdiction="CN"
    )
    start = {
        "succession": "s-1",
        "from_controller": "default",
        "to_controller": "buyer",
        "reason": "merger",
        "effective_on": (date.today() - timedelta(days=1)).isoformat(),
    }
    assert api.call("admin", "POST", "/v1/successions", json=start).status_code == 201
    assert api.call("admin", "POST", "/v1/successions/s-1/execute").is_success
    early = {"customer_ref": "c-1", "status": "sent", "at": ago(days=2), "channel": "sms"}
    problem = refused(api, "/v1/successions/s-1/notices", {"notices": [early]}, "at")
    assert "'c-1'" in str(problem["detail"])
    on_time = early | {"at": datetime.now(UTC).isoformat()}
    answer = api.call("system", "POST", "/v1/successions/s-1/notices", json={"notices": [on_time]})
    assert answer.status_code == 200, answer.text


def test_a_notice_and_an_answer_stamped_in_the_second_the_succession_started_are_kept(
    api: Api,
) -> None:
    """Times sent to the second (no fraction) in the very second of the start are not
    'before' it: found by running the README's steps, which stamp `date -u +%FT%TZ`."""
    define_purposes(api)
    assert give(api, "c-1").status_code == 201
    api.services.registry.controllers.register_controller(
        "buyer", name="Buyer Ltd", contact="dpo@buyer.example", jurisdiction="CN"
    )
    start = {
        "succession": "s-2",
        "from_controller": "default",
        "to_controller": "buyer",
        "reason": "merger",
        "effective_on": (date.today() - timedelta(days=1)).isoformat(),
    }
    started = api.call("admin", "POST", "/v1/successions", json=start)
    assert started.status_code == 201, started.text
    second = datetime.fromisoformat(started.json()["started_at"]).replace(microsecond=0)
    assert api.call("admin", "POST", "/v1/successions/s-2/execute").is_success
    notice = {"customer_ref": "c-1", "status": "sent", "at": second.isoformat(), "channel": "sms"}
    sent = api.call("system", "POST", "/v1/successions/s-2/notices", json={"notices": [notice]})
    assert sent.status_code == 200, sent.text
    answer = {"customer_ref": "c-1", "response": "objected", "at": second.isoformat()}
    body = {"responses": [answer]}
    responded = api.call("staff", "POST", "/v1/successions/s-2/responses", json=body)
    assert responded.status_code == 200, responded.text
    earlier = notice | {"at": (second - timedelta(seconds=1)).isoformat()}
    refused(api, "/v1/successions/s-2/notices", {"notices": [earlier]}, "at")

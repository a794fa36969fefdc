"""A write retried with the same Idempotency-Key gets the first answer and records nothing new."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from api_harness import NEWSLETTER, Api, define_purposes
from httpx import Response

CONSENT = {"purpose": "newsletter", "status": "given", "channel": "app"}


def post(api: Api, key: str, body: dict[str, Any], role: str = "staff") -> Response:
    return api.call(
        role, "POST", "/v1/subjects/c-1/consents", json=body, headers={"Idempotency-Key": key}
    )


def consents_in_history(api: Api, ref: str = "c-1") -> int:
    events = api.call("admin", "GET", f"/v1/subjects/{ref}/history").json()["events"]
    return sum(event["type"] == "Subject.ConsentGiven" for event in events)


def test_a_retry_with_the_same_body_replays_the_first_answer(api: Api) -> None:
    define_purposes(api)
    first = post(api, "retry-1", CONSENT)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    after_first = api.position()
    for _ in range(3):
        again = post(api, "retry-1", CONSENT)
        assert (again.status_code, again.json()) == (201, first.json())
        assert again.headers["idempotent-replayed"] == "true"
        assert again.headers["content-type"] == "application/json"
    assert api.position() == after_first
    assert consents_in_history(api) == 1


def test_the_same_key_with_another_body_is_refused(api: Api) -> None:
    define_purposes(api)
    assert post(api, "retry-2", CONSENT).status_code == 201
    before = api.position()
    other = post(api, "retry-2", {**CONSENT, "status": "withdrawn"})
    assert other.status_code == 422, other.text
    assert other.headers["content-type"] == "application/problem+json"
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert api.position() == before
    assert consents_in_history(api) == 1


def test_keys_belong_to_the_caller(api: Api) -> None:
    define_purposes(api)
    mine = post(api, "shared-key", CONSENT, role="staff")
    theirs = post(api, "shared-key", CONSENT, role="system")
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert "idempotent-replayed" not in theirs.headers
    assert theirs.json()["position"] > mine.json()["position"]


def test_a_failed_request_releases_its_key(api: Api) -> None:
    early = post(api, "retry-3", CONSENT)
    assert early.status_code == 422, early.text
    assert early.json()["errors"][0]["field"] == "purpose"
    define_purposes(api)
    later = post(api, "retry-3", CONSENT)
    assert later.status_code == 201, later.text
    assert "idempotent-replayed" not in later.headers
    assert consents_in_history(api) == 1


def test_purpose_definitions_replay_too(api: Api) -> None:
    headers = {"Idempotency-Key": "define-1"}
    first = api.call("admin", "PUT", "/v1/purposes/news", json=NEWSLETTER, headers=headers)
    again = api.call("admin", "PUT", "/v1/purposes/news", json=NEWSLETTER, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    purpose = api.call("admin", "GET", "/v1/purposes/news").json()
    assert purpose["version"] == 1


def test_a_retry_while_the_first_is_running_is_a_conflict(api: Api) -> None:
    """The first request holds the key until it has answered: a retry that overtakes it gets
    409 (or, once it has answered, its answer). Either way one consent is recorded."""
    define_purposes(api)
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: post(api, "racing", CONSENT), range(8)))
    statuses = sorted(answer.status_code for answer in answers)
    assert set(statuses) <= {201, 409}, statuses
    created = [answer.json() for answer in answers if answer.status_code == 201]
    assert created and all(body == created[0] for body in created)
    for conflict in (answer for answer in answers if answer.status_code == 409):
        assert conflict.headers["content-type"] == "application/problem+json"
        assert conflict.json()["errors"][0]["field"] == "Idempotency-Key"
    assert consents_in_history(api) == 1


def test_answers_past_the_retention_are_swept_and_the_key_runs_anew(api: Api) -> None:
    from registry.api.idempotency import IdempotencyMiddleware

    define_purposes(api)
    first = post(api, "old-key", CONSENT)
    assert first.status_code == 201
    kept = IdempotencyMiddleware(api.app, api.services.db)  # the default retention: a day
    assert kept.sweep() == 0
    assert post(api, "old-key", CONSENT).headers["idempotent-replayed"] == "true"

    expired = IdempotencyMiddleware(api.app, api.services.db, retention_s=0)
    assert expired.sweep() >= 1
    again = post(api, "old-key", CONSENT)
    assert again.status_code == 201 and "idempotent-replayed" not in again.headers
    assert again.json()["position"] > first.json()["position"]
    assert consents_in_history(api) == 2

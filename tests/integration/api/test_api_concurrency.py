"""Many writers on one subject at once: every answer is recorded, none lost."""

from concurrent.futures import ThreadPoolExecutor

from api_harness import Api, define_purposes
from httpx import Response

THREADS = 16
EACH = 20


def test_concurrent_answers_to_one_subject_are_all_recorded(api: Api) -> None:
    define_purposes(api)
    before = api.position()

    def answer(number: int) -> Response:
        purpose = ("newsletter", "payroll")[number % 2]
        status = ("given", "withdrawn")[(number // 2) % 2]
        body = {"purpose": purpose, "status": status, "channel": f"writer-{number % THREADS}"}
        return api.call("system", "POST", "/v1/subjects/busy/consents", json=body)

    with ThreadPoolExecutor(THREADS) as pool:
        answers = list(pool.map(answer, range(THREADS * EACH)))

    statuses = [a.status_code for a in answers]
    assert statuses == [201] * len(answers), [a.text for a in answers if a.status_code != 201]
    positions = sorted(a.json()["position"] for a in answers)
    assert len(set(positions)) == THREADS * EACH
    events = api.call("admin", "GET", "/v1/subjects/busy/history").json()["events"]
    assert len(events) == 1 + THREADS * EACH
    assert events[0]["type"] == "Subject.Registered"
    assert [e["position"] for e in events[1:]] == positions
    assert [e["version"] for e in events] == list(range(1, len(events) + 1))
    # Positions may skip numbers on PostgreSQL (a lost race spends a sequence value), so
    # count what the global log holds after the start.
    log = api.call("admin", "GET", f"/v1/audit/events?after={before}&limit=1000").json()
    assert [e["position"] for e in log["events"]] == [e["position"] for e in events]

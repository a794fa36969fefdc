"""What must hold after a fault, checked against the global event log as auditors read it
(`GET /v1/audit/events`), the read model as callers read it, and a rebuild of the read model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

import httpx
from fault_load import Command, Outcome
from fault_service import Server, Store

from registry.application import make_registry
from registry.domain import controller_id_for, subject_id_for

Event = dict[str, object]
ANSWER_TYPES = {"Subject.ConsentGiven", "Subject.ConsentWithdrawn", "Subject.ConsentRefused"}
MAX_PAGES = 1000


def subject_id(ref: str) -> str:
    return str(subject_id_for(controller_id_for("default"), ref))


def read_log(client: httpx.Client) -> list[Event]:
    events: list[Event] = []
    after = 0
    for _ in range(MAX_PAGES):
        answer = client.get("/v1/audit/events", params={"after": after, "limit": 1000})
        assert answer.status_code == 200, answer.text
        page = answer.json()
        events.extend(page["events"])
        if page["next_after"] is None:
            return events
        after = page["next_after"]
    raise AssertionError(f"the log has more than {MAX_PAGES} pages")


def _data(event: Event) -> dict[str, object]:
    data = event["data"]
    assert isinstance(data, dict)
    return data


def check_acknowledged(acked: Sequence[Outcome], log: Sequence[Event]) -> None:
    """Every 2xx answer names a stored event of that subject, purpose and answer."""
    by_position = {event["position"]: event for event in log}
    wrong = []
    for outcome in acked:
        assert outcome.body is not None
        event = by_position.get(outcome.position)
        expected = (
            "Subject.Consent" + str(outcome.body["status"]).capitalize(),
            subject_id(outcome.command.ref),
            outcome.command.purpose,
        )
        found = (
            None
            if event is None
            else (event["type"], event["aggregate_id"], _data(event).get("purpose_id"))
        )
        if found != expected:
            wrong.append((outcome.command.number, outcome.position, expected, found))
    assert not wrong, f"{len(wrong)} acknowledged commands not stored as answered: {wrong[:5]}"


def stored_answers(log: Sequence[Event], commands: Iterable[Command]) -> int:
    """Check that nothing is half-written and return how many answers are stored.

    Each subject's events start with its registration, have versions 1..n and at least one
    answer (a subject is registered in the same save as its first answer); each answer is one
    that a command asked for."""
    asked = {(subject_id(c.ref), c.purpose) for c in commands}
    by_aggregate: dict[object, list[Event]] = defaultdict(list)
    for event in log:
        by_aggregate[event["aggregate_id"]].append(event)
    answers = 0
    for aggregate_id, events in by_aggregate.items():
        if not str(events[0]["type"]).startswith("Subject."):
            continue
        assert events[0]["type"] == "Subject.Registered", (aggregate_id, events[0])
        assert [e["version"] for e in events] == list(range(1, len(events) + 1)), aggregate_id
        assert len(events) >= 2, f"subject {aggregate_id} registered without its answer"
        for event in events[1:]:
            assert event["type"] in ANSWER_TYPES, event
            assert (aggregate_id, _data(event)["purpose_id"]) in asked, event
        answers += len(events) - 1
    return answers


def latest_answers(log: Sequence[Event]) -> dict[tuple[object, object], object]:
    """The position of the answer that holds now, per subject and purpose: the one given
    last (by when it occurred, then by the subject's version), as the registry decides.
    A request held up by an outage records its answer after later ones, but it occurred
    before them."""
    latest: dict[tuple[object, object], tuple[datetime, object, object]] = {}
    for event in log:
        if event["type"] in ANSWER_TYPES:
            data = _data(event)
            key = (event["aggregate_id"], data["purpose_id"])
            rank = (datetime.fromisoformat(str(data["occurred_at"])), event["version"])
            if key not in latest or rank >= latest[key][:2]:
                latest[key] = (*rank, event["position"])
    return {key: position for key, (_, _, position) in latest.items()}


def check_read_model(client: httpx.Client, log: Sequence[Event], refs: Iterable[str]) -> int:
    """Each subject's current consents (read model) are the answers that hold in the log;
    returns how many subjects were compared."""
    latest = latest_answers(log)
    compared = 0
    for ref in sorted(set(refs)):
        answer = client.get(f"/v1/subjects/{ref}/consents")
        if answer.status_code == 404:
            assert not any(key[0] == subject_id(ref) for key in latest), ref
            continue
        assert answer.status_code == 200, answer.text
        shown = {c["purpose"]: c["position"] for c in answer.json()["consents"]}
        expected = {p: pos for (s, p), pos in latest.items() if s == subject_id(ref)}
        assert shown == expected, (ref, shown, expected)
        compared += 1
    return compared


def check_chain(client: httpx.Client, log: Sequence[Event]) -> None:
    answer = client.get("/v1/audit/verify")
    assert answer.status_code == 200, answer.text
    verified = answer.json()
    assert verified["ok"] is True, verified
    assert verified["events_checked"] == len(log), verified


def check_rebuild(store: Store, at_least: int) -> None:
    """With the servers stopped, a rebuild of the read model from the events gives the rows
    the servers left (at least `at_least` of them)."""
    registry = make_registry(store.registry_settings())
    try:
        view = registry.app.read_model.view
        before = view.dump()
        assert len(before) >= at_least
        registry.app.read_model.rebuild()
        assert view.dump() == before
    finally:
        registry.close()


def check_stored(
    server: Server, commands: Sequence[Command], acked: Sequence[Outcome], in_doubt: int
) -> list[Event]:
    """Read the log through `server`: the chain verifies, every acknowledged answer is
    stored, nothing is half-written, and at most `in_doubt` answers are stored beyond the
    acknowledged ones (commands whose answer was lost, or refused after their save)."""
    with server.client("regulator") as auditor:
        log = read_log(auditor)
        check_chain(auditor, log)
    check_acknowledged(acked, log)
    extra = stored_answers(log, commands) - len({outcome.position for outcome in acked})
    assert 0 <= extra <= in_doubt, (extra, in_doubt)
    return log


def check_served(server: Server, log: Sequence[Event], refs: Iterable[str]) -> int:
    """`server`'s read model shows the answers that hold, and it never answered 500;
    returns how many subjects were compared."""
    with server.client("admin") as admin:
        compared = check_read_model(admin, log, refs)
    assert server.server_errors() == []
    return compared

"""The current-consent read model: exactly once, resumable, rebuildable, and current for
the writer as soon as a command returns."""

from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError, Tracking
from registry_scenarios import OpenRegistry, answered

from registry.application import Registry
from registry.projections.consent_state import TOPICS, Change, change_for


def record_some_answers(registry: Registry, count: int) -> None:
    for n in range(count):
        subject = registry.consents.register_subject("acme", f"CUST-{n:04d}")
        registry.consents.give_consent(subject, "newsletter", answered(10 + n))
        if n % 3 == 0:
            registry.consents.withdraw_consent(subject, "newsletter", answered(5))
        if n % 4 == 0:
            registry.consents.give_consent(subject, "health-data", answered(2, separate=True))


def relevant_events(registry: Registry) -> list[tuple[int, Change | None]]:
    log = registry.app.recorder.select_notifications(0, 10_000, topics=TOPICS)
    return [(n.id, change_for(registry.app.mapper.to_domain_event(n))) for n in log]


def test_an_event_processed_twice_changes_nothing(registry: Registry) -> None:
    record_some_answers(registry, 6)
    view = registry.app.store.view
    rows, position = view.dump(), view.position()
    events = relevant_events(registry)
    view.clear()
    first_half = events[: len(events) // 2]
    through = first_half[-1][0]

    assert view.apply_batch(0, through, first_half) is True
    half_rows = view.dump()
    assert view.apply_batch(0, through, first_half) is False  # the position has moved on
    assert view.apply_batch(through, through, first_half[-1:]) is False  # nothing after it
    assert (view.dump(), view.position()) == (half_rows, through)
    assert registry.app.read_model.catch_up() == len(events) - len(first_half)
    assert (view.dump(), view.position()) == (rows, position)
    assert registry.app.read_model.catch_up() == 0


def test_a_rebuild_from_scratch_gives_identical_rows(registry: Registry) -> None:
    record_some_answers(registry, 8)
    registry.purposes.revise_purpose(
        "newsletter", registry.app.purpose("newsletter").current.spec, material=True
    )
    registry.purposes.retire_purpose("health-data")
    rows, position = registry.app.store.view.dump(), registry.app.store.view.position()

    processed = registry.app.read_model.rebuild()

    assert processed == len(relevant_events(registry))
    assert (
        position
        == registry.app.store.view.position()
        == registry.app.recorder.max_notification_id()
    )
    assert registry.app.store.view.dump() == rows


def test_the_projection_resumes_from_its_position(registry: Registry) -> None:
    record_some_answers(registry, 8)
    rows, last = registry.app.store.view.dump(), registry.app.store.view.position()
    relevant = len(relevant_events(registry))
    registry.app.store.view.clear()

    assert registry.app.read_model.catch_up(max_events=5) == 5
    assert 5 <= registry.app.store.view.position() < last
    assert registry.app.read_model.catch_up() == relevant - 5
    assert registry.app.store.view.position() == last
    assert registry.app.store.view.dump() == rows


def test_a_restarted_registry_catches_up_on_opening(
    registry: Registry, open_registry: OpenRegistry
) -> None:
    if registry.app.env.get("PERSISTENCE_MODULE") == "eventsourcing.popo":
        pytest.skip("an in-memory store does not outlive its registry")
    record_some_answers(registry, 8)
    rows, last = registry.app.store.view.dump(), registry.app.store.view.position()
    registry.app.store.view.clear()
    registry.app.read_model.catch_up(max_events=10)
    registry.close()

    restarted = open_registry()

    assert restarted.app.store.view.position() == last
    assert restarted.app.store.view.dump() == rows


def test_rows_are_written_in_the_same_transaction_as_the_events(
    registry: Registry,
) -> None:
    subject = registry.consents.register_subject("acme", "CUST-8000")

    position = registry.consents.give_consent(subject, "newsletter", answered(1))

    assert registry.app.store.inline_through() == position == registry.app.store.view.position()
    assert registry.app.read_model.catch_up() == 0


def test_without_inline_rows_the_writer_still_reads_its_own_writes(
    registry: Registry,
) -> None:
    following = registry
    following.app.store.inline = False
    subject = following.consents.register_subject("acme", "CUST-9000")
    before = following.app.store.view.position()

    position = following.consents.give_consent(subject, "newsletter", answered(1))

    assert following.app.store.inline_through() == 0
    assert position > before
    assert following.app.store.view.position() >= position
    assert following.queries.may(subject, "newsletter").reasons[0].position == position


def test_the_view_tracks_the_log_as_the_library_tracks_positions(
    registry: Registry,
) -> None:
    """The view is the library's TrackingRecorder: its position is the registry log's last
    tracked id, and, like the library's trackers, it refuses a position it has passed."""
    subject = registry.consents.register_subject("acme", "CUST-8100")
    position = registry.consents.give_consent(subject, "newsletter", answered(1))
    view = registry.app.store.view

    assert view.max_tracking_id(registry.app.name) == position
    assert view.has_tracking_id(registry.app.name, position)
    assert not view.has_tracking_id(registry.app.name, position + 1)
    with pytest.raises(IntegrityError):
        view.insert_tracking(Tracking(registry.app.name, position))
    assert view.position() == position


def test_the_event_log_pages_by_position(registry: Registry) -> None:
    record_some_answers(registry, 3)
    everything = registry.queries.event_log(0, limit=1000)
    first_page = registry.queries.event_log(0, limit=4)
    next_page = registry.queries.event_log(first_page[-1].position, limit=4)

    assert [e.position for e in first_page + next_page] == [e.position for e in everything[:8]]
    assert everything[0].name == "Controller.Registered"
    assert [e.position for e in everything] == sorted({e.position for e in everything})


def test_reads_and_rebuilds_never_open_personal_fields(
    registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read model and past states use no personal field: they never ask for a subject's
    key, and they work the same after an erasure destroyed it."""
    subject = registry.consents.register_subject("acme", "CUST-7000")
    given = registry.consents.give_consent(
        subject, "newsletter", answered(30, evidence_digest="sha256:f0")
    )
    assert registry.queries.history(subject)[1].data["evidence_digest"] == "sha256:f0"
    assert registry.app.keys is not None
    asked: list[UUID] = []
    key_of = registry.app.keys.key
    monkeypatch.setattr(
        registry.app.keys, "key", lambda subject_id: asked.append(subject_id) or key_of(subject_id)
    )
    rows = registry.app.store.view.dump()

    assert registry.app.read_model.rebuild() > 0
    past = registry.queries.state_as_of(subject, answered(20).occurred_at).get("newsletter")
    assert asked == []
    assert registry.app.store.view.dump() == rows
    assert past is not None and past.record.position == given

    registry.consents.erase_subject(subject)
    assert registry.queries.history(subject)[1].data["evidence_digest"] is None
    assert registry.app.read_model.rebuild() > 0
    assert registry.queries.state_as_of(subject, answered(20).occurred_at).get("newsletter") == past

"""The current-consent read model: exactly once, resumable, rebuildable, and current for
the writer as soon as a command returns."""

from uuid import UUID

import pytest
from eventsourcing.persistence import IntegrityError, Tracking
from registry_scenarios import OpenRegistry, answered

from registry.application import ConsentRegistry
from registry.projections.consent_state import TOPICS, Change, change_for


def record_some_answers(registry: ConsentRegistry, count: int) -> None:
    for n in range(count):
        subject = registry.register_subject("acme", f"CUST-{n:04d}")
        registry.give_consent(subject, "newsletter", answered(10 + n))
        if n % 3 == 0:
            registry.withdraw_consent(subject, "newsletter", answered(5))
        if n % 4 == 0:
            registry.give_consent(subject, "health-data", answered(2, separate=True))


def relevant_events(registry: ConsentRegistry) -> list[tuple[int, Change | None]]:
    log = registry.recorder.select_notifications(0, 10_000, topics=TOPICS)
    return [(n.id, change_for(registry.mapper.to_domain_event(n))) for n in log]


def test_an_event_processed_twice_changes_nothing(registry: ConsentRegistry) -> None:
    record_some_answers(registry, 6)
    view = registry.store.view
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
    assert registry.read_model.catch_up() == len(events) - len(first_half)
    assert (view.dump(), view.position()) == (rows, position)
    assert registry.read_model.catch_up() == 0


def test_a_rebuild_from_scratch_gives_identical_rows(registry: ConsentRegistry) -> None:
    record_some_answers(registry, 8)
    registry.revise_purpose(
        "newsletter", registry.purpose("newsletter").current.spec, material=True
    )
    registry.retire_purpose("health-data")
    rows, position = registry.store.view.dump(), registry.store.view.position()

    processed = registry.read_model.rebuild()

    assert processed == len(relevant_events(registry))
    assert position == registry.store.view.position() == registry.recorder.max_notification_id()
    assert registry.store.view.dump() == rows


def test_the_projection_resumes_from_its_position(registry: ConsentRegistry) -> None:
    record_some_answers(registry, 8)
    rows, last = registry.store.view.dump(), registry.store.view.position()
    relevant = len(relevant_events(registry))
    registry.store.view.clear()

    assert registry.read_model.catch_up(max_events=5) == 5
    assert 5 <= registry.store.view.position() < last
    assert registry.read_model.catch_up() == relevant - 5
    assert registry.store.view.position() == last
    assert registry.store.view.dump() == rows


def test_a_restarted_registry_catches_up_on_opening(
    registry: ConsentRegistry, open_registry: OpenRegistry
) -> None:
    if registry.env.get("PERSISTENCE_MODULE") == "eventsourcing.popo":
        pytest.skip("an in-memory store does not outlive its registry")
    record_some_answers(registry, 8)
    rows, last = registry.store.view.dump(), registry.store.view.position()
    registry.store.view.clear()
    registry.read_model.catch_up(max_events=10)
    registry.close()

    restarted = open_registry()

    assert restarted.store.view.position() == last
    assert restarted.store.view.dump() == rows


def test_rows_are_written_in_the_same_transaction_as_the_events(
    registry: ConsentRegistry,
) -> None:
    subject = registry.register_subject("acme", "CUST-8000")

    position = registry.give_consent(subject, "newsletter", answered(1))

    assert registry.store.inline_through() == position == registry.store.view.position()
    assert registry.read_model.catch_up() == 0


def test_without_inline_rows_the_writer_still_reads_its_own_writes(
    registry: ConsentRegistry,
) -> None:
    following = registry
    following.store.inline = False
    subject = following.register_subject("acme", "CUST-9000")
    before = following.store.view.position()

    position = following.give_consent(subject, "newsletter", answered(1))

    assert following.store.inline_through() == 0
    assert position > before
    assert following.store.view.position() >= position
    assert following.may(subject, "newsletter").reasons[0].position == position


def test_the_view_tracks_the_log_as_the_library_tracks_positions(
    registry: ConsentRegistry,
) -> None:
    """The view is the library's TrackingRecorder: its position is the registry log's last
    tracked id, and, like the library's trackers, it refuses a position it has passed."""
    subject = registry.register_subject("acme", "CUST-8100")
    position = registry.give_consent(subject, "newsletter", answered(1))
    view = registry.store.view

    assert view.max_tracking_id(registry.name) == position
    assert view.has_tracking_id(registry.name, position)
    assert not view.has_tracking_id(registry.name, position + 1)
    with pytest.raises(IntegrityError):
        view.insert_tracking(Tracking(registry.name, position))
    assert view.position() == position


def test_the_event_log_pages_by_position(registry: ConsentRegistry) -> None:
    record_some_answers(registry, 3)
    everything = registry.event_log(0, limit=1000)
    first_page = registry.event_log(0, limit=4)
    next_page = registry.event_log(first_page[-1].position, limit=4)

    assert [e.position for e in first_page + next_page] == [e.position for e in everything[:8]]
    assert everything[0].name == "Controller.Registered"
    assert [e.position for e in everything] == sorted({e.position for e in everything})


def test_reads_and_rebuilds_never_open_personal_fields(
    registry: ConsentRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read model and past states use no personal field: they never ask for a subject's
    key, and they work the same after an erasure destroyed it."""
    subject = registry.register_subject("acme", "CUST-7000")
    given = registry.give_consent(subject, "newsletter", answered(30, evidence_digest="sha256:f0"))
    assert registry.history(subject)[1].data["evidence_digest"] == "sha256:f0"
    assert registry.keys is not None
    asked: list[UUID] = []
    key_of = registry.keys.key
    monkeypatch.setattr(
        registry.keys, "key", lambda subject_id: asked.append(subject_id) or key_of(subject_id)
    )
    rows = registry.store.view.dump()

    assert registry.read_model.rebuild() > 0
    past = registry.state_as_of(subject, answered(20).occurred_at).get("newsletter")
    assert asked == []
    assert registry.store.view.dump() == rows
    assert past is not None and past.record.position == given

    registry.erase_subject(subject)
    assert registry.history(subject)[1].data["evidence_digest"] is None
    assert registry.read_model.rebuild() > 0
    assert registry.state_as_of(subject, answered(20).occurred_at).get("newsletter") == past

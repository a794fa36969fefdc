"""Pure rules of governance: succession replay, notice precedence, incident deadlines."""

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from registry.domain.governance.incident import Incident, Notification
from registry.domain.governance.incident_rules import MEASURES_IN_FORCE, deadlines
from registry.domain.governance.pipia import kept_until
from registry.domain.governance.succession import Succession
from registry.domain.governance.succession_plan import (
    NoticeOutcome,
    NoticeStatus,
    PurposeFate,
    PurposePlan,
)
from registry.errors import InvalidValueError, NoticesPending, SameController

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def succession() -> Succession:
    return Succession.start(
        "s-1",
        from_controller=("a", uuid4()),
        to_controller=("b", uuid4()),
        reason="merger",
        effective_on=date(2026, 3, 1),
        plan=[PurposePlan("p", PurposeFate.KEPT)],
        scope=None,
        now=T0,
    )


def test_a_succession_replays_as_it_stood_at_each_moment() -> None:
    s = succession()
    first, second = uuid4(), uuid4()
    s.transfer([first, second], invalidated=1, final=True, now=T0 + timedelta(hours=1))
    s.record_notices([NoticeOutcome(first, NoticeStatus.SENT, T0 + timedelta(hours=2), "sms")])
    s.record_notices(
        [
            NoticeOutcome(second, NoticeStatus.FAILED, T0 + timedelta(hours=3), reason="bounced"),
            NoticeOutcome(first, NoticeStatus.FAILED, T0 + timedelta(hours=4), reason="late echo"),
        ]
    )
    with pytest.raises(NoticesPending) as pending:
        s.complete(T0 + timedelta(hours=5))
    assert (pending.value.pending, pending.value.failed) == (0, 1)
    s.record_exceptions([second], "public announcement", T0 + timedelta(hours=6))
    s.complete(T0 + timedelta(hours=7))
    events = s.collect_events()

    def at(hours: float) -> Succession | None:
        return Succession.as_of(events, T0 + timedelta(hours=hours))

    assert at(-1) is None
    before = at(0.5)
    assert before is not None and (before.status.value, len(before.notices)) == ("started", 0)
    moved = at(2.5)
    assert moved is not None and moved.status.value == "transferred"
    assert moved.notices[first].status is NoticeStatus.SENT  # a later failure does not undo it
    assert moved.notices[second].status is NoticeStatus.PENDING
    done = at(8)
    assert done is not None and done.status.value == "completed"
    assert done.notices[second].exception == "public announcement"


def test_plans_and_controllers_are_checked() -> None:
    same = uuid4()
    with pytest.raises(SameController):
        Succession.start(
            "s",
            from_controller=("a", same),
            to_controller=("a2", same),
            reason="merger",
            effective_on=date(2026, 1, 1),
            plan=[],
            scope=None,
            now=T0,
        )
    with pytest.raises(InvalidValueError) as kept_with_new:
        PurposePlan("p", PurposeFate.KEPT, "q")
    assert kept_with_new.value.field == "purposes"
    with pytest.raises(InvalidValueError) as unsent:
        NoticeOutcome(uuid4(), NoticeStatus.SENT, T0)
    assert unsent.value.field == "channel"


def incident(severity: str, operator: str, discovered: datetime) -> Incident:
    return Incident.open(
        "i",
        controller_ref="a",
        title="t",
        severity=severity,
        operator=operator,
        discovered_at=discovered,
        categories=[],
        subjects_affected=0,
        now=discovered + timedelta(days=40),
    )


@pytest.mark.parametrize(("operator", "hours"), [("ciio", 1), ("state_organ", 2), ("other", 4)])
def test_the_initial_report_is_due_by_operator_class(operator: str, hours: int) -> None:
    found = incident("major", operator, T0)
    found.notify(
        Notification("authority", "CAC", T0 + timedelta(hours=hours), "12387"),
        now=T0 + timedelta(days=40),
    )
    on_time = deadlines(found, T0 + timedelta(days=40))[0]
    assert (on_time.due_at, on_time.status.value) == (T0 + timedelta(hours=hours), "met")
    late = incident("relatively_major", operator, T0)
    late.notify(
        Notification("authority", "CAC", T0 + timedelta(hours=hours, seconds=1), "x"),
        now=T0 + timedelta(days=40),
    )
    assert deadlines(late, T0 + timedelta(days=40))[0].status.value == "missed"


def test_the_summary_is_due_thirty_days_after_handling_and_old_incidents_are_exempt() -> None:
    found = incident("major", "other", T0)
    ended = T0 + timedelta(days=2)
    found.close("contained", handling_ended_at=ended, now=T0 + timedelta(days=40))
    summary = deadlines(found, T0 + timedelta(days=40))[1]
    assert (summary.due_at, summary.status.value) == (ended + timedelta(days=30), "overdue")
    assert deadlines(found, T0 + timedelta(days=40))[3].status.value == "missed"
    old = incident("especially_major", "ciio", MEASURES_IN_FORCE - timedelta(seconds=1))
    assert {d.status.value for d in deadlines(old, T0)[:2]} == {"not_required"}


def test_assessments_are_kept_three_calendar_years() -> None:
    assert kept_until(date(2023, 5, 31)) == date(2026, 5, 31)
    assert kept_until(date(2028, 2, 29)) == date(2031, 2, 28)

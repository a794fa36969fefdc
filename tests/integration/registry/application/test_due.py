"""The due list: PIPIA retention ends, flow mechanisms lapsing (and when to renew them),
compliance audits and consents expiring, earliest first, each with its article. On every
store."""

from datetime import UTC, date, datetime, timedelta

from transfers_scenarios import approved_flow

from registry.application import Answer, Registry
from registry.application.due import Due
from registry.domain import ConsentDetails

JUNE = date(2024, 6, 1)


def consent_until(registry: Registry, ref: str, days: int) -> None:
    now = datetime.now(UTC)
    details = ConsentDetails(occurred_at=now, valid_until=now + timedelta(days=days))
    registry.consents.record_answer("acme", ref, "newsletter", Answer.GIVEN, details)


def test_everything_due_by_a_date_in_order_with_its_article(registry: Registry) -> None:
    approved_flow(registry, "big", JUNE, individuals=1_500_000)
    mechanism = registry.flows.data_flow("big").mechanism
    assert mechanism is not None and mechanism.valid_until is not None
    registry.assessments.record_assessment(
        "PIPIA-1",
        scope="support data to Singapore",
        risks=["disclosure"],
        measures=["encryption"],
        conclusion="acceptable",
        outcome="acceptable",
        reviewer="DPO",
        completed_on=JUNE,
    )
    for ref in ("c-1", "c-2"):
        consent_until(registry, ref, 10)
    consent_until(registry, "c-3", 200)
    soon = (datetime.now(UTC) + timedelta(days=10)).date()

    items = Due(registry.app, audit_threshold=0).due(date(2027, 12, 31))
    assert [(i.kind, i.due_on, i.count) for i in items] == sorted(
        [
            ("flow", mechanism.valid_until - timedelta(days=84), 1),
            ("flow", mechanism.valid_until, 1),
            ("pipia", date(2027, 6, 1), 1),
            ("audit", date(2027, 5, 1), 1),
            ("consent", soon, 2),
            ("consent", soon + timedelta(days=190), 1),
        ],
        key=lambda item: (item[1], item[0]),
    )
    articles = {i.kind: i.article for i in items}
    assert articles == {
        "flow": "CAC Security Assessment Measures Art. 14; PIPL Art. 38",
        "pipia": "PIPL Art. 56",
        "audit": "Compliance Audit Measures Art. 4; PIPL Art. 54",
        "consent": "PIPL Art. 14",
    }
    assert [i.ref for i in items if i.kind == "audit"] == ["acme"]
    assert [(i.kind, i.count) for i in registry.due.due(soon)] == [("consent", 2)]
    assert registry.due.due(JUNE) == []

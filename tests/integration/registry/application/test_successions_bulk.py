"""A merger of 10,000 customers: moved, changed-purpose consents voided, notices tracked."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from registry_scenarios import OpenRegistry
from succession_scenarios import ref, seed_customers, start_merger, two_controllers

from registry.application.holdings import holdings
from registry.application.successions import NoticeReport
from registry.domain import ConsentDetails, ConsentStatus
from registry.errors import NoticesPending
from registry.settings import RegistrySettings

CUSTOMERS = 10_000


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def registry_settings(request: pytest.FixtureRequest, tmp_path: Path) -> RegistrySettings:
    """The bulk scenario on the two stores a transfer runs on (memory adds nothing here)."""
    if request.param == "sqlite":
        return RegistrySettings(data_dir=tmp_path / "data")
    database = request.getfixturevalue("postgres_database")
    schema = request.getfixturevalue("postgres_schema")
    return RegistrySettings(
        database_url=database.url, database_schema=schema, data_dir=tmp_path / "data"
    )


def test_a_merger_moves_every_customer_and_asks_again_for_the_changed_purpose(
    open_registry: OpenRegistry,
) -> None:
    registry = open_registry()
    two_controllers(registry)
    ids = seed_customers(registry, "acme", CUSTOMERS)
    start_merger(registry)
    before_execution = registry.app.clock()

    execution = registry.successions.execute_succession("acme-into-beta")

    assert (execution.subjects, execution.consents_invalidated) == (CUSTOMERS, CUSTOMERS)
    beta, acme = registry.app.controller("beta").id, registry.app.controller("acme").id
    assert holdings(registry.app.recorder, registry.app.mapper, beta).current == ids
    assert holdings(registry.app.recorder, registry.app.mapper, acme).current == []
    statuses: dict[tuple[str, str], int] = {}
    for row in registry.app.store.view.dump():  # consent rows: subject, purpose, status, …
        if str(row[2]) in set(ConsentStatus):
            key = (str(row[1]), str(row[2]))
            statuses[key] = statuses.get(key, 0) + 1
    assert statuses == {("newsletter", "given"): CUSTOMERS, ("profiling", "invalidated"): CUSTOMERS}

    last = ids[-1]
    denied = registry.queries.may(last, "profiling")
    assert not denied.allowed
    reason = denied.reasons[0]
    assert reason.code == "consent_invalidated"
    assert reason.article == "PIPL Art. 22; PIPL Art. 14"
    assert "re-consent required" in reason.message
    assert registry.queries.may(last, "newsletter").allowed
    assert not registry.queries.may(last, "profiling-v2").allowed

    # The receiving controller finds its customers by the references it inherited.
    assert registry.lineage.subject_id("beta", ref(CUSTOMERS - 1)) == last
    again = ConsentDetails(occurred_at=datetime.now(UTC) - timedelta(seconds=1), channel="app")
    subject_id, _ = registry.consents.record_answer(
        "beta", ref(CUSTOMERS - 1), "profiling-v2", "given", again
    )  # type: ignore[arg-type]
    assert subject_id == last
    assert registry.queries.may(last, "profiling-v2").allowed
    assert registry.queries.current_state(last).get("profiling").status is ConsentStatus.INVALIDATED  # type: ignore[union-attr]

    report = registry.successions.succession_report("acme-into-beta")
    assert (report.status, report.subjects, report.consents_invalidated) == (
        "transferred",
        CUSTOMERS,
        CUSTOMERS,
    )
    assert report.notices["pending"] == CUSTOMERS
    assert report.recipient == {"name": "Beta Ltd", "contact": "dpo@beta.example"}
    with pytest.raises(NoticesPending) as pending:
        registry.successions.complete_succession("acme-into-beta")
    assert (pending.value.pending, pending.value.field) == (CUSTOMERS, "notices")

    sent_at = datetime.now(UTC)
    registry.successions.record_notices(
        "acme-into-beta",
        [NoticeReport(ref(n), "sent", sent_at, channel="sms") for n in range(CUSTOMERS - 2)]
        + [NoticeReport(ref(CUSTOMERS - 2), "failed", sent_at, reason="number not in service")],
    )
    with pytest.raises(NoticesPending) as still:
        registry.successions.complete_succession("acme-into-beta")
    assert (still.value.pending, still.value.failed) == (1, 1)
    registry.successions.record_exceptions(
        "acme-into-beta", [ref(CUSTOMERS - 2), ref(CUSTOMERS - 1)], "announced on the website"
    )
    registry.successions.complete_succession("acme-into-beta")

    done = registry.successions.succession_report("acme-into-beta")
    assert done.status == "completed"
    assert done.notices == {
        "pending": 1,
        "sent": CUSTOMERS - 2,
        "failed": 1,
        "excepted": 2,
        "unsettled": 0,
    }
    earlier = registry.successions.succession_report("acme-into-beta", as_of=before_execution)
    assert (earlier.status, earlier.subjects, earlier.notices["sent"]) == ("started", 0, 0)

"""The consent rules the law sets whatever the controller says: revisions material by law."""

from datetime import UTC, datetime, timedelta

from registry.domain import ConsentDetails, Purpose, PurposeSpec, Subject, controller_id_for, decide

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LAST_YEAR = NOW - timedelta(days=365)


def test_a_revision_adding_sensitive_data_is_material_though_not_flagged() -> None:
    purpose = Purpose.define(
        "loyalty", PurposeSpec("Loyalty", "consent"), effective_at=LAST_YEAR, now=NOW
    )
    subject = Subject.register(controller_id_for("acme"), "C-1", jurisdiction="CN", now=NOW)
    subject.give_consent(purpose.current, ConsentDetails(LAST_YEAR), now=NOW)

    purpose.revise(
        PurposeSpec("Loyalty", "consent", sensitive=True), material=False, effective_at=NOW, now=NOW
    )

    assert purpose.current.material_version == 2
    assert purpose.changes_by_law(2) == ["PIPL Art. 29"]
    standing = purpose.standing_at(NOW, {})
    decision = decide("loyalty", standing, subject.consents["loyalty"], NOW)
    assert (decision.allowed, decision.reasons[0].code) == (False, "consent_invalidated")


def test_dropping_a_separate_consent_case_is_not_material_by_law() -> None:
    spec = PurposeSpec("Loyalty", "consent", separate_consent_reasons=frozenset({"cross_border"}))
    purpose = Purpose.define("loyalty", spec, effective_at=LAST_YEAR, now=NOW)
    purpose.revise(PurposeSpec("Loyalty", "consent"), material=False, effective_at=NOW, now=NOW)
    assert (purpose.current.material_version, purpose.changes_by_law(2)) == (1, [])

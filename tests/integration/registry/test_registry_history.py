"""The past, exactly: state as of any moment, material revisions of purposes, expiry."""

from datetime import timedelta

from registry_scenarios import answered, days_ago, newsletter

from registry.application import ConsentRegistry
from registry.domain import ConsentStatus


def test_state_as_of_a_moment_between_two_answers(registry: ConsentRegistry) -> None:
    subject = registry.register_subject("acme", "CUST-0201")
    given = registry.give_consent(subject, "newsletter", answered(20))
    withdrawn = registry.withdraw_consent(subject, "newsletter", answered(10))

    before = registry.state_as_of(subject, days_ago(25))
    between = registry.state_as_of(subject, days_ago(15))
    after = registry.state_as_of(subject, days_ago(5))

    assert before.consents == ()
    consent = between.get("newsletter")
    assert consent is not None
    assert (consent.status, consent.record.position) == (ConsentStatus.GIVEN, given)
    assert registry.may(subject, "newsletter", at=days_ago(15)).allowed
    consent = after.get("newsletter")
    assert consent is not None
    assert (consent.status, consent.record.position) == (ConsentStatus.WITHDRAWN, withdrawn)
    assert not registry.may(subject, "newsletter", at=days_ago(5)).allowed


def test_the_present_read_from_events_equals_the_read_model(registry: ConsentRegistry) -> None:
    subject = registry.register_subject("acme", "CUST-0202")
    registry.give_consent(subject, "newsletter", answered(9, valid_until=days_ago(2)))
    registry.give_consent(subject, "health-data", answered(8, separate=True))
    registry.refuse_consent(subject, "newsletter", answered(7))
    registry.revise_purpose("health-data", newsletter("Health v2"), material=True)

    from_rows = registry.current_state(subject)
    from_events = registry.state_as_of(subject, from_rows.as_of)

    assert from_rows.consents == from_events.consents
    assert [c.status for c in from_rows.consents] == [
        ConsentStatus.INVALIDATED,
        ConsentStatus.REFUSED,
    ]


def test_an_old_answer_imported_late_does_not_override_a_newer_one(
    registry: ConsentRegistry,
) -> None:
    subject = registry.register_subject("acme", "CUST-0203")
    registry.withdraw_consent(subject, "newsletter", answered(3))
    registry.give_consent(subject, "newsletter", answered(300))  # found in the seller's archive

    assert not registry.may(subject, "newsletter").allowed
    assert registry.may(subject, "newsletter", at=days_ago(100)).allowed


def test_a_material_revision_voids_earlier_consents_for_new_processing(
    registry: ConsentRegistry,
) -> None:
    early, late = (registry.register_subject("acme", ref) for ref in ("CUST-0204", "CUST-0205"))
    registry.give_consent(early, "newsletter", answered(30))
    wording = registry.revise_purpose(
        "newsletter", newsletter("Newsletter, reworded"), material=False, effective_at=days_ago(20)
    )
    registry.give_consent(late, "newsletter", answered(1))
    assert registry.may(early, "newsletter").allowed  # a wording change leaves consent valid

    material = registry.revise_purpose(
        "newsletter", newsletter("Newsletter with partner offers"), material=True
    )

    decision = registry.may(early, "newsletter")
    assert not decision.allowed
    reason = decision.reasons[0]
    assert (reason.code, reason.article, reason.position) == (
        "consent_invalidated",
        "PIPL Art. 14",
        material,
    )
    assert not registry.may(late, "newsletter").allowed
    assert material > wording
    state = registry.current_state(early).get("newsletter")
    assert state is not None and state.status is ConsentStatus.INVALIDATED
    assert state.record.status is ConsentStatus.GIVEN  # what the person did is unchanged

    assert registry.current_state(late).get("newsletter").record.purpose_version == 2

    renewed = registry.give_consent(early, "newsletter", answered(0))
    assert registry.may(early, "newsletter").reasons[0].position == renewed
    assert registry.current_state(early).get("newsletter").record.purpose_version == 3


def test_processing_before_a_material_revision_stays_lawful(registry: ConsentRegistry) -> None:
    subject = registry.register_subject("acme", "CUST-0206")
    registry.give_consent(subject, "newsletter", answered(30))
    registry.revise_purpose(
        "newsletter",
        newsletter("Newsletter with profiling"),
        material=True,
        effective_at=days_ago(10),
    )

    assert registry.may(subject, "newsletter", at=days_ago(20)).allowed
    assert not registry.may(subject, "newsletter", at=days_ago(5)).allowed


def test_consents_past_their_validity_expire(registry: ConsentRegistry) -> None:
    lapsing = registry.register_subject("acme", "CUST-0207")
    lasting = registry.register_subject("acme", "CUST-0208")
    lapsed_at, lasts_until = days_ago(35), days_ago(-30)
    registry.give_consent(lapsing, "newsletter", answered(400, valid_until=lapsed_at))
    registry.give_consent(lasting, "newsletter", answered(400, valid_until=lasts_until))

    lapsed = registry.may(lapsing, "newsletter")
    assert (lapsed.allowed, lapsed.reasons[0].code) == (False, "consent_expired")
    assert registry.may(lasting, "newsletter").allowed

    positions = registry.expire_consents()

    expired = registry.history(lapsing)[-1]
    assert (expired.name, expired.position) == ("Subject.ConsentExpired", positions[-1])
    assert expired.data["occurred_at"] == lapsed_at
    consent = registry.current_state(lapsing).get("newsletter")
    assert consent is not None and consent.record.status is ConsentStatus.EXPIRED
    assert registry.may(lapsing, "newsletter", at=lapsed_at - timedelta(days=1)).allowed
    assert registry.expire_consents() == []  # nothing left to expire
    assert registry.history(lasting)[-1].name == "Subject.ConsentGiven"
    assert len(registry.expire_consents(now=lasts_until + timedelta(days=1))) == 1
    assert registry.history(lasting)[-1].name == "Subject.ConsentExpired"

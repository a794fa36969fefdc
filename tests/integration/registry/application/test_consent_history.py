"""The past, exactly: state as of any moment, material revisions of purposes, expiry."""

from datetime import timedelta

from registry_scenarios import answered, days_ago, newsletter

from registry.application import Registry
from registry.domain import ConsentStatus


def test_state_as_of_a_moment_between_two_answers(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0201")
    given = registry.consents.give_consent(subject, "newsletter", answered(20))
    withdrawn = registry.consents.withdraw_consent(subject, "newsletter", answered(10))

    before = registry.queries.state_as_of(subject, days_ago(25))
    between = registry.queries.state_as_of(subject, days_ago(15))
    after = registry.queries.state_as_of(subject, days_ago(5))

    assert before.consents == ()
    consent = between.get("newsletter")
    assert consent is not None
    assert (consent.status, consent.record.position) == (ConsentStatus.GIVEN, given)
    assert registry.queries.may(subject, "newsletter", at=days_ago(15)).allowed
    consent = after.get("newsletter")
    assert consent is not None
    assert (consent.status, consent.record.position) == (ConsentStatus.WITHDRAWN, withdrawn)
    assert not registry.queries.may(subject, "newsletter", at=days_ago(5)).allowed


def test_the_present_read_from_events_equals_the_read_model(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0202")
    registry.consents.give_consent(subject, "newsletter", answered(9, valid_until=days_ago(2)))
    registry.consents.give_consent(subject, "health-data", answered(8, separate=True))
    registry.consents.refuse_consent(subject, "newsletter", answered(7))
    registry.purposes.revise_purpose("health-data", newsletter("Health v2"), material=True)

    from_rows = registry.queries.current_state(subject)
    from_events = registry.queries.state_as_of(subject, from_rows.as_of)

    assert from_rows.consents == from_events.consents
    assert [c.status for c in from_rows.consents] == [
        ConsentStatus.INVALIDATED,
        ConsentStatus.REFUSED,
    ]


def test_an_old_answer_imported_late_does_not_override_a_newer_one(
    registry: Registry,
) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0203")
    registry.consents.withdraw_consent(subject, "newsletter", answered(3))
    registry.consents.give_consent(
        subject, "newsletter", answered(300)
    )  # found in the seller's archive

    assert not registry.queries.may(subject, "newsletter").allowed
    assert registry.queries.may(subject, "newsletter", at=days_ago(100)).allowed


def test_a_material_revision_voids_earlier_consents_for_new_processing(
    registry: Registry,
) -> None:
    early, late = (
        registry.consents.register_subject("acme", ref) for ref in ("CUST-0204", "CUST-0205")
    )
    registry.consents.give_consent(early, "newsletter", answered(30))
    wording = registry.purposes.revise_purpose(
        "newsletter", newsletter("Newsletter, reworded"), material=False, effective_at=days_ago(20)
    )
    registry.consents.give_consent(late, "newsletter", answered(1))
    assert registry.queries.may(
        early, "newsletter"
    ).allowed  # a wording change leaves consent valid

    material = registry.purposes.revise_purpose(
        "newsletter", newsletter("Newsletter with partner offers"), material=True
    )

    decision = registry.queries.may(early, "newsletter")
    assert not decision.allowed
    reason = decision.reasons[0]
    assert (reason.code, reason.article, reason.position) == (
        "consent_invalidated",
        "PIPL Art. 14",
        material,
    )
    assert not registry.queries.may(late, "newsletter").allowed
    assert material > wording
    state = registry.queries.current_state(early).get("newsletter")
    assert state is not None and state.status is ConsentStatus.INVALIDATED
    assert state.record.status is ConsentStatus.GIVEN  # what the person did is unchanged

    assert registry.queries.current_state(late).get("newsletter").record.purpose_version == 2

    renewed = registry.consents.give_consent(early, "newsletter", answered(0))
    assert registry.queries.may(early, "newsletter").reasons[0].position == renewed
    assert registry.queries.current_state(early).get("newsletter").record.purpose_version == 3


def test_processing_before_a_material_revision_stays_lawful(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0206")
    registry.consents.give_consent(subject, "newsletter", answered(30))
    registry.purposes.revise_purpose(
        "newsletter",
        newsletter("Newsletter with profiling"),
        material=True,
        effective_at=days_ago(10),
    )

    assert registry.queries.may(subject, "newsletter", at=days_ago(20)).allowed
    assert not registry.queries.may(subject, "newsletter", at=days_ago(5)).allowed


def test_consents_past_their_validity_expire(registry: Registry) -> None:
    lapsing = registry.consents.register_subject("acme", "CUST-0207")
    lasting = registry.consents.register_subject("acme", "CUST-0208")
    lapsed_at, lasts_until = days_ago(35), days_ago(-30)
    registry.consents.give_consent(lapsing, "newsletter", answered(400, valid_until=lapsed_at))
    registry.consents.give_consent(lasting, "newsletter", answered(400, valid_until=lasts_until))

    lapsed = registry.queries.may(lapsing, "newsletter")
    assert (lapsed.allowed, lapsed.reasons[0].code) == (False, "consent_expired")
    assert registry.queries.may(lasting, "newsletter").allowed

    positions = registry.consents.expire_consents()

    expired = registry.queries.history(lapsing)[-1]
    assert (expired.name, expired.position) == ("Subject.ConsentExpired", positions[-1])
    assert expired.data["occurred_at"] == lapsed_at
    consent = registry.queries.current_state(lapsing).get("newsletter")
    assert consent is not None and consent.record.status is ConsentStatus.EXPIRED
    assert registry.queries.may(lapsing, "newsletter", at=lapsed_at - timedelta(days=1)).allowed
    assert registry.consents.expire_consents() == []  # nothing left to expire
    assert registry.queries.history(lasting)[-1].name == "Subject.ConsentGiven"
    assert len(registry.consents.expire_consents(now=lasts_until + timedelta(days=1))) == 1
    assert registry.queries.history(lasting)[-1].name == "Subject.ConsentExpired"

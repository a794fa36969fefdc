"""The aggregates and rules alone, without any store."""

from datetime import UTC, date, datetime, timedelta

import pytest

from registry.domain import (
    ConsentDetails,
    ConsentStatus,
    Controller,
    LawfulBasis,
    Purpose,
    PurposeSpec,
    SeparateConsentReason,
    Subject,
    controller_id_for,
    decide,
    subject_id_for,
)
from registry.errors import (
    GuardianConsentRequired,
    InvalidValueError,
    OccursInFuture,
    PurposeRetired,
    RevisionOutOfOrder,
    SeparateConsentRequired,
)

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def a_purpose(**spec: object) -> Purpose:
    fields: dict[str, object] = {"name": "Loyalty programme", "lawful_basis": "consent"} | spec
    return Purpose.define(
        "loyalty",
        PurposeSpec(**fields),
        effective_at=NOW - timedelta(days=365),
        now=NOW,
    )


def a_subject(birth_date: date | None = None) -> Subject:
    return Subject.register(
        controller_id_for("acme"), "CUST-1", jurisdiction="cn", now=NOW, birth_date=birth_date
    )


def test_ids_are_derived_from_references() -> None:
    subject = a_subject()
    assert subject.id == subject_id_for(controller_id_for("acme"), "CUST-1")
    assert subject_id_for(controller_id_for("acme"), "CUST-2") != subject.id
    assert Controller.register("acme", name="Acme", contact="x", jurisdiction="cn").id == (
        controller_id_for("acme")
    )
    assert subject.jurisdiction == "CN"


def test_the_later_answer_wins_whatever_the_order_of_recording() -> None:
    subject, purpose = a_subject(), a_purpose()
    subject.withdraw_consent(purpose.current, ConsentDetails(NOW - timedelta(days=1)), now=NOW)
    assert subject.consents["loyalty"].status is ConsentStatus.REFUSED  # nothing to withdraw yet
    subject.give_consent(purpose.current, ConsentDetails(NOW - timedelta(days=9)), now=NOW)
    assert subject.consents["loyalty"].status is ConsentStatus.REFUSED
    subject.give_consent(purpose.current, ConsentDetails(NOW), now=NOW)
    assert subject.consents["loyalty"].status is ConsentStatus.GIVEN
    subject.withdraw_consent(purpose.current, ConsentDetails(NOW), now=NOW)
    assert subject.consents["loyalty"].status is ConsentStatus.WITHDRAWN
    assert [type(e).__name__ for e in subject.collect_events()] == [
        "Registered",
        "ConsentRefused",
        "ConsentGiven",
        "ConsentGiven",
        "ConsentWithdrawn",
    ]


def test_sensitive_data_always_needs_separate_consent() -> None:
    purpose = a_purpose(sensitive=True)
    assert purpose.current.spec.separate_consent_reasons == {SeparateConsentReason.SENSITIVE}
    with pytest.raises(SeparateConsentRequired) as error:
        a_subject().give_consent(purpose.current, ConsentDetails(NOW), now=NOW)
    assert (error.value.field, error.value.article) == ("separate", "PIPL Art. 29")


def test_guards_on_subjects() -> None:
    child = a_subject(birth_date=date(2013, 6, 2))  # turns 12 the day after NOW
    with pytest.raises(GuardianConsentRequired) as error:
        child.give_consent(a_purpose().current, ConsentDetails(NOW), now=NOW)
    assert error.value.age == 11
    with pytest.raises(OccursInFuture):
        a_subject().give_consent(
            a_purpose().current, ConsentDetails(NOW + timedelta(hours=1)), now=NOW
        )
    with pytest.raises(InvalidValueError) as unborn:
        a_subject(birth_date=date(2026, 1, 1))
    assert unborn.value.field == "birth_date"


def test_purpose_terms_are_validated_and_kept_per_version() -> None:
    with pytest.raises(InvalidValueError) as basis:
        PurposeSpec("Ads", "legitimate_interest")
    assert basis.value.field == "lawful_basis"
    with pytest.raises(InvalidValueError) as retention:
        PurposeSpec("Ads", LawfulBasis.CONSENT, retention_days=0)
    assert retention.value.field == "retention_days"

    purpose = a_purpose()
    purpose.revise(
        PurposeSpec("Loyalty+", "consent"),
        material=False,
        effective_at=NOW - timedelta(days=9),
        now=NOW,
    )
    purpose.revise(PurposeSpec("Loyalty++", "consent"), material=True, effective_at=NOW, now=NOW)
    assert [(t.version, t.material_version) for t in purpose.history] == [(1, 1), (2, 1), (3, 3)]
    assert purpose.terms_at(NOW - timedelta(days=5)).spec.name == "Loyalty+"
    assert (
        purpose.terms_at(NOW - timedelta(days=900)).version == 1
    )  # before definition: first terms
    with pytest.raises(RevisionOutOfOrder):
        purpose.retire(effective_at=NOW - timedelta(days=1), now=NOW)
    purpose.retire(effective_at=NOW, now=NOW)
    with pytest.raises(PurposeRetired):
        purpose.revise(PurposeSpec("Again", "consent"), material=False, effective_at=NOW, now=NOW)
    standing = purpose.standing_at(NOW, {1: 11, 2: 12, 3: 13, 4: 14})
    assert (standing.retired, standing.position, standing.material_position) == (True, 14, 13)


def test_decisions_cite_the_rule_that_applies() -> None:
    purpose = a_purpose(lawful_basis="legal_obligation")
    standing = purpose.standing_at(NOW, {1: 7})
    decision = decide("loyalty", standing, None, NOW)
    assert decision.allowed
    assert (decision.reasons[0].article, decision.reasons[0].position) == ("PIPL Art. 13(1)(3)", 7)
    unknown = decide("loyalty", None, None, NOW)
    assert (unknown.allowed, unknown.reasons[0].code) == (False, "purpose_unknown")


def test_a_copy_of_a_subject_changes_apart_from_the_original() -> None:
    """The repository's cache hands out deep copies for changes: a change to the copy (a
    consent, its pending event) must leave the cached original as it was."""
    import copy

    subject, purpose = a_subject(), a_purpose()
    subject.collect_events()
    copied = copy.deepcopy(subject)
    copied.give_consent(purpose.current, ConsentDetails(NOW - timedelta(hours=1)), now=NOW)

    assert copied.consents["loyalty"].status is ConsentStatus.GIVEN
    assert subject.consents == {} and subject.version == 1 and copied.version == 2
    assert subject.collect_events() == [] and len(copied.collect_events()) == 1
    assert (copied.id, copied.customer_ref, copied.jurisdiction) == (
        subject.id,
        subject.customer_ref,
        subject.jurisdiction,
    )

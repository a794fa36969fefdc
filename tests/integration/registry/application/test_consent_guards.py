"""Commands the rules forbid are rejected with the field at fault, and change nothing.
A person's "no" is never rejected for lack of a matching "yes"."""

from datetime import UTC, date, datetime, timedelta

import pytest
from registry_scenarios import answered, days_ago

from registry.application import Registry
from registry.domain import CLOCK_SKEW, ConsentDetails, ConsentStatus
from registry.errors import (
    ChildConsentNotSeparate,
    GuardianConsentRequired,
    InvalidValueError,
    OccursInFuture,
    PurposeNotFound,
    PurposeRetired,
    SeparateConsentRequired,
)


def test_consent_to_an_unknown_purpose_is_rejected(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0101")

    with pytest.raises(PurposeNotFound) as error:
        registry.consents.give_consent(subject, "lottery", answered(1))

    assert error.value.field == "purpose"
    assert len(registry.queries.history(subject)) == 1


def test_consent_to_a_retired_purpose_is_rejected_but_a_no_is_kept(
    registry: Registry,
) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0102")
    registry.purposes.retire_purpose("newsletter", effective_at=days_ago(10))

    with pytest.raises(PurposeRetired) as error:
        registry.consents.give_consent(subject, "newsletter", answered(1))
    assert error.value.field == "purpose"

    registry.consents.withdraw_consent(subject, "newsletter", answered(1))
    consent = registry.queries.current_state(subject).get("newsletter")
    assert consent is not None and consent.status is ConsentStatus.REFUSED


def test_a_consent_given_before_retirement_can_still_be_recorded(
    registry: Registry,
) -> None:
    """Old records of an acquired company: the purpose was open when the person agreed."""
    subject = registry.consents.register_subject("acme", "CUST-0103")
    registry.purposes.retire_purpose("newsletter", effective_at=days_ago(10))

    registry.consents.give_consent(subject, "newsletter", answered(40))

    decision = registry.queries.may(subject, "newsletter")
    assert (decision.allowed, decision.reasons[0].code) == (False, "purpose_retired")
    assert registry.queries.may(subject, "newsletter", at=days_ago(20)).allowed


def test_a_purpose_needing_separate_consent_rejects_a_bundled_one(
    registry: Registry,
) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0104")

    with pytest.raises(SeparateConsentRequired) as error:
        registry.consents.give_consent(subject, "health-data", answered(1))

    assert error.value.field == "separate"
    assert error.value.reasons == ("cross_border", "sensitive")
    assert error.value.article == "PIPL Art. 39; PIPL Art. 29"
    assert registry.queries.current_state(subject).consents == ()

    registry.consents.give_consent(subject, "health-data", answered(1, separate=True, written=True))
    assert registry.queries.may(subject, "health-data").allowed


def test_a_child_under_14_needs_a_guardians_consent(registry: Registry) -> None:
    twelve = date.today().replace(year=date.today().year - 12) - timedelta(days=30)
    child = registry.consents.register_subject("acme", "CUST-0105", birth_date=twelve)

    with pytest.raises(GuardianConsentRequired) as error:
        registry.consents.give_consent(child, "newsletter", answered(1))
    assert (error.value.field, error.value.age, error.value.article) == (
        "guardian",
        12,
        "PIPL Art. 31",
    )

    with pytest.raises(ChildConsentNotSeparate) as not_separate:  # a child's data is sensitive
        registry.consents.give_consent(child, "newsletter", answered(1, guardian=True))
    assert (not_separate.value.field, not_separate.value.article) == (
        "separate",
        "PIPL Art. 28; PIPL Art. 29",
    )
    registry.consents.give_consent(child, "newsletter", answered(1, guardian=True, separate=True))
    assert registry.queries.may(child, "newsletter").allowed
    registry.consents.refuse_consent(
        child, "newsletter", answered(0.5)
    )  # a child's "no" needs nobody
    assert not registry.queries.may(child, "newsletter").allowed


def test_age_is_taken_on_the_day_of_the_answer(registry: Registry) -> None:
    fourteen_last_month = date.today().replace(year=date.today().year - 14) - timedelta(days=30)
    teen = registry.consents.register_subject("acme", "CUST-0106", birth_date=fourteen_last_month)

    with pytest.raises(GuardianConsentRequired):
        registry.consents.give_consent(teen, "newsletter", answered(60))  # still 13 then
    registry.consents.give_consent(teen, "newsletter", answered(1))
    assert registry.queries.may(teen, "newsletter").allowed


def test_an_answer_dated_in_the_future_is_rejected_beyond_clock_skew(
    registry: Registry,
) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0107")
    now = datetime.now(UTC)

    with pytest.raises(OccursInFuture) as error:
        registry.consents.give_consent(
            subject, "newsletter", ConsentDetails(occurred_at=now + timedelta(hours=1))
        )
    assert error.value.field == "occurred_at"

    slightly_ahead = now + CLOCK_SKEW / 2
    registry.consents.give_consent(
        subject, "newsletter", ConsentDetails(occurred_at=slightly_ahead)
    )
    assert registry.queries.current_state(subject).get("newsletter") is not None


def test_times_without_offset_and_inverted_validity_are_rejected(
    registry: Registry,
) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0108")

    with pytest.raises(InvalidValueError) as naive:
        registry.consents.give_consent(
            subject, "newsletter", ConsentDetails(occurred_at=datetime(2024, 5, 1))
        )
    assert naive.value.field == "occurred_at"
    with pytest.raises(InvalidValueError) as inverted:
        registry.consents.give_consent(subject, "newsletter", answered(5, valid_until=days_ago(6)))
    assert inverted.value.field == "valid_until"
    assert len(registry.queries.history(subject)) == 1

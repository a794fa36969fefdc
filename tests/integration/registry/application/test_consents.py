"""Recording answers and asking what they allow, read back straight after each command."""

import pytest
from registry_scenarios import answered

from registry.application import Registry
from registry.domain import ConsentStatus, subject_id_for
from registry.errors import PurposeNotFound, SubjectNotFound


def test_a_consent_allows_processing_until_it_is_withdrawn(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0001")

    given_at = registry.consents.give_consent(subject, "newsletter", answered(30))
    state = registry.queries.current_state(subject)
    consent = state.get("newsletter")
    assert consent is not None
    assert consent.status is ConsentStatus.GIVEN
    assert consent.record.position == given_at
    decision = registry.queries.may(subject, "newsletter")
    assert decision.allowed
    assert [(r.code, r.article, r.position) for r in decision.reasons] == [
        ("consent_given", "PIPL Art. 13(1)(1)", given_at)
    ]

    withdrawn_at = registry.consents.withdraw_consent(subject, "newsletter", answered(2))
    assert withdrawn_at > given_at
    decision = registry.queries.may(subject, "newsletter")
    assert not decision.allowed
    assert [(r.code, r.article, r.position) for r in decision.reasons] == [
        ("consent_withdrawn", "PIPL Art. 15", withdrawn_at)
    ]
    withdrawn = registry.queries.current_state(subject).get("newsletter")
    assert withdrawn is not None and withdrawn.status is ConsentStatus.WITHDRAWN


def test_a_withdrawal_without_any_consent_is_kept_as_a_refusal(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0002")

    position = registry.consents.withdraw_consent(subject, "newsletter", answered(1))

    consent = registry.queries.current_state(subject).get("newsletter")
    assert consent is not None
    assert (consent.status, consent.record.position) == (ConsentStatus.REFUSED, position)
    assert [event.name for event in registry.queries.history(subject)] == [
        "Subject.Registered",
        "Subject.ConsentRefused",
    ]


def test_a_refusal_is_recorded_and_denies(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0003")
    position = registry.consents.refuse_consent(subject, "newsletter", answered(3))

    decision = registry.queries.may(subject, "newsletter")

    assert not decision.allowed
    assert (decision.reasons[0].code, decision.reasons[0].position) == ("consent_refused", position)


def test_no_answer_denies_and_a_non_consent_basis_needs_none(registry: Registry) -> None:
    subject = registry.consents.register_subject("acme", "CUST-0004")

    assert registry.queries.current_state(subject).consents == ()
    newsletter = registry.queries.may(subject, "newsletter")
    assert (newsletter.allowed, newsletter.reasons[0].code) == (False, "no_consent")
    payroll = registry.queries.may(subject, "payroll")
    assert payroll.allowed
    assert (payroll.reasons[0].code, payroll.reasons[0].article) == (
        "consent_not_needed",
        "PIPL Art. 13(1)(2)",
    )


def test_unknown_subjects_and_purposes_are_named_in_the_error(registry: Registry) -> None:
    known = registry.consents.register_subject("acme", "CUST-0005")
    nobody = subject_id_for(registry.app.controller("acme").id, "NOBODY")

    with pytest.raises(SubjectNotFound) as not_found:
        registry.queries.current_state(nobody)
    assert (not_found.value.subject_id, not_found.value.field) == (nobody, "subject")
    with pytest.raises(SubjectNotFound):
        registry.consents.give_consent(nobody, "newsletter", answered(1))
    with pytest.raises(SubjectNotFound):
        registry.queries.may(nobody, "newsletter")
    with pytest.raises(PurposeNotFound) as no_purpose:
        registry.queries.may(known, "telemarketing")
    assert (no_purpose.value.purpose_id, no_purpose.value.field) == ("telemarketing", "purpose")
    with pytest.raises(PurposeNotFound):
        registry.consents.give_consent(known, "telemarketing", answered(1))
    assert registry.queries.history(known)[-1].name == "Subject.Registered"

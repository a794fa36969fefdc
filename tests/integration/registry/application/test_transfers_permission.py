"""May a subject's data go abroad? Each condition failing on its own, with its article.
On every store."""

from datetime import date
from uuid import UUID

import pytest
from registry_scenarios import answered
from transfers_scenarios import approved_flow, include, subjects

from registry.application import Registry
from registry.errors import InvalidValueError

JUNE = date(2024, 6, 1)


@pytest.fixture()
def person(registry: Registry) -> UUID:
    """Gave separate consent to `health-data`, whose notice asks for it to go abroad, and is
    in the approved flow `sg` to Acme Support Pte Ltd in Singapore."""
    subject = subjects(registry, 1)[0]
    registry.consents.give_consent(subject, "health-data", answered(30, separate=True))
    approved_flow(
        registry, "sg", JUNE, purposes=("health-data", "payroll"), sensitive=True, individuals=50
    )
    include(registry, "sg", [subject], JUNE)
    return subject


def test_all_three_conditions_hold(registry: Registry, person: UUID) -> None:
    decision = registry.transfers.may(
        person, "health-data", destination="SG", recipient="acme support pte ltd"
    )
    assert decision.allowed
    assert [(r.code, r.article) for r in decision.reasons] == [
        ("consent_given", "PIPL Art. 13(1)(1)"),
        ("cross_border_consent_given", "PIPL Art. 39"),
        ("flow_approved", "PIPL Art. 38"),
    ]


def test_no_consent_for_the_purpose(registry: Registry, person: UUID) -> None:
    registry.consents.withdraw_consent(person, "health-data", answered(1))
    decision = registry.transfers.may_transfer(person, "health-data", "SG")
    assert not decision.allowed
    assert [r.code for r in decision.reasons] == ["consent_withdrawn", "flow_approved"]
    assert decision.reasons[0].article == "PIPL Art. 15"


def test_consent_that_did_not_cover_provision_abroad(registry: Registry, person: UUID) -> None:
    # the newsletter notice never asked for consent to send data abroad
    approved_flow(registry, "sg-news", JUNE, purposes=("newsletter",))
    override = "included before the newsletter asked for consent abroad"
    registry.flows.include_in_flow("sg-news", [person], on=JUNE, consent_override=override)
    registry.consents.give_consent(person, "newsletter", answered(3, separate=True))
    decision = registry.transfers.may_transfer(person, "newsletter", "SG")
    assert not decision.allowed
    assert [r.code for r in decision.reasons] == [
        "consent_given",
        "cross_border_consent_missing",
        "flow_approved",
    ]
    assert decision.reasons[1].article == "PIPL Art. 39"
    assert "did not ask" in decision.reasons[1].message

    registry.consents.give_consent(person, "newsletter", answered(2, separate=False))
    reasons = registry.transfers.may_transfer(person, "newsletter", "SG").reasons
    assert "not a separate consent" in reasons[1].message


def test_a_basis_other_than_consent_needs_no_consent(registry: Registry, person: UUID) -> None:
    decision = registry.transfers.may_transfer(person, "payroll", "SG")
    assert decision.allowed
    assert [r.code for r in decision.reasons] == ["consent_not_needed", "flow_approved"]


def test_no_flow_to_the_destination_or_recipient(registry: Registry, person: UUID) -> None:
    for ask in ({"destination": "US"}, {"destination": "SG", "recipient": "Other Ltd"}):
        destination = ask.pop("destination")
        decision = registry.transfers.may_transfer(person, "health-data", destination, **ask)
        assert not decision.allowed
        assert decision.reasons[-1].code == "no_flow"
        assert decision.reasons[-1].article == "PIPL Art. 38"


def test_a_flow_that_does_not_cover_the_purpose(registry: Registry) -> None:
    subject = subjects(registry, 1)[0]
    registry.consents.give_consent(subject, "health-data", answered(30, separate=True))
    approved_flow(registry, "sg-pay", JUNE, purposes=("payroll",))
    include(registry, "sg-pay", [subject], JUNE)
    decision = registry.transfers.may_transfer(subject, "health-data", "SG")
    assert not decision.allowed
    assert decision.reasons[-1].code == "flow_purpose_not_covered"


def test_a_suspended_flow(registry: Registry, person: UUID) -> None:
    registry.flows.suspend_flow("sg", reason="recipient breach under review")
    decision = registry.transfers.may_transfer(person, "health-data", "SG")
    assert not decision.allowed
    assert decision.reasons[-1].code == "flow_not_open"
    assert "suspended" in decision.reasons[-1].message


def test_a_lapsed_security_assessment(registry: Registry) -> None:
    subject = subjects(registry, 1)[0]
    registry.consents.give_consent(subject, "health-data", answered(30, separate=True))
    approved_flow(
        registry,
        "cac",
        date(2022, 10, 1),
        purposes=("health-data",),
        sensitive=True,
        individuals=20_000,
        individuals_processed=30_000,
    )
    include(registry, "cac", [subject], date(2023, 1, 5))
    decision = registry.transfers.may_transfer(subject, "health-data", "SG")
    assert not decision.allowed
    assert decision.reasons[-1].code == "flow_not_open"
    assert "lapsed on 2024-10-01" in decision.reasons[-1].message


def test_a_malformed_destination_is_refused(registry: Registry, person: UUID) -> None:
    with pytest.raises(InvalidValueError) as error:
        registry.transfers.may_transfer(person, "health-data", "sg")
    assert error.value.field == "destination"

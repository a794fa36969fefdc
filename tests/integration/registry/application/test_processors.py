"""The processor register on every store, and the contract rule in permission checks and flows
that name a recipient (PIPL Art. 21, 23)."""

from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID

import pytest
from registry_scenarios import answered
from transfers_scenarios import approved_flow, include, proposal, subjects

from registry.application import Registry
from registry.domain.governance.processor import ProcessorTerms
from registry.errors import NoProcessingContract, ProcessorAlreadyRegistered

JUNE = date(2024, 6, 1)
SUPPORT = ProcessorTerms(
    name="Acme Support Pte Ltd",
    contract_ref="DPA-7",
    starts_on=date(2024, 1, 1),
    until=None,
    purposes=("health-data",),
    data_categories=("contact", "health"),
    security_measures=("encryption", "access logging"),
    country="SG",
)


@pytest.fixture()
def person(registry: Registry) -> UUID:
    """Separate consent to `health-data` abroad, in the approved flow `sg` to Acme Support."""
    subject = subjects(registry, 1)[0]
    registry.consents.give_consent(subject, "health-data", answered(30, separate=True))
    approved_flow(registry, "sg", JUNE, purposes=("health-data",), sensitive=True, individuals=50)
    include(registry, "sg", [subject], JUNE)
    return subject


def codes(registry: Registry, person: UUID, recipient: str | None) -> list[tuple[str, str]]:
    decision = registry.transfers.may(person, "health-data", destination="SG", recipient=recipient)
    return [(r.code, str(r.article)) for r in decision.reasons[-2:]] + [
        ("allowed", str(decision.allowed))
    ]


def test_a_contract_on_record_lets_the_data_go_to_the_recipient(
    registry: Registry, person: UUID
) -> None:
    registry.processors.register_processor("support", role="entrusted", terms=SUPPORT)
    assert codes(registry, person, "ACME SUPPORT PTE LTD") == [
        ("flow_approved", "PIPL Art. 38"),
        ("processor_contract_in_force", "PIPL Art. 21"),
        ("allowed", "True"),
    ]
    assert codes(registry, person, None)[-2:] == [
        ("flow_approved", "PIPL Art. 38"),
        ("allowed", "True"),
    ]


def test_once_the_register_is_kept_an_unlisted_recipient_has_no_contract(
    registry: Registry, person: UUID
) -> None:
    other = replace(SUPPORT, name="Beta Analytics", contract_ref="DPA-9")
    registry.processors.register_processor("beta", role="recipient", terms=other)
    assert codes(registry, person, "Acme Support Pte Ltd")[1:] == [
        ("no_processor_contract", "PIPL Art. 21; PIPL Art. 23"),
        ("allowed", "False"),
    ]


def test_an_ended_contract_no_longer_covers_the_recipient(registry: Registry, person: UUID) -> None:
    registry.processors.register_processor("support", role="recipient", terms=SUPPORT)
    yesterday = registry.app.clock().date() - timedelta(days=1)
    registry.processors.end_contract("support", yesterday, reason="terminated")
    assert codes(registry, person, "support")[1:] == [
        ("processor_contract_not_covering", "PIPL Art. 23"),
        ("allowed", "False"),
    ]
    assert registry.processors.processor("support").ended == (yesterday, "terminated")


def test_a_flow_to_a_recipient_without_a_covering_contract_is_refused(registry: Registry) -> None:
    registry.processors.register_processor("support", role="entrusted", terms=SUPPORT)
    before = registry.app.recorder.max_notification_id()
    with pytest.raises(NoProcessingContract) as refused:
        registry.flows.propose_flow(
            "sg-2", "acme", proposal(purposes=("health-data", "payroll")), on=JUNE
        )
    assert (refused.value.field, refused.value.article) == ("recipient", "PIPL Art. 21")
    assert "does not cover 'payroll'" in refused.value.message
    with pytest.raises(ProcessorAlreadyRegistered):
        registry.processors.register_processor("support", role="entrusted", terms=SUPPORT)
    assert registry.app.recorder.max_notification_id() == before
    registry.flows.propose_flow("sg-2", "acme", proposal(purposes=("health-data",)), on=JUNE)
    assert registry.flows.data_flow("sg-2").proposal.recipient == "Acme Support Pte Ltd"


def test_updates_are_kept_in_order(registry: Registry) -> None:
    registry.processors.register_processor("support", role="entrusted", terms=SUPPORT)
    renewed = replace(SUPPORT, purposes=("health-data", "payroll"), until=date(2030, 1, 1))
    assert registry.processors.update_processor("support", renewed) is not None
    assert registry.processors.update_processor("support", renewed) is None
    found = registry.processors.processor("support")
    assert [terms.purposes for _, terms in found.history] == [
        ("health-data",),
        ("health-data", "payroll"),
    ]
    assert [p.processor_ref for p in registry.processors.all()] == ["support"]

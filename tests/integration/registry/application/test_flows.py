"""Data flows: their life, and the guards that stop a flow doing what its status forbids.
A rejected command leaves the log as it was. On every store."""

from datetime import date
from uuid import uuid4

import pytest
from transfers_scenarios import approved_flow, include, proposal, subjects

from registry.application import Registry
from registry.domain.crossborder.dataflow_values import FlowStatus, MechanismKind
from registry.errors import (
    FlowAlreadyProposed,
    FlowNotFound,
    FlowNotOpen,
    FlowStatusForbids,
    InvalidValueError,
    MechanismNotSuitable,
    MechanismRequired,
)

JUNE = date(2024, 6, 1)


def log_end(registry: Registry) -> int:
    return registry.app.recorder.max_notification_id() or 0


def test_a_flow_goes_from_proposal_to_approval(registry: Registry) -> None:
    registry.flows.propose_flow("sg", "acme", proposal(individuals=150_000), on=JUNE)
    flow = registry.flows.data_flow("sg")
    assert flow.status is FlowStatus.ASSESSED
    assert flow.assessment is not None and flow.assessment.assessed_on == JUNE

    with pytest.raises(MechanismRequired) as missing:
        registry.flows.approve_flow("sg", on=JUNE)
    assert missing.value.field == "mechanism"
    assert missing.value.article is not None and "PIPL Art. 38" in missing.value.article

    with pytest.raises(MechanismNotSuitable):
        registry.flows.record_flow_mechanism("sg", MechanismKind.SECURITY_ASSESSMENT, on=JUNE)
    registry.flows.record_flow_mechanism("sg", "certification", on=JUNE, reference="CERT-7")
    registry.flows.approve_flow("sg", on=date(2024, 6, 2))
    flow = registry.flows.data_flow("sg")
    assert (flow.status, flow.approved_on) == (FlowStatus.APPROVED, date(2024, 6, 2))
    assert [f.flow_ref for f in registry.flows.data_flows("acme", "SG")] == ["sg"]
    assert registry.flows.data_flows(destination="DE") == []


def test_rejected_commands_write_nothing(registry: Registry) -> None:
    people = subjects(registry, 3)
    registry.flows.propose_flow("sg", "acme", proposal(individuals=150_000), on=JUNE)
    end = log_end(registry)
    attempts = [
        (
            FlowAlreadyProposed,
            lambda: registry.flows.propose_flow("sg", "acme", proposal(), on=JUNE),
        ),
        (FlowNotFound, lambda: registry.flows.approve_flow("nowhere", on=JUNE)),
        (MechanismRequired, lambda: registry.flows.approve_flow("sg", on=JUNE)),
        (FlowNotOpen, lambda: registry.flows.include_in_flow("sg", people, on=JUNE)),
        (FlowStatusForbids, lambda: registry.flows.suspend_flow("sg", reason="audit", on=JUNE)),
        (
            InvalidValueError,
            lambda: registry.flows.record_flow_mechanism("sg", "handshake", on=JUNE),
        ),
        (
            InvalidValueError,
            lambda: registry.flows.record_flow_mechanism("sg", "certification", on=JUNE),
        ),
        (InvalidValueError, lambda: registry.flows.approve_flow("sg", on=date(2999, 1, 1))),
    ]
    for error, attempt in attempts:
        with pytest.raises(error):
            attempt()
    assert log_end(registry) == end


def test_subjects_go_only_into_an_open_flow(registry: Registry) -> None:
    people = subjects(registry, 4)
    approved_flow(registry, "sg", JUNE)
    with pytest.raises(FlowNotOpen) as early:
        registry.flows.include_in_flow("sg", people, on=date(2024, 5, 31))
    assert early.value.field == "date"

    unknown = [*people[:2], uuid4()]
    end = log_end(registry)
    with pytest.raises(InvalidValueError) as missing:
        registry.flows.include_in_flow("sg", unknown, on=JUNE)
    assert missing.value.field == "ids"
    assert str(unknown[2]) in missing.value.message
    assert log_end(registry) == end

    registry.flows.suspend_flow("sg", reason="recipient under review", on=date(2024, 6, 5))
    with pytest.raises(FlowNotOpen, match="suspended"):
        registry.flows.include_in_flow("sg", people, on=date(2024, 6, 6))
    with pytest.raises(FlowStatusForbids):
        registry.flows.suspend_flow("sg", reason="again", on=date(2024, 6, 7))
    # once the review is over, the flow is approved again
    registry.flows.approve_flow("sg", on=date(2024, 6, 7))
    assert include(registry, "sg", people, date(2024, 6, 8)) is not None


def test_a_security_assessment_lapses_and_the_flow_expires(registry: Registry) -> None:
    people = subjects(registry, 2)
    # under the 2022 Measures an assessment result is valid for two years
    on = date(2022, 10, 1)
    approved_flow(registry, "cac", on, individuals=200_000, individuals_processed=300_000)
    flow = registry.flows.data_flow("cac")
    assert flow.mechanism is not None
    assert flow.mechanism.kind is MechanismKind.SECURITY_ASSESSMENT
    assert flow.mechanism.valid_until == date(2024, 10, 1)

    include(registry, "cac", people[:1], date(2024, 9, 30))
    with pytest.raises(FlowNotOpen, match="lapsed on 2024-10-01"):
        registry.flows.include_in_flow("cac", people[1:], on=date(2024, 10, 1))

    assert len(registry.flows.expire_flows()) == 1
    flow = registry.flows.data_flow("cac")
    assert (flow.status, flow.expired_on) == (FlowStatus.EXPIRED, date(2024, 10, 1))
    assert registry.flows.expire_flows() == []
    with pytest.raises(FlowStatusForbids):
        registry.flows.assess_flow("cac", on=date(2024, 10, 2))


def test_a_renewed_assessment_keeps_the_flow_open(registry: Registry) -> None:
    people = subjects(registry, 1)
    approved_flow(
        registry, "cac", date(2022, 10, 1), individuals=200_000, individuals_processed=300_000
    )
    registry.flows.record_flow_mechanism("cac", "security_assessment", on=date(2024, 9, 1))
    assert registry.flows.data_flow("cac").mechanism.valid_until == date(2027, 9, 1)  # type: ignore[union-attr]
    assert include(registry, "cac", people, date(2024, 10, 2)) is not None

"""Data flows and subjects the transfer tests share: real flows, saved through the registry."""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from uuid import UUID

from registry.application import Registry
from registry.domain.consent.subject import Subject
from registry.domain.crossborder.dataflow_values import FlowProposal, MechanismKind
from registry.domain.crossborder.rules import Mechanism

KIND_FOR = {
    Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION: MechanismKind.STANDARD_CONTRACT,
    Mechanism.SECURITY_ASSESSMENT: MechanismKind.SECURITY_ASSESSMENT,
}


def subjects(
    registry: Registry, count: int, prefix: str = "C", controller_ref: str = "acme"
) -> list[UUID]:
    """`count` new subjects of the controller, saved 5,000 to a transaction."""
    controller = registry.app.controller(controller_ref).id
    now = datetime.now(UTC)
    ids: list[UUID] = []
    for start in range(0, count, 5000):
        batch = [
            Subject.register(controller, f"{prefix}{n:07d}", jurisdiction="CN", now=now)
            for n in range(start, min(count, start + 5000))
        ]
        registry.app.save_all(*batch)
        ids.extend(subject.id for subject in batch)
    return ids


def proposal(**fields: object) -> FlowProposal:
    """A flow to Singapore for `payroll`, which needs no consent: subjects go in as they are."""
    values: dict[str, object] = {
        "destination": "SG",
        "recipient": "Acme Support Pte Ltd",
        "recipient_contact": "privacy@acme.example.sg",
        "purposes": ("payroll",),
        "data_categories": ("contact", "salary"),
    }
    return FlowProposal(**(values | fields))  # type: ignore[arg-type]


def approved_flow(
    registry: Registry,
    flow_ref: str,
    on: date,
    *,
    controller: str = "acme",
    **fields: object,
) -> str:
    """Propose and assess the flow on `on`, record the mechanism it needs on the same day
    (a certificate, or the CAC's approval) and approve it."""
    registry.flows.propose_flow(flow_ref, controller, proposal(**fields), on=on)
    assessment = registry.flows.data_flow(flow_ref).assessment
    assert assessment is not None
    kind = KIND_FOR.get(assessment.mechanism)
    if kind is not None:
        registry.flows.record_flow_mechanism(flow_ref, kind, on=on, reference=f"REF-{flow_ref}")
    registry.flows.approve_flow(flow_ref, on=on)
    return flow_ref


def include(registry: Registry, flow_ref: str, subject_ids: Sequence[UUID], on: date) -> int | None:
    return registry.flows.include_in_flow(flow_ref, subject_ids, on=on).position

"""Data flows abroad: propose, assess, record the mechanism, approve, suspend, include subjects.

Writes and assessments: admin, staff, system. Reads: the same and the regulator."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from registry.api.deps import ConsentReader, Context, Writer
from registry.api.errors import ProblemError
from registry.api.routes.transfers import references_in_body
from registry.api.schemas.common import Country, Ref
from registry.api.schemas.transfers import (
    FlowAssessmentPublic,
    FlowCreate,
    FlowOnDate,
    FlowPublic,
    FlowSuspend,
    IncludedPublic,
    MechanismPublic,
    MechanismPut,
    SubjectsInclude,
)
from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.dataflow_values import FlowProposal, RecordedMechanism

router = APIRouter(tags=["transfers"])
FlowRef = Annotated[Ref, Path(description="the flow's own reference")]


@router.post("/v1/flows", response_model=FlowPublic, status_code=201)
def post_flow(body: FlowCreate, ctx: Context, _: Writer) -> FlowPublic:
    proposal = FlowProposal(
        destination=body.destination,
        recipient=body.recipient,
        recipient_contact=body.recipient_contact,
        purposes=tuple(body.purposes),
        data_categories=tuple(body.data_categories),
        sensitive=body.sensitive,
        important_data=body.important_data,
        scenario=body.scenario,
        individuals=body.individuals,
        individuals_processed=body.individuals_processed,
        origin=body.origin,
        recipient_certified=body.recipient_certified,
        safeguard=body.safeguard,
        derogation=body.derogation,
    )
    controller = body.controller or ctx.default_controller
    with references_in_body():
        position = ctx.registry.flows.propose_flow(body.flow, controller, proposal, on=body.date)
    return flow_public(ctx, ctx.registry.flows.data_flow(body.flow), position)


@router.post("/v1/flows/{flow}/assess", response_model=FlowPublic)
def post_flow_assess(flow: FlowRef, body: FlowOnDate, ctx: Context, _: Writer) -> FlowPublic:
    position = ctx.registry.flows.assess_flow(flow, on=body.date)
    return flow_public(ctx, ctx.registry.flows.data_flow(flow), position)


@router.put("/v1/flows/{flow}/mechanism", response_model=FlowPublic)
def put_mechanism(flow: FlowRef, body: MechanismPut, ctx: Context, _: Writer) -> FlowPublic:
    position = ctx.registry.flows.record_flow_mechanism(
        flow, body.kind, on=body.date, reference=body.reference, valid_until=body.valid_until
    )
    return flow_public(ctx, ctx.registry.flows.data_flow(flow), position)


@router.post("/v1/flows/{flow}/approve", response_model=FlowPublic)
def post_approve(flow: FlowRef, body: FlowOnDate, ctx: Context, _: Writer) -> FlowPublic:
    position = ctx.registry.flows.approve_flow(flow, on=body.date)
    return flow_public(ctx, ctx.registry.flows.data_flow(flow), position)


@router.post("/v1/flows/{flow}/suspend", response_model=FlowPublic)
def post_suspend(flow: FlowRef, body: FlowSuspend, ctx: Context, _: Writer) -> FlowPublic:
    position = ctx.registry.flows.suspend_flow(flow, reason=body.reason, on=body.date)
    return flow_public(ctx, ctx.registry.flows.data_flow(flow), position)


@router.post("/v1/flows/{flow}/subjects", response_model=IncludedPublic)
def post_subjects(flow: FlowRef, body: SubjectsInclude, ctx: Context, _: Writer) -> IncludedPublic:
    if not body.refs and not body.ids:
        message = "give the subjects as refs (customer references) or ids"
        raise ProblemError(
            422, message, code="invalid_value", errors=[{"field": "refs", "message": message}]
        )
    result = ctx.registry.flows.include_in_flow(
        flow,
        body.ids,
        customer_refs=body.refs,
        on=body.included_on,
        consent_override=body.consent_override,
    )
    return IncludedPublic(
        flow=flow,
        added=result.added,
        already=result.already,
        without_consent=result.without_consent,
        position=result.position,
    )


@router.get("/v1/flows", response_model=list[FlowPublic])
def list_flows(
    ctx: Context,
    _: ConsentReader,
    controller: Annotated[Ref | None, Query(description="only this controller's flows")] = None,
    destination: Annotated[Country | None, Query(description="only flows to this country")] = None,
) -> list[FlowPublic]:
    return [flow_public(ctx, f) for f in ctx.registry.flows.data_flows(controller, destination)]


@router.get("/v1/flows/{flow}", response_model=FlowPublic)
def get_flow(flow: FlowRef, ctx: Context, _: ConsentReader) -> FlowPublic:
    return flow_public(ctx, ctx.registry.flows.data_flow(flow))


def flow_public(ctx: Context, flow: DataFlow, position: int | None = None) -> FlowPublic:
    closed = flow.closed_because(ctx.registry.app.clock().date())
    assessment, mechanism = flow.assessment, flow.mechanism
    return FlowPublic(
        flow=flow.flow_ref,
        flow_id=str(flow.id),
        controller=flow.controller_ref,
        status=flow.status.value,
        **flow.proposal.to_fields(),
        proposed_on=flow.proposed_on,
        assessment=None if assessment is None else FlowAssessmentPublic(**assessment.to_fields()),
        mechanism=None if mechanism is None else mechanism_public(mechanism),
        approved_on=flow.approved_on,
        suspended_on=flow.suspension[0] if flow.suspension else None,
        suspension_reason=flow.suspension[1] if flow.suspension else None,
        expired_on=flow.expired_on,
        subjects_included=flow.included,
        open_today=closed is None,
        closed_because=None if closed is None else closed[1],
        position=position,
    )


def mechanism_public(mechanism: RecordedMechanism) -> MechanismPublic:
    fields = mechanism.to_fields()
    return MechanismPublic(date=fields.pop("in_place_on"), **fields)

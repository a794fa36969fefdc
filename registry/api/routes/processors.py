"""/v1/processors: entrusted parties (PIPL Art. 21) and recipients (Art. 23), each with the
contract on record that a permission check or flow naming it needs."""

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from registry.api.deps import Context, HistoryReader
from registry.api.reports import REPORT, Compliance, Format, report_response
from registry.api.schemas.common import Ref
from registry.api.schemas.governance import ContractEnd, ProcessorCreate, ProcessorUpdate
from registry.domain.governance.processor import ProcessorTerms
from registry.register_views import processor_json, processors_table

router = APIRouter(prefix="/v1/processors", tags=["governance registers"])
ProcessorRef = Annotated[Ref, Path(description="the processor's reference")]


@router.post("", status_code=201)
def register(body: ProcessorCreate, ctx: Context, _: Compliance) -> dict[str, Any]:
    """409 when the reference is registered already; 422 naming a bad field."""
    fields = body.model_dump(exclude={"processor", "role"})
    terms = ProcessorTerms(**fields)
    processors = ctx.registry.processors
    position = processors.register_processor(body.processor, role=body.role, terms=terms)
    return {**processor_json(processors.processor(body.processor)), "position": position}


@router.get("", responses=REPORT)
def register_list(ctx: Context, _: HistoryReader, fmt: Format = "json") -> Response:
    found = ctx.registry.processors.all()
    body = [processor_json(processor, history=False) for processor in found]
    return report_response(body, processors_table(found), fmt, "processors")


@router.get("/{processor}")
def processor(processor: ProcessorRef, ctx: Context, _: HistoryReader) -> dict[str, Any]:
    """With the terms as they stood after each change."""
    return processor_json(ctx.registry.processors.processor(processor))


@router.patch("/{processor}")
def update(
    processor: ProcessorRef, body: ProcessorUpdate, ctx: Context, _: Compliance
) -> dict[str, Any]:
    """`position` is null when the terms already stood so."""
    processors = ctx.registry.processors
    terms = replace(processors.processor(processor).terms, **body.model_dump(exclude_unset=True))
    position = processors.update_processor(processor, terms)
    return {**processor_json(processors.processor(processor)), "position": position}


@router.post("/{processor}/end")
def end_contract(
    processor: ProcessorRef, body: ContractEnd, ctx: Context, _: Compliance
) -> dict[str, Any]:
    processors = ctx.registry.processors
    position = processors.end_contract(processor, body.ended_on, reason=body.reason)
    return {**processor_json(processors.processor(processor)), "position": position}

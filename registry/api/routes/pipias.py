"""/v1/pipias: personal information protection impact assessments (PIPL Art. 55-56)."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response

from registry.api.deps import Admin, Context, HistoryReader
from registry.api.reports import REPORT, Compliance, Format, report_response
from registry.api.schemas.common import Ref
from registry.api.schemas.governance import PipiaCreate, PipiaLinks
from registry.domain.governance.pipia import Links
from registry.governance_views import (
    assessment_json,
    assessments_table,
)

router = APIRouter(tags=["governance registers"])
PipiaRef = Annotated[Ref, Path(description="the assessment's reference")]


def _links(body: PipiaLinks) -> Links:
    return Links(tuple(body.successions), tuple(body.flows), tuple(body.purposes))


@router.post("/v1/pipias", status_code=201)
def record(body: PipiaCreate, ctx: Context, _: Compliance) -> dict[str, Any]:
    position = ctx.registry.assessments.record_assessment(
        body.pipia,
        scope=body.scope,
        risks=body.risks,
        measures=body.measures,
        conclusion=body.conclusion,
        outcome=body.outcome,
        reviewer=body.reviewer,
        completed_on=body.completed_on,
        links=_links(body),
    )
    return {
        **assessment_json(ctx.registry.assessments.assessment(body.pipia)),
        "position": position,
    }


@router.get("/v1/pipias", responses=REPORT)
def assessments(ctx: Context, _: HistoryReader, fmt: Format = "json") -> Response:
    found = ctx.registry.assessments.all()
    body = [assessment_json(a) for a in found]
    return report_response(body, assessments_table(found), fmt, "pipias")


@router.get("/v1/pipias/{pipia}")
def assessment(pipia: PipiaRef, ctx: Context, _: HistoryReader) -> dict[str, Any]:
    return assessment_json(ctx.registry.assessments.assessment(pipia))


@router.post("/v1/pipias/{pipia}/links")
def link(pipia: PipiaRef, body: PipiaLinks, ctx: Context, _: Compliance) -> dict[str, Any]:
    position = ctx.registry.assessments.link_assessment(pipia, _links(body))
    return {**assessment_json(ctx.registry.assessments.assessment(pipia)), "position": position}


@router.delete("/v1/pipias/{pipia}")
def dispose(
    pipia: PipiaRef,
    ctx: Context,
    _: Admin,
    reason: Annotated[str, Query(min_length=1, max_length=500)],
    action: Literal["deleted", "archived"] = "deleted",
) -> dict[str, Any]:
    """Refused (422, PIPL Art. 56) until three years after the assessment was completed."""
    position = ctx.registry.assessments.dispose_of_assessment(pipia, action, reason=reason)
    return {**assessment_json(ctx.registry.assessments.assessment(pipia)), "position": position}

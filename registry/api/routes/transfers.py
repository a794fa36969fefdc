"""Transfers abroad: assess a transfer, and read the individuals a controller sent in a year.

Assessments: admin, staff, system. Reads: the same and the regulator."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from registry.api.deps import ConsentReader, Context, Writer
from registry.api.problems import unknown_in_body
from registry.api.schemas.common import Ref
from registry.api.schemas.transfers import (
    ArticleText,
    AssessmentPublic,
    TransferAssess,
    VolumesPublic,
)
from registry.application.transfers import TransferQuery
from registry.errors import ControllerNotFound, PurposeNotFound

router = APIRouter(tags=["transfers"])


@router.post("/v1/transfers/assess", response_model=AssessmentPublic)
def post_assess(body: TransferAssess, ctx: Context, _: Writer) -> AssessmentPublic:
    fields = body.model_dump(exclude={"controller", "date"})
    query = TransferQuery(controller_ref=body.controller, **fields)
    day = body.date or ctx.registry.app.clock().date()
    with references_in_body():
        result = ctx.registry.transfers.assess_transfer(query, day)
    return AssessmentPublic(
        mechanism=result.mechanism.value,
        exempt_reason=result.exempt_reason,
        reasons=[ArticleText(article=r.article, text=r.text) for r in result.reasons],
        duties=[ArticleText(article=d.article, text=d.text) for d in result.duties],
        rule_version=result.rule_version,
        date=day,
        counting_period_start=result.counting_period_start,
        counted_non_sensitive=result.counted_non_sensitive,
        counted_sensitive=result.counted_sensitive,
        counts_toward_volume=result.counts_toward_volume,
    )


@router.get("/v1/controllers/{controller}/volumes", response_model=VolumesPublic)
def get_volumes(
    controller: Annotated[Ref, Path(description="the controller's reference")],
    ctx: Context,
    _: ConsentReader,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="default: this year")] = None,
    as_of: Annotated[date | None, Query(description="default: today or the year's end")] = None,
) -> VolumesPublic:
    chosen = year or (as_of.year if as_of else ctx.registry.app.clock().year)
    volumes = ctx.registry.transfers.yearly_volumes(controller, chosen, as_of)
    counts = volumes.counts
    return VolumesPublic(
        controller=controller,
        year=chosen,
        as_of=volumes.as_of,
        non_sensitive=counts.non_sensitive,
        sensitive=counts.sensitive,
        total=counts.total,
    )


@contextmanager
def references_in_body() -> Iterator[None]:
    """The body's controller and purposes name nothing registered: the body is at fault."""
    try:
        yield
    except ControllerNotFound as error:
        raise unknown_in_body(error) from None
    except PurposeNotFound as error:
        raise unknown_in_body(error, field="purposes") from None

"""/v1/categories: the data classification register and the purposes that use each category."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from registry.api.deps import Admin, AnyRole, Context
from registry.api.reports import REPORT, Format, report_response
from registry.api.schemas.common import Ref
from registry.api.schemas.governance import CategoryCreate
from registry.governance_views import (
    category_json,
    register_json,
    register_table,
)

router = APIRouter(tags=["governance registers"])
CategoryId = Annotated[Ref, Path(description="the data category, e.g. diagnosis")]


@router.put(
    "/v1/categories/{category}",
    responses={201: {"description": "classified", "content": {"application/json": {}}}},
)
def classify(
    category: CategoryId, body: CategoryCreate, ctx: Context, _: Admin, response: Response
) -> dict[str, Any]:
    position, created = ctx.registry.categories.classify_category(
        category, body.level, rationale=body.rationale, article=body.article
    )
    response.status_code = 201 if created else 200
    return {**category_json(ctx.registry.categories.category(category)), "position": position}


@router.get("/v1/categories", responses=REPORT)
def register(ctx: Context, _: AnyRole, fmt: Format = "json") -> Response:
    report = ctx.registry.categories.classification_report(ctx.registry.purposes.all())
    return report_response(register_json(report), register_table(report), fmt, "categories")


@router.get("/v1/categories/{category}")
def category(category: CategoryId, ctx: Context, _: AnyRole) -> dict[str, Any]:
    return category_json(ctx.registry.categories.category(category))

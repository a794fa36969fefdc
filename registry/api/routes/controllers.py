"""/v1/controllers: the controllers register (who receives an Art. 22 notice's customers)."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from registry.api.deps import Context, HistoryReader
from registry.api.reports import REPORT, Compliance, Format, report_response
from registry.api.schemas.common import Ref
from registry.api.schemas.governance import ControllerCreate, ControllerUpdate
from registry.register_views import controller_json, controllers_table

router = APIRouter(prefix="/v1/controllers", tags=["governance registers"])
ControllerRef = Annotated[Ref, Path(description="the controller's reference")]


@router.post("", status_code=201)
def register(body: ControllerCreate, ctx: Context, _: Compliance) -> dict[str, Any]:
    """409 when the reference is registered already; 422 naming a bad field."""
    controllers = ctx.registry.controllers
    controllers.register_controller(body.controller, **body.model_dump(exclude={"controller"}))
    position = ctx.registry.app.recorder.max_notification_id()
    return {**controller_json(controllers.controller(body.controller)), "position": position}


@router.get("", responses=REPORT)
def register_list(ctx: Context, _: HistoryReader, fmt: Format = "json") -> Response:
    found = ctx.registry.controllers.all()
    body = [controller_json(controller, history=False) for controller in found]
    return report_response(body, controllers_table(found), fmt, "controllers")


@router.get("/{controller}")
def controller(controller: ControllerRef, ctx: Context, _: HistoryReader) -> dict[str, Any]:
    """With every change since registration."""
    return controller_json(ctx.registry.controllers.controller(controller))


@router.patch("/{controller}")
def update(
    controller: ControllerRef, body: ControllerUpdate, ctx: Context, _: Compliance
) -> dict[str, Any]:
    """`position` is null when nothing the body gives differs from the register."""
    controllers = ctx.registry.controllers
    position = controllers.update_controller(controller, **body.model_dump())
    return {**controller_json(controllers.controller(controller)), "position": position}

"""Dependencies shared by the routers: the registry, the caller, and how refs resolve."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from registry.api.access import require
from registry.api.auth import Principal, Role
from registry.application import ConsentRegistry


@dataclass(frozen=True)
class ApiContext:
    registry: ConsentRegistry
    default_controller: str
    write_retries: int = 8
    """Further attempts of a write that lost a version conflict (see `retry.py`)."""


async def get_context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.api
    return context


Context = Annotated[ApiContext, Depends(get_context)]
AnyRole = Annotated[Principal, Depends(require())]
Admin = Annotated[Principal, Depends(require(Role.ADMIN))]
Writer = Annotated[Principal, Depends(require(Role.ADMIN, Role.STAFF, Role.SYSTEM))]
ConsentReader = Annotated[
    Principal, Depends(require(Role.ADMIN, Role.STAFF, Role.SYSTEM, Role.REGULATOR))
]
HistoryReader = Annotated[Principal, Depends(require(Role.ADMIN, Role.STAFF, Role.REGULATOR))]
Auditor = Annotated[Principal, Depends(require(Role.ADMIN, Role.REGULATOR))]

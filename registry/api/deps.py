"""Dependencies shared by the routers: the registry, the caller, and how refs resolve."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from registry.api.access import require
from registry.api.auth import Principal
from registry.application import Registry
from registry.roles import AUDITORS, CONSENT_READERS, HISTORY_READERS, WRITERS, Role


@dataclass(frozen=True)
class ApiContext:
    registry: Registry
    default_controller: str


async def get_context(request: Request) -> ApiContext:
    context: ApiContext = request.app.state.api
    return context


Context = Annotated[ApiContext, Depends(get_context)]
AnyRole = Annotated[Principal, Depends(require())]
Admin = Annotated[Principal, Depends(require(Role.ADMIN))]
Writer = Annotated[Principal, Depends(require(*WRITERS))]
ConsentReader = Annotated[Principal, Depends(require(*CONSENT_READERS))]
HistoryReader = Annotated[Principal, Depends(require(*HISTORY_READERS))]
Auditor = Annotated[Principal, Depends(require(*AUDITORS))]

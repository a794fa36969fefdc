"""Erasure of a person's data (PIPL Art. 47, GDPR Art. 17), by crypto-shredding."""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from registry.api.deps import Admin, Context
from registry.api.schemas.common import Ref
from registry.api.schemas.consent import ErasurePublic

router = APIRouter(prefix="/v1/subjects", tags=["privacy"])


@router.delete("/{ref}", response_model=ErasurePublic)
def erase_subject(
    ref: Annotated[Ref, Path(description="the controller's own customer reference")],
    ctx: Context,
    _: Admin,
    controller: Annotated[Ref | None, Query()] = None,
    reason: Annotated[str, Query(max_length=500)] = "erasure requested by the person",
) -> ErasurePublic:
    subject_id = ctx.registry.lineage.subject_id(controller or ctx.default_controller, ref)
    position = ctx.registry.consents.erase_subject(subject_id, reason=reason)
    return ErasurePublic(
        subject_ref=ref,
        erased=True,
        position=position,
        detail="the subject's key is destroyed: personal fields can no longer be read; "
        "the history of events and the hash chain remain",
    )

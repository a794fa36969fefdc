"""Purposes: define or revise (admin), read the catalogue (every role)."""

from typing import Annotated

from fastapi import APIRouter, Path, Response

from registry.api.deps import Admin, AnyRole, Context
from registry.api.errors import ProblemError
from registry.api.schemas.common import Ref
from registry.api.schemas.consent import PurposeCreate, PurposePublic
from registry.domain.consent.purpose import Purpose, PurposeSpec
from registry.errors import PurposeNotFound

router = APIRouter(prefix="/v1/purposes", tags=["purposes"])
PurposeId = Annotated[Ref, Path(description="the purpose's id, e.g. marketing-sms")]


def public(purpose: Purpose, position: int | None = None) -> PurposePublic:
    current = purpose.current
    spec = current.spec
    return PurposePublic(
        purpose_id=purpose.purpose_id,
        name=spec.name,
        description=spec.description,
        lawful_basis=spec.lawful_basis.value,
        data_categories=list(spec.data_categories),
        sensitive=spec.sensitive,
        requires_separate_consent=spec.requires_separate_consent,
        separate_consent_reasons=sorted(r.value for r in spec.separate_consent_reasons),
        retention_days=spec.retention_days,
        requires_written_consent=spec.requires_written_consent,
        version=current.version,
        material_version=current.material_version,
        retired=current.retired,
        effective_at=current.effective_at,
        versions=[
            {
                "version": t.version,
                "effective_at": t.effective_at,
                "name": t.spec.name,
                "material": t.material_version == t.version and t.version > 1,
                "material_by_law": purpose.changes_by_law(t.version),
                "retired": t.retired,
            }
            for t in purpose.history
        ],
        position=position,
    )


def spec_of(body: PurposeCreate) -> PurposeSpec:
    reasons = frozenset(body.separate_consent_reasons)
    if body.requires_separate_consent and not reasons and not body.sensitive:
        raise ProblemError(
            422,
            "say why separate consent is required",
            code="invalid_value",
            errors=[
                {
                    "field": "separate_consent_reasons",
                    "message": "name at least one of third_party_provision, "
                    "public_disclosure, sensitive, cross_border",
                }
            ],
        )
    return PurposeSpec(
        name=body.name,
        lawful_basis=body.lawful_basis,
        description=body.description,
        data_categories=tuple(body.data_categories),
        sensitive=body.sensitive,
        separate_consent_reasons=reasons,
        retention_days=body.retention_days,
        requires_written_consent=body.requires_written_consent,
    )


@router.put(
    "/{purpose_id}",
    response_model=PurposePublic,
    responses={201: {"model": PurposePublic, "description": "defined: its first version"}},
)
def put_purpose(
    purpose_id: PurposeId, body: PurposeCreate, ctx: Context, _: Admin, response: Response
) -> PurposePublic:
    registry, spec = ctx.registry, spec_of(body)
    try:
        registry.app.purpose(purpose_id)
    except PurposeNotFound:
        position = registry.purposes.define_purpose(
            purpose_id, spec, effective_at=body.effective_at
        )
        response.status_code = 201
    else:
        position = registry.purposes.revise_purpose(
            purpose_id, spec, material=body.material, effective_at=body.effective_at
        )
    return public(registry.app.purpose(purpose_id), position)


@router.get("", response_model=list[PurposePublic])
def list_purposes(ctx: Context, _: AnyRole) -> list[PurposePublic]:
    return [public(purpose) for purpose in ctx.registry.purposes.all()]


@router.get(
    "/{purpose_id}",
    response_model=PurposePublic,
    description="A retired purpose (after DELETE) is still answered, 200 with `retired: true`: "
    "it stays in the catalogue because consents given under it stay in the history; no new "
    "consent to it is accepted.",
)
def get_purpose(purpose_id: PurposeId, ctx: Context, _: AnyRole) -> PurposePublic:
    return public(ctx.registry.app.purpose(purpose_id))


@router.delete(
    "/{purpose_id}",
    response_model=PurposePublic,
    description="Retires the purpose (its events are kept, nothing is deleted): answers it with "
    "`retired: true`, as GET does from then on; consents to it stop allowing processing.",
)
def retire_purpose(purpose_id: PurposeId, ctx: Context, _: Admin) -> PurposePublic:
    position = ctx.registry.purposes.retire_purpose(purpose_id)
    return public(ctx.registry.app.purpose(purpose_id), position)

"""Subjects (customers, by the controller's own reference): register, answers, state, history."""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from registry.api.access import log_subject_read
from registry.api.deps import ConsentReader, Context, HistoryReader, Writer
from registry.api.problems import unknown_in_body
from registry.api.schemas.common import Country, Ref, ShortText, as_json
from registry.api.schemas.consent import (
    ConsentCreate,
    ConsentPublic,
    ConsentRecorded,
    ConsentState,
    PermissionPublic,
    ReasonPublic,
    SubjectCreate,
    SubjectPublic,
)
from registry.api.schemas.events import HistoryPublic, event_public
from registry.application import Answer
from registry.domain.consent.collection import evidence_digest
from registry.domain.consent.consent import ConsentDetails
from registry.domain.consent.state import SubjectState
from registry.errors import PurposeNotFound

router = APIRouter(prefix="/v1/subjects", tags=["subjects"])
SubjectRef = Annotated[Ref, Path(description="the controller's own customer reference")]
ControllerRef = Annotated[
    Ref | None, Query(description="the controller the reference belongs to (default: configured)")
]


@router.put(
    "/{ref}",
    response_model=SubjectPublic,
    responses={201: {"model": SubjectPublic, "description": "registered"}},
)
def put_subject(
    ref: SubjectRef, body: SubjectCreate, ctx: Context, _: Writer, response: Response
) -> SubjectPublic:
    controller = body.controller or ctx.default_controller
    subject_id, position, created = ctx.registry.consents.register_or_update_subject(
        controller,
        ref,
        name=body.name,
        contact=body.contact,
        birth_date=body.birth_date,
        jurisdiction=body.jurisdiction,
    )
    response.status_code = 201 if created else 200
    return SubjectPublic(
        subject_ref=ref,
        controller=controller,
        subject_id=str(subject_id),
        created=created,
        position=position,
    )


@router.post("/{ref}/consents", response_model=ConsentRecorded, status_code=201)
def post_consent(ref: SubjectRef, body: ConsentCreate, ctx: Context, _: Writer) -> ConsentRecorded:
    details = ConsentDetails(
        occurred_at=body.occurred_at or datetime.now(UTC),
        notice_version=body.notice_version,
        language=body.language,
        channel=body.channel,
        evidence_digest=evidence_digest(body.evidence),
        collected_by=body.collected_by,
        valid_until=body.valid_until,
        separate=body.separate,
        written=body.written,
        guardian=body.guardian,
        purpose_version=body.purpose_version,
    )
    try:
        subject_id, position = ctx.registry.consents.record_answer(
            body.controller or ctx.default_controller,
            ref,
            body.purpose,
            Answer(body.status),
            details,
            birth_date=body.birth_date,
        )
    except PurposeNotFound as error:
        raise unknown_in_body(error) from None
    record = ctx.registry.queries.recorded(subject_id, body.purpose, position)
    return ConsentRecorded(
        subject_ref=ref,
        purpose=body.purpose,
        position=position,
        status=record.status.value,
        purpose_version=record.purpose_version,
    )


@router.get("/{ref}/consents", response_model=ConsentState)
def get_consents(
    ref: SubjectRef,
    ctx: Context,
    caller: ConsentReader,
    request: Request,
    controller: ControllerRef = None,
    as_of: Annotated[datetime | None, Query(description="ISO-8601; default now")] = None,
) -> Response:
    subject_id = ctx.registry.lineage.subject_id(controller or ctx.default_controller, ref)
    state = (
        ctx.registry.queries.current_state(subject_id)
        if as_of is None
        else ctx.registry.queries.state_as_of(subject_id, _aware(as_of))
    )
    log_subject_read(request, caller, subject_id)
    return as_json(_state(ref, state))


@router.get("/{ref}/permission", response_model=PermissionPublic)
def get_permission(
    ref: SubjectRef,
    ctx: Context,
    caller: Writer,
    request: Request,
    purpose: Annotated[Ref, Query(description="the purpose to check")],
    controller: ControllerRef = None,
    destination: Annotated[Country | None, Query(description="ISO 3166 alpha-2")] = None,
    recipient: Annotated[ShortText | None, Query(description="with destination")] = None,
) -> PermissionPublic:
    subject_id = ctx.registry.lineage.subject_id(controller or ctx.default_controller, ref)
    decision = (
        ctx.registry.queries.may(subject_id, purpose)
        if destination is None
        else ctx.registry.transfers.may_transfer(
            subject_id, purpose, destination, recipient=recipient
        )
    )
    log_subject_read(request, caller, subject_id)
    return PermissionPublic(
        subject_ref=ref,
        purpose=purpose,
        destination=destination,
        allowed=decision.allowed,
        reasons=[ReasonPublic(**vars(reason)) for reason in decision.reasons],
    )


@router.get("/{ref}/history", response_model=HistoryPublic)
def get_history(
    ref: SubjectRef,
    ctx: Context,
    caller: HistoryReader,
    request: Request,
    controller: ControllerRef = None,
) -> HistoryPublic:
    subject_id = ctx.registry.lineage.subject_id(controller or ctx.default_controller, ref)
    events = ctx.registry.queries.history(subject_id)
    log_subject_read(request, caller, subject_id)
    return HistoryPublic(subject_ref=ref, events=[event_public(e) for e in events])


def _state(ref: str, state: SubjectState) -> ConsentState:
    return ConsentState(
        subject_ref=ref,
        as_of=state.as_of,
        consents=[
            ConsentPublic(
                purpose=c.purpose_id,
                status=c.status.value,
                purpose_version=c.record.purpose_version,
                since=c.record.occurred_at,
                position=c.record.position,
                valid_until=c.record.valid_until,
                separate=c.record.separate,
                reason=c.reason.message,
            )
            for c in state.consents
        ],
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

"""/v1/successions: start, execute, notices, responses, exceptions, complete, report (as of
any date)."""

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from registry.api.access import log_subject_reads
from registry.api.deps import Admin, Context, HistoryReader, Writer
from registry.api.problems import unknown_in_body
from registry.api.reports import REPORT, Compliance, Format, report_response
from registry.api.schemas.common import Ref
from registry.api.schemas.governance import (
    ExceptionsCreate,
    NoticesCreate,
    ResponsesCreate,
    SuccessionCreate,
)
from registry.application.notice_list import named_subjects
from registry.application.notice_responses import ResponseReport
from registry.application.successions import NoticeReport
from registry.domain.governance.succession_plan import PurposePlan
from registry.errors import PurposeNotFound
from registry.governance_views import (
    plain,
    standing_table,
    succession_json,
    succession_table,
)
from registry.roles import COMPLIANCE

router = APIRouter(prefix="/v1/successions", tags=["successions"])
SuccessionRef = Annotated[Ref, Path(description="the succession's reference")]


@router.post("", status_code=201)
def start(body: SuccessionCreate, ctx: Context, _: Admin) -> dict[str, Any]:
    position = ctx.registry.successions.start_succession(
        body.succession,
        from_controller=body.from_controller,
        to_controller=body.to_controller,
        reason=body.reason,
        effective_on=body.effective_on,
        plan=[PurposePlan(p.purpose, p.fate, p.new_purpose) for p in body.purposes],
        customer_refs=body.customer_refs,
    )
    report = ctx.registry.successions.succession_report(body.succession, lines=False)
    return {**plain(report.summary()), "position": position}


@router.get("")
def list_successions(ctx: Context, _: HistoryReader) -> list[dict[str, Any]]:
    return [plain(report.summary()) for report in ctx.registry.successions.all()]


@router.get("/{succession}", responses=REPORT)
def report(
    succession: SuccessionRef,
    ctx: Context,
    caller: HistoryReader,
    request: Request,
    fmt: Format = "json",
    as_of: Annotated[datetime | None, Query(description="ISO-8601; default now")] = None,
    subjects: Annotated[bool, Query(description="each subject's notice (JSON)")] = True,
    view: Annotated[
        Literal["customers", "standing"],
        Query(description="CSV: one row per customer, or the counts of where it stands"),
    ] = "customers",
) -> Response:
    at = None if as_of is None else (as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC))
    """The notice list names each customer (reference, name, contact) for admins and staff,
    each such read recorded in the access log; other roles get it without them."""
    found = ctx.registry.successions.succession_report(
        succession,
        as_of=at,
        lines=subjects or fmt == "csv",
        personal=caller.role in COMPLIANCE,
    )
    log_subject_reads(request, caller, named_subjects(found))
    table = standing_table(found) if view == "standing" else succession_table(found)
    return report_response(succession_json(found), table, fmt, succession)


@router.post("/{succession}/execute")
def execute(succession: SuccessionRef, ctx: Context, _: Admin) -> dict[str, Any]:
    done = ctx.registry.successions.execute_succession(succession)
    return {
        "succession": succession,
        "subjects": done.subjects,
        "consents_invalidated": done.consents_invalidated,
        "position": done.position,
    }


@router.post("/{succession}/notices")
def notices(succession: SuccessionRef, body: NoticesCreate, ctx: Context, _: Writer) -> dict:
    reports = [
        NoticeReport(n.customer_ref, n.status, n.at, n.channel, n.reason) for n in body.notices
    ]
    position = ctx.registry.successions.record_notices(succession, reports)
    return {"succession": succession, "recorded": len(reports), "position": position}


@router.post("/{succession}/responses")
def responses(
    succession: SuccessionRef, body: ResponsesCreate, ctx: Context, _: Writer
) -> dict[str, Any]:
    """Customers' answers to the notice; a withdrawal or an erasure request withdraws their
    consents in the same save; an erasure request is carried out by DELETE /v1/subjects."""
    reports = [
        ResponseReport(r.customer_ref, r.response, r.at, r.channel, r.note, r.purposes)
        for r in body.responses
    ]
    try:
        saved = ctx.registry.successions.record_responses(succession, reports)
    except PurposeNotFound as error:
        raise unknown_in_body(error) from None
    return {"succession": succession, **vars(saved)}


@router.post("/{succession}/exceptions")
def exceptions(
    succession: SuccessionRef, body: ExceptionsCreate, ctx: Context, _: Compliance
) -> dict[str, Any]:
    position = ctx.registry.successions.record_exceptions(
        succession, body.customer_refs, body.reason
    )
    return {"succession": succession, "recorded": len(body.customer_refs), "position": position}


@router.post("/{succession}/complete")
def complete(succession: SuccessionRef, ctx: Context, _: Admin) -> dict[str, Any]:
    position = ctx.registry.successions.complete_succession(succession)
    report = ctx.registry.successions.succession_report(succession, lines=False, standing=False)
    return {**plain(report.summary()), "position": position}

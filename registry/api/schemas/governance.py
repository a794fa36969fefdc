"""Request bodies of the governance API: successions, categories, PIPIAs, incidents."""

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from registry.api.schemas.common import Ref, ShortText, Strict
from registry.domain.governance.classification import DataLevel
from registry.domain.governance.incident import OperatorClass, Severity
from registry.domain.governance.pipia import Outcome
from registry.domain.governance.succession_plan import PurposeFate, SuccessionReason
from registry.domain.governance.succession_responses import ResponseKind

Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Refs = Annotated[list[Ref], Field(max_length=100_000)]
Items = Annotated[list[Text], Field(max_length=200)]


class PurposePlanCreate(Strict):
    purpose: Ref
    fate: PurposeFate
    new_purpose: Ref | None = None


class SuccessionCreate(Strict):
    succession: Ref
    from_controller: Ref
    to_controller: Ref
    reason: SuccessionReason
    effective_on: date
    purposes: Annotated[list[PurposePlanCreate], Field(max_length=500)] = Field(
        default_factory=list
    )
    customer_refs: Refs | None = None
    """Only these customers move (part of a business); default: every one."""


class NoticeCreate(Strict):
    customer_ref: Ref
    status: Literal["sent", "failed"]
    at: AwareDatetime
    channel: ShortText | None = None
    reason: ShortText | None = None


class NoticesCreate(Strict):
    notices: Annotated[list[NoticeCreate], Field(min_length=1, max_length=10_000)]


class ExceptionsCreate(Strict):
    customer_refs: Annotated[list[Ref], Field(min_length=1, max_length=10_000)]
    reason: Text


class CategoryCreate(Strict):
    level: DataLevel
    rationale: Text
    article: ShortText | None = None


class PipiaLinks(Strict):
    successions: Annotated[list[Ref], Field(max_length=100)] = Field(default_factory=list)
    flows: Annotated[list[Ref], Field(max_length=100)] = Field(default_factory=list)
    purposes: Annotated[list[Ref], Field(max_length=100)] = Field(default_factory=list)


class PipiaCreate(PipiaLinks):
    pipia: Ref
    scope: Text
    risks: Items = Field(default_factory=list)
    measures: Items = Field(default_factory=list)
    conclusion: Text
    outcome: Outcome
    reviewer: ShortText
    completed_on: date


class IncidentCreate(Strict):
    incident: Ref
    controller: Ref | None = None
    title: ShortText
    severity: Severity
    operator: OperatorClass | None = None
    discovered_at: AwareDatetime
    categories: Annotated[list[Ref], Field(max_length=100)] = Field(default_factory=list)
    subjects_affected: Annotated[int, Field(ge=0)]
    customer_refs: Annotated[list[Ref], Field(max_length=10_000)] = Field(default_factory=list)
    measures: Items = Field(default_factory=list)


class MeasureCreate(Strict):
    measure: Text
    taken_at: AwareDatetime


class NotificationCreate(Strict):
    to: Literal["authority", "individuals"]
    recipient: ShortText
    at: AwareDatetime
    channel: ShortText
    count: Annotated[int, Field(ge=0)] | None = None


class ReasonCreate(Strict):
    reason: Text


class RegradeCreate(Strict):
    severity: Severity
    reason: Text


class CloseCreate(Strict):
    conclusion: Text
    handling_ended_at: AwareDatetime


class SummaryCreate(Strict):
    reported_at: AwareDatetime


class ResponseCreate(Strict):
    customer_ref: Ref
    response: ResponseKind
    at: AwareDatetime
    channel: ShortText | None = None
    note: Text | None = None
    purposes: Annotated[list[Ref], Field(min_length=1, max_length=100)] | None = None
    """A withdrawal of these purposes only; default every consent the customer gave."""


class ResponsesCreate(Strict):
    responses: Annotated[list[ResponseCreate], Field(min_length=1, max_length=10_000)]

"""Request bodies of the governance API: successions, categories, PIPIAs, incidents."""

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, StringConstraints

from registry.api.schemas.common import Day, Flag, Ref, ShortText, Strict
from registry.domain.governance.classification import DataLevel
from registry.domain.governance.incident import OperatorClass, Severity
from registry.domain.governance.pipia import Outcome
from registry.domain.governance.processor import ProcessorRole
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


Name = Annotated[str, StringConstraints(max_length=500)]


class ControllerUpdate(Strict):
    """Only the fields given change; the register checks each (jurisdiction: ISO 3166)."""

    name: Name | None = None
    contact: Name | None = None
    """The address or contact an Art. 22 notice gives the people whose data it receives."""
    jurisdiction: Annotated[str, StringConstraints(max_length=10)] | None = None
    ciio: Flag | None = None
    dpo_contact: Name | None = None


class ControllerCreate(ControllerUpdate):
    controller: Ref
    name: Name
    contact: Name
    jurisdiction: Annotated[str, StringConstraints(max_length=10)]
    ciio: Flag = False


class ProcessorUpdate(Strict):
    """The contract's terms; in an update, only the fields given change."""

    name: Name | None = None
    contract_ref: ShortText | None = None
    starts_on: Day | None = None
    until: Day | None = None
    purposes: Annotated[list[Ref], Field(min_length=1, max_length=200)] | None = None
    data_categories: Annotated[list[Ref], Field(max_length=200)] | None = None
    security_measures: Items | None = None
    country: Annotated[str, StringConstraints(max_length=10)] | None = None


class ProcessorCreate(ProcessorUpdate):
    processor: Ref
    role: ProcessorRole
    name: Name
    contract_ref: ShortText
    starts_on: Day
    purposes: Annotated[list[Ref], Field(min_length=1, max_length=200)]
    data_categories: Annotated[list[Ref], Field(max_length=200)] = Field(default_factory=list)
    security_measures: Items = Field(default_factory=list)
    country: Annotated[str, StringConstraints(max_length=10)]


class ContractEnd(Strict):
    ended_on: Day
    reason: Text

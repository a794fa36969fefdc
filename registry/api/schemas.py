"""Request and response bodies of the registry API (`XCreate` in, `XPublic` out)."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import Response
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)

from registry.domain.consent.basis import LawfulBasis, SeparateConsentReason

Ref = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\s/]+$")]
ShortText = Annotated[str, StringConstraints(max_length=500)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


def _iso_text(value: object) -> object:
    """Dates and times arrive as ISO 8601 text, as the document says; not as numbers."""
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 string")
    return value


# Bodies take exactly the JSON types the OpenAPI document names: no "true" for true, no
# 1.0 for 1, no epoch seconds for a date.
Flag = StrictBool
Moment = Annotated[AwareDatetime, BeforeValidator(_iso_text)]
Day = Annotated[date, BeforeValidator(_iso_text)]


def as_json(model: BaseModel) -> Response:
    """The answer's JSON, built once: returned as a model, FastAPI would validate it against
    the route's response model again, which is most of a hot read's serialization cost."""
    return Response(model.model_dump_json(), media_type="application/json")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PurposeCreate(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    description: Annotated[str, StringConstraints(max_length=4000)] = ""
    lawful_basis: LawfulBasis
    data_categories: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=100
    )
    sensitive: Flag = False
    requires_separate_consent: Flag = False
    separate_consent_reasons: list[SeparateConsentReason] = Field(default_factory=list)
    retention_days: Annotated[StrictInt, Field(ge=1, le=36_500)] | None = None
    material: Flag = False
    effective_at: Moment | None = None


class PurposePublic(BaseModel):
    purpose_id: str
    name: str
    description: str
    lawful_basis: str
    data_categories: list[str]
    sensitive: bool
    requires_separate_consent: bool
    separate_consent_reasons: list[str]
    retention_days: int | None
    version: int
    material_version: int
    retired: bool
    effective_at: datetime
    versions: list[dict[str, Any]]
    position: int | None = None


class ControllerCreate(Strict):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    contact: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    jurisdiction: Country
    ciio: Flag = False


class SubjectCreate(Strict):
    controller: Ref | None = None
    name: ShortText | None = None
    contact: ShortText | None = None
    birth_date: Day | None = None
    jurisdiction: Country | None = None


class SubjectPublic(BaseModel):
    subject_ref: str
    controller: str
    subject_id: str
    created: bool
    position: int | None


class ConsentCreate(Strict):
    purpose: Ref
    status: Literal["given", "refused", "withdrawn"]
    controller: Ref | None = None
    notice_version: ShortText | None = None
    language: Annotated[str, StringConstraints(max_length=35)] | None = None
    channel: ShortText | None = None
    separate: Flag = False
    written: Flag = False
    guardian: Flag = False
    evidence: Annotated[str, StringConstraints(max_length=10_000)] | None = None
    collected_by: ShortText | None = None
    occurred_at: Moment | None = None
    valid_until: Moment | None = None
    purpose_version: Annotated[StrictInt, Field(ge=1)] | None = None
    birth_date: Day | None = None


class ConsentRecorded(BaseModel):
    subject_ref: str
    purpose: str
    position: int
    status: str
    purpose_version: int


class ConsentPublic(BaseModel):
    purpose: str
    status: str
    purpose_version: int
    since: datetime
    position: int | None
    valid_until: datetime | None
    separate: bool
    reason: str


class ConsentState(BaseModel):
    subject_ref: str
    as_of: datetime
    consents: list[ConsentPublic]


class ReasonPublic(BaseModel):
    code: str
    message: str
    article: str | None
    position: int | None


class PermissionPublic(BaseModel):
    subject_ref: str
    purpose: str
    destination: str | None = None
    allowed: bool
    reasons: list[ReasonPublic]


class EventPublic(BaseModel):
    position: int
    type: str
    aggregate_id: str
    version: int
    occurred_at: datetime | None
    recorded_at: datetime
    data: dict[str, Any]


class HistoryPublic(BaseModel):
    subject_ref: str
    events: list[EventPublic]


class EventPage(BaseModel):
    events: list[EventPublic]
    next_after: int | None

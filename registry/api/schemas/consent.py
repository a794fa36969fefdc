"""Bodies of the consent API: purposes, subjects, their answers, state and permission."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, StrictInt, StringConstraints

from registry.api.schemas.common import Country, Day, Flag, Moment, Ref, ShortText, Strict
from registry.domain.consent.basis import LawfulBasis, SeparateConsentReason
from registry.domain.consent.collection import is_language_tag
from registry.domain.consent.consent import LANGUAGE_PROBLEM


def language_tag(value: str) -> str:
    if not is_language_tag(value):
        raise ValueError(LANGUAGE_PROBLEM)
    return value


LanguageTag = Annotated[str, StringConstraints(max_length=35), AfterValidator(language_tag)]


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
    requires_written_consent: Flag = False
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
    requires_written_consent: bool
    version: int
    material_version: int
    retired: bool
    effective_at: datetime
    versions: list[dict[str, Any]]
    position: int | None = None


class SubjectCreate(Strict):
    controller: Ref | None = None
    name: ShortText | None = None
    contact: ShortText | None = None
    birth_date: Day | None = None
    jurisdiction: Country | None = None


class SubjectPublic(BaseModel):
    # `assistant.schemas` has a SubjectPublic too, so the OpenAPI document names both by
    # module; this one keeps the name it had before the schemas were split by area.
    __module__ = "registry.api.schemas"

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
    language: LanguageTag | None = Field(None, description="BCP 47 tag, e.g. zh-CN")
    channel: ShortText | None = None
    separate: Flag = False
    written: Flag = False
    guardian: Flag = False
    evidence: Annotated[str, StringConstraints(max_length=10_000)] | None = Field(
        None,
        description="kept as its SHA-256 digest (sha256:<64 hex>); a digest sent as "
        "sha256:<64 hex>, sha384:<96 hex> or sha512:<128 hex> is kept as sent",
    )
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


class ErasurePublic(BaseModel):
    subject_ref: str
    erased: bool
    position: int
    detail: str

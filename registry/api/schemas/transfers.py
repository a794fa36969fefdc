"""Request and response bodies of the transfer API (`XCreate` in, `XPublic` out)."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from registry.api.schemas.common import Country, Ref, Strict
from registry.domain.crossborder.dataflow_values import MechanismKind
from registry.domain.crossborder.rules import Derogation, Origin, Safeguard, Scenario

Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Contact = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Label = Annotated[str, StringConstraints(min_length=1, max_length=100)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
INCLUDE_LIMIT = 20_000
"""Subjects per request; larger sets go in several requests (the body limit applies too)."""


class ChapterV(Strict):
    """Where the data leaves from and, from the EU, what GDPR Chapter V rests on."""

    origin: Origin = Field(Origin.CN, description="CN: PIPL and the CAC rules; EU: GDPR Chapter V")
    recipient_certified: bool = Field(
        False, description="EU only: the recipient is certified where adequacy needs it (Art. 45)"
    )
    safeguard: Safeguard | None = Field(
        None, description="EU only: SCCs (Art. 46(2)(c)) or BCRs (Art. 47) in place"
    )
    derogation: Derogation | None = Field(
        None, description="EU only: the Art. 49(1) derogation relied on"
    )


class TransferAssess(ChapterV):
    controller: Ref
    destination: Country
    recipient: Name
    purposes: list[Name] = Field(min_length=1, max_length=100)
    data_categories: list[Label] = Field(default_factory=list, max_length=100)
    sensitive: bool = False
    individuals: Annotated[int, Field(ge=0)] = 0
    ciio: bool = False
    important_data: bool = False
    scenario: Scenario | None = None
    date: dt.date | None = None
    individuals_processed: Annotated[int, Field(ge=0)] | None = None
    """Needed only for decisions dated before 2024-03-22 (2022 Measures, Art. 4)."""


class ArticleText(BaseModel):
    article: str
    text: str


class AssessmentPublic(BaseModel):
    mechanism: str
    exempt_reason: str | None
    reasons: list[ArticleText]
    duties: list[ArticleText]
    rule_version: str
    date: dt.date
    counting_period_start: dt.date | None
    counted_non_sensitive: int | None
    counted_sensitive: int | None
    counts_toward_volume: bool


class FlowCreate(ChapterV):
    flow: Ref
    controller: Ref | None = None
    destination: Country
    recipient: Name
    recipient_contact: Contact
    purposes: list[Name] = Field(min_length=1, max_length=100)
    data_categories: list[Label] = Field(default_factory=list, max_length=100)
    sensitive: bool = False
    important_data: bool = False
    scenario: Scenario | None = None
    individuals: Annotated[int, Field(ge=0)] = 0
    individuals_processed: Annotated[int, Field(ge=0)] | None = None
    date: dt.date | None = None


class SubjectsInclude(Strict):
    refs: list[Ref] = Field(default_factory=list, max_length=INCLUDE_LIMIT)
    ids: list[UUID] = Field(default_factory=list, max_length=INCLUDE_LIMIT)
    included_on: dt.date | None = None
    consent_override: Reason | None = Field(
        None,
        description="why subjects without the consent the flow needs (PIPL Art. 39) are "
        "included anyway; recorded with the inclusion. Without it they are refused.",
    )


class MechanismPut(Strict):
    kind: MechanismKind
    date: dt.date
    reference: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    valid_until: dt.date | None = None


class FlowOnDate(Strict):
    date: dt.date | None = None


class FlowSuspend(Strict):
    reason: Contact
    date: dt.date | None = None


class FlowAssessmentPublic(BaseModel):
    assessed_on: dt.date
    mechanism: str
    exempt_reason: str | None
    reasons: list[ArticleText]
    rule_version: str
    counted_non_sensitive: int | None
    counted_sensitive: int | None
    counts_toward_volume: bool


class MechanismPublic(BaseModel):
    kind: str
    date: dt.date
    valid_until: dt.date | None
    reference: str | None


class FlowPublic(BaseModel):
    flow: str
    flow_id: str
    controller: str
    status: str
    origin: str
    recipient_certified: bool
    safeguard: str | None
    derogation: str | None
    destination: str
    recipient: str
    recipient_contact: str
    purposes: list[str]
    data_categories: list[str]
    sensitive: bool
    important_data: bool
    scenario: str | None
    individuals: int
    individuals_processed: int | None
    proposed_on: dt.date
    assessment: FlowAssessmentPublic | None
    mechanism: MechanismPublic | None
    approved_on: dt.date | None
    suspended_on: dt.date | None
    suspension_reason: str | None
    expired_on: dt.date | None
    subjects_included: int
    open_today: bool
    closed_because: str | None
    position: int | None = None


class IncludedPublic(BaseModel):
    flow: str
    added: int
    already: int
    without_consent: int
    position: int | None


class VolumesPublic(BaseModel):
    controller: str
    year: int
    as_of: dt.date
    non_sensitive: int
    sensitive: int
    total: int

"""What a company transfer is and what it does to each purpose: the plan a succession starts
with, and the Art. 22 notice each transferred subject is owed."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, cast
from uuid import UUID, uuid5

from registry.domain.governance.succession_responses import NoticeResponse
from registry.errors import InvalidValueError

TRANSFER_ARTICLE = "PIPL Art. 22"
RECONSENT_ARTICLES = "PIPL Art. 22; PIPL Art. 14"
RECONSENT_REASON = "re-consent required"


class SuccessionReason(StrEnum):
    """Why personal information passes to another controller (the cases of PIPL Art. 22)."""

    MERGER = "merger"
    DIVISION = "division"
    DISSOLUTION = "dissolution"
    BANKRUPTCY = "bankruptcy"
    SALE_OF_BUSINESS = "sale_of_business"


class PurposeFate(StrEnum):
    KEPT = "kept"
    """The recipient processes within the original purpose: consents carry over."""
    CHANGED = "changed"
    """The recipient changes purpose or method: consent must be obtained again."""


@dataclass(frozen=True)
class PurposePlan:
    purpose_id: str
    fate: PurposeFate
    new_purpose_id: str | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "fate", PurposeFate(self.fate))
        except ValueError:
            raise InvalidValueError("purposes", self.fate, "fate must be kept or changed") from None
        if self.fate is PurposeFate.CHANGED and not self.new_purpose_id:
            raise InvalidValueError(
                "purposes", self.purpose_id, "a changed purpose names its new purpose"
            )
        if self.fate is PurposeFate.KEPT and self.new_purpose_id:
            raise InvalidValueError("purposes", self.purpose_id, "a kept purpose has no new one")
        if self.new_purpose_id == self.purpose_id:
            raise InvalidValueError("purposes", self.purpose_id, "the new purpose must differ")

    def to_fields(self) -> dict[str, Any]:
        """The plain form it is stored in (registry/transcodings.py)."""
        return {"purpose": self.purpose_id, "fate": self.fate.value, "new": self.new_purpose_id}

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> "PurposePlan":
        return cls(fields["purpose"], fields["fate"], fields["new"])


def check_plan(plan: Iterable[PurposePlan]) -> tuple[PurposePlan, ...]:
    plans = tuple(plan)
    seen = [p.purpose_id for p in plans]
    duplicates = sorted({purpose for purpose in seen if seen.count(purpose) > 1})
    if duplicates:
        raise InvalidValueError("purposes", duplicates, "each purpose is planned once")
    return plans


def changed_purposes(plan: Iterable[PurposePlan]) -> dict[str, str]:
    """Old purpose → the new purpose that needs fresh consent."""
    return {p.purpose_id: p.new_purpose_id for p in plan if p.new_purpose_id is not None}


class NoticeStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class Notice:
    """The Art. 22 notice (the recipient's name and contact) owed to one subject."""

    status: NoticeStatus = NoticeStatus.PENDING
    at: datetime | None = None
    channel: str | None = None
    reason: str | None = None
    exception: str | None = None
    """Why this subject is closed without a delivered notice (e.g. a public announcement)."""
    response: NoticeResponse | None = None
    """The customer's latest answer to the notice."""

    @property
    def settled(self) -> bool:
        return self.status is NoticeStatus.SENT or self.exception is not None


@dataclass(frozen=True)
class NoticeOutcome:
    """A delivery attempt as the sending system reports it."""

    subject_id: UUID
    status: NoticeStatus
    at: datetime
    channel: str | None = None
    reason: str | None = None

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "status", NoticeStatus(self.status))
        except ValueError:
            raise InvalidValueError("status", self.status, "must be sent or failed") from None
        if self.status is NoticeStatus.PENDING:
            raise InvalidValueError("status", self.status, "must be sent or failed")
        if self.status is NoticeStatus.SENT and not self.channel:
            raise InvalidValueError("channel", self.channel, "a sent notice names its channel")
        if self.status is NoticeStatus.FAILED and not self.reason:
            raise InvalidValueError("reason", self.reason, "a failed notice says why")

    def row(self) -> list[str | None]:
        return [
            self.subject_id.hex,
            self.status.value,
            self.at.isoformat(),
            self.channel,
            self.reason,
        ]


def notice_after(held: Notice, row: list[str | None]) -> Notice:
    """A delivered notice stays delivered; a failure is replaced by any later attempt."""
    _, status, at, channel, reason = row
    if held.status is NoticeStatus.SENT:
        return held
    assert status is not None and at is not None
    moment = datetime.fromisoformat(at)
    return replace(held, status=NoticeStatus(status), at=moment, channel=channel, reason=reason)


def moment_of(value: str | None) -> datetime:
    return datetime.fromisoformat(cast(str, value))


def uuid_of(value: str | None) -> UUID:
    return UUID(cast(str, value))


SUCCESSION_NAMESPACE = UUID("3c9f2a61-7d4e-4b0a-8e15-9a2b6c4d1e70")


def succession_id_for(succession_ref: str) -> UUID:
    return uuid5(SUCCESSION_NAMESPACE, succession_ref)


class SuccessionStatus(StrEnum):
    STARTED = "started"
    TRANSFERRING = "transferring"
    TRANSFERRED = "transferred"
    COMPLETED = "completed"

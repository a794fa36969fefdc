"""Consent records (ISO/IEC TS 27560 fields, DPV status words) and the checks on their times."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from registry.domain.consent.collection import is_language_tag
from registry.errors import InvalidValueError, OccursInFuture

LANGUAGE_PROBLEM = "must be a BCP 47 language tag, such as zh-CN or en"
CLOCK_SKEW = timedelta(minutes=5)
"""How far ahead of our clock a reported time may be: collecting devices' clocks drift."""


class ConsentStatus(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    INVALIDATED = "invalidated"


@dataclass(frozen=True)
class ConsentDetails:
    """How and when a person's answer was collected, as the caller reports it."""

    occurred_at: datetime
    notice_version: str | None = None
    language: str | None = None
    channel: str | None = None
    evidence_digest: str | None = None
    collected_by: str | None = None
    valid_until: datetime | None = None
    separate: bool = False
    written: bool = False
    guardian: bool = False
    purpose_version: int | None = None
    """The purpose version the notice described; by default the one in force at occurred_at."""

    def __post_init__(self) -> None:
        if self.language is not None and not is_language_tag(self.language):
            raise InvalidValueError("language", self.language, LANGUAGE_PROBLEM)

    def check_times(self, now: datetime) -> None:
        check_aware("occurred_at", self.occurred_at)
        check_not_in_future("occurred_at", self.occurred_at, now)
        if self.valid_until is not None:
            check_aware("valid_until", self.valid_until)
            if self.valid_until <= self.occurred_at:
                raise InvalidValueError(
                    "valid_until", self.valid_until.isoformat(), "must be after occurred_at"
                )


@dataclass(frozen=True)
class ConsentRecord:
    """The latest answer of one subject about one purpose.

    `event_version` is the subject's event that recorded it; `position` its place in the
    global event log, when known.
    """

    purpose_id: str
    status: ConsentStatus
    purpose_version: int
    occurred_at: datetime
    valid_until: datetime | None
    separate: bool
    written: bool
    guardian: bool
    event_version: int
    position: int | None = None
    reason: str | None = None
    article: str | None = None

    def supersedes(self, other: "ConsentRecord | None") -> bool:
        """The later answer wins; a backdated import never overrides a newer answer."""
        if other is None:
            return True
        return (self.occurred_at, self.event_version) >= (other.occurred_at, other.event_version)

    def has_lapsed(self, at: datetime) -> bool:
        return self.valid_until is not None and self.valid_until <= at


def check_aware(field: str, value: datetime) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValueError(field, value.isoformat(), "needs a UTC offset")


def check_not_in_future(field: str, value: datetime, now: datetime) -> None:
    if value > now + CLOCK_SKEW:
        raise OccursInFuture(field, value, now)

"""What a transferred customer answers to the Art. 22 notice, and what follows from it.

- acknowledged: recorded.
- objected: recorded and counted; the successor must answer it (PIPL Art. 44: the person
  may restrict or refuse the processing), the registry decides nothing more.
- withdrew: the customer's consents are withdrawn (PIPL Art. 15), in the same save.
- erasure: the customer asked for erasure (PIPL Art. 47). The consents are withdrawn at once,
  so processing stops, and the request is recorded; the erasure itself is a separate, final
  step an admin takes (`Consents.erase_subject`), because Art. 47 para. 2 keeps data whose
  legal retention period has not ended, and destroying the key cannot be undone.
"""

from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from registry.errors import InvalidValueError

RESPONSE_ARTICLES = {
    "acknowledged": "PIPL Art. 22",
    "objected": "PIPL Art. 44",
    "withdrew": "PIPL Art. 15",
    "erasure": "PIPL Art. 47",
}


class ResponseKind(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    OBJECTED = "objected"
    WITHDREW = "withdrew"
    ERASURE = "erasure"
    """Asked for erasure."""

    @property
    def withdraws(self) -> bool:
        return self in {ResponseKind.WITHDREW, ResponseKind.ERASURE}

    @property
    def article(self) -> str:
        return RESPONSE_ARTICLES[self.value]


def response_kind(value: object) -> ResponseKind:
    try:
        return ResponseKind(str(value))
    except ValueError:
        allowed = ", ".join(kind.value for kind in ResponseKind)
        raise InvalidValueError("response", value, f"must be one of: {allowed}") from None


@dataclass(frozen=True)
class NoticeResponse:
    """One customer's answer to the notice, as the succession stores it."""

    subject_id: UUID
    kind: ResponseKind
    at: datetime
    channel: str | None = None
    note: str | None = None

    def check_not_before(self, start: datetime) -> None:
        """A response answers a notice: it cannot come before the succession started."""
        if before_start(self.at, start):
            raise InvalidValueError("at", self.at.isoformat(), f"is before {start.isoformat()}")

    def row(self) -> list[str | None]:
        return [self.subject_id.hex, self.kind.value, self.at.isoformat(), self.channel, self.note]

    @classmethod
    def from_row(cls, row: list[str | None]) -> "NoticeResponse":
        subject, kind, at, channel, note = row
        assert subject is not None and at is not None
        return cls(UUID(subject), response_kind(kind), datetime.fromisoformat(at), channel, note)


def responses_by(
    rows: list[list[str | None]], at: datetime, subjects: Container[UUID]
) -> list[NoticeResponse]:
    """The stored responses given by `at` by subjects moved by then."""
    responses = [NoticeResponse.from_row(row) for row in rows]
    return [r for r in responses if r.at <= at and r.subject_id in subjects]


def before_start(at: datetime, start: datetime) -> bool:
    """Whether `at` precedes `start`. Times sent to the second (most systems send no
    fraction) are compared to the second, so a notice or an answer stamped in the very
    second the succession was recorded is not taken for one dated before it."""
    return at < start.replace(microsecond=0)

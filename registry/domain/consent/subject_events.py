"""What a subject's consent answers record: the fields of every consent event, the record each
becomes, and which fields of a subject's events are personal.

Personal fields live in clearly named event attributes (`customer_ref`, `name`, `contact`,
`birth_date` on Registered; `evidence_digest` on consent events) so that they can be
encrypted per subject when stored. The consent event kinds themselves (given, refused, ...)
are nested in `Subject`, where their stored topics name them.
"""

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from eventsourcing.domain import Aggregate

from registry.domain.consent.consent import ConsentDetails, ConsentRecord, ConsentStatus
from registry.domain.consent.purpose import PurposeTerms

if TYPE_CHECKING:
    from registry.domain.consent.subject import Subject

PERSONAL_FIELDS = frozenset({"customer_ref", "name", "contact", "birth_date", "evidence_digest"})
"""Fields stored encrypted with the subject's own key, unreadable once it is erased."""


class ConsentEvent(Aggregate.Event):
    """An answer about one purpose; the fields every consent event carries. Never stored
    itself: each kind nested in `Subject` states its own `class_version`."""

    status: ClassVar[ConsentStatus]
    purpose_id: str
    purpose_version: int
    occurred_at: datetime
    valid_until: datetime | None
    separate: bool
    written: bool
    guardian: bool

    def apply(self, aggregate: "Subject") -> None:
        aggregate.remember(self.record())

    def record(self, position: int | None = None) -> ConsentRecord:
        return ConsentRecord(
            purpose_id=self.purpose_id,
            status=self.status,
            purpose_version=self.purpose_version,
            occurred_at=self.occurred_at,
            valid_until=self.valid_until,
            separate=self.separate,
            written=self.written,
            guardian=self.guardian,
            event_version=self.originator_version,
            position=position,
            reason=getattr(self, "reason", None),
            article=getattr(self, "article", None),
        )


class ConsentCollected(ConsentEvent):
    """An answer the person gave, with how it was collected (ISO/IEC TS 27560)."""

    notice_version: str | None
    language: str | None
    channel: str | None
    evidence_digest: str | None
    collected_by: str | None


def collected_fields(terms: PurposeTerms, details: ConsentDetails) -> dict[str, object]:
    """The fields of an answer given about `terms`, as a `ConsentCollected` event keeps them."""
    return {
        "purpose_id": terms.purpose_id,
        "purpose_version": terms.version,
        "occurred_at": details.occurred_at,
        "valid_until": details.valid_until,
        "separate": details.separate,
        "written": details.written,
        "guardian": details.guardian,
        "notice_version": details.notice_version,
        "language": details.language,
        "channel": details.channel,
        "evidence_digest": details.evidence_digest,
        "collected_by": details.collected_by,
    }


def ending_fields(held: ConsentRecord, at: datetime) -> dict[str, object]:
    """The fields of an event ending the answer `held` at `at`: its terms, a new time."""
    return {
        "purpose_id": held.purpose_id,
        "purpose_version": held.purpose_version,
        "occurred_at": at,
        "valid_until": held.valid_until,
        "separate": held.separate,
        "written": held.written,
        "guardian": held.guardian,
    }

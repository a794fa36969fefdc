"""What a succession shows a reviewer: its plan, how far it got, and each subject's notice.

The notice list names each customer (reference, name, contact) only when the reader may see
personal data; the lines built here carry none, and the service fills them in (`Person`)."""

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any
from uuid import UUID

from registry.domain.governance.succession import Succession
from registry.domain.governance.succession_plan import (
    RECONSENT_ARTICLES,
    TRANSFER_ARTICLE,
    NoticeStatus,
)
from registry.domain.governance.succession_responses import NoticeResponse, ResponseKind

NOTICE_COLUMNS = (
    "subject_id",
    "customer_ref",
    "name",
    "contact",
    "erased",
    "channel",
    "notice",
    "at",
    "reason",
    "exception",
    "response",
    "responded_at",
    "re_consented",
)


@dataclass(frozen=True)
class Person:
    """Whom a notice goes to: personal fields, None once the person was erased."""

    customer_ref: str | None
    name: str | None
    contact: str | None
    erased: bool


NOBODY = Person(None, None, None, False)


@dataclass(frozen=True)
class NoticeLine:
    subject_id: UUID
    notice: str
    at: datetime | None
    channel: str | None
    reason: str | None
    exception: str | None
    response: NoticeResponse | None = None
    re_consented: bool = False
    person: Person = NOBODY

    def naming(self, person: Person) -> "NoticeLine":
        return replace(self, person=person)

    def row(self) -> tuple[Any, ...]:
        at = self.at.isoformat() if self.at else None
        who = self.person
        return (
            str(self.subject_id),
            who.customer_ref,
            who.name,
            who.contact,
            who.erased,
            self.channel,
            self.notice,
            at,
            self.reason,
            self.exception,
            self.response.kind.value if self.response else None,
            self.response.at.isoformat() if self.response else None,
            self.re_consented,
        )


@dataclass(frozen=True)
class SuccessionReport:
    succession_ref: str
    as_of: datetime
    status: str
    reason: str
    from_controller: str
    to_controller: str
    recipient: dict[str, str]
    """What the Art. 22 notice tells each person: the recipient's name and contact."""
    effective_on: date
    started_at: datetime
    transferred_at: datetime | None
    completed_at: datetime | None
    purposes: list[dict[str, Any]]
    subjects: int
    consents_invalidated: int
    notices: dict[str, int]
    responses: dict[str, int]
    """Customers' latest answers to the notice, by kind; `none` for those yet to answer."""
    consents_withdrawn: int
    standing: dict[str, int | None]
    """Where the transfer stands: customers notified, responded, re-consented (to a changed
    purpose's new purpose; None when not counted), closed by exception."""
    articles: list[str]
    lines: list[NoticeLine]

    def summary(self) -> dict[str, Any]:
        """Everything but the per-subject lines."""
        fields = dict(vars(self))
        fields.pop("lines")
        return fields


def report(
    succession: Succession,
    as_of: datetime,
    *,
    recipient: dict[str, str],
    lines: bool = True,
    reconsented: set[UUID] | None = None,
) -> SuccessionReport:
    """`reconsented`: the customers who consented again (None: not counted)."""
    notices = succession.notices.values()
    counts = {status.value: 0 for status in NoticeStatus}
    for notice in notices:
        counts[notice.status.value] += 1
    counts["excepted"] = sum(n.exception is not None for n in notices)
    counts["unsettled"] = sum(not n.settled for n in notices)
    return SuccessionReport(
        succession_ref=succession.succession_ref,
        as_of=as_of,
        status=succession.status.value,
        reason=succession.reason.value,
        from_controller=succession.from_ref,
        to_controller=succession.to_ref,
        recipient=recipient,
        effective_on=succession.effective_on,
        started_at=succession.started_at,
        transferred_at=succession.transferred_at,
        completed_at=succession.completed_at,
        purposes=[plan.to_fields() for plan in succession.plan],
        subjects=len(succession.notices),
        consents_invalidated=succession.invalidated,
        notices=counts,
        responses=response_counts(succession),
        consents_withdrawn=succession.withdrawn,
        standing={
            "notified": counts[NoticeStatus.SENT.value],
            "responded": sum(n.response is not None for n in notices),
            "re_consented": None if reconsented is None else len(reconsented),
            "exceptions": counts["excepted"],
        },
        articles=[TRANSFER_ARTICLE, *RECONSENT_ARTICLES.split("; ")[1:]],
        lines=[
            NoticeLine(
                subject_id,
                n.status.value,
                n.at,
                n.channel,
                n.reason,
                n.exception,
                n.response,
                subject_id in (reconsented or ()),
            )
            for subject_id, n in succession.notices.items()
        ]
        if lines
        else [],
    )


def response_counts(succession: Succession) -> dict[str, int]:
    counts = {kind.value: 0 for kind in ResponseKind} | {"none": 0}
    for notice in succession.notices.values():
        counts[notice.response.kind.value if notice.response else "none"] += 1
    return counts

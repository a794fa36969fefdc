"""Customers' responses to the Art. 22 notice, by the customer reference the sender knows.

A batch is checked whole before anything is saved (every reference transferred by the
succession, every time aware, not in the future, not before the succession started, every
named purpose defined); then the consents that withdrawals and erasure requests end are
withdrawn on the subjects and saved with the succession's record of the responses, in one
transaction. What each response leads to is in `registry.domain.governance.succession_responses`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.consents import terms_for
from registry.application.holdings import load_subjects
from registry.application.retry import retry_on_conflict
from registry.domain.consent.consent import (
    ConsentDetails,
    ConsentStatus,
    check_aware,
    check_not_in_future,
)
from registry.domain.consent.subject import Subject
from registry.domain.governance.succession_responses import NoticeResponse, response_kind
from registry.errors import InvalidValueError, PurposeNotFound

if TYPE_CHECKING:
    from registry.application.successions import Successions


@dataclass(frozen=True)
class ResponseReport:
    customer_ref: str
    response: str
    at: datetime
    channel: str | None = None
    note: str | None = None
    purposes: Sequence[str] | None = None
    """A withdrawal of these purposes only; default every consent the customer gave."""


@dataclass(frozen=True)
class ResponsesSaved:
    recorded: int
    consents_withdrawn: int
    position: int


class NoticeResponses:
    def __init__(self, app: ConsentRegistry, successions: "Successions") -> None:
        self.app = app
        self.successions = successions

    def record(self, succession_ref: str, reports: Sequence[ResponseReport]) -> ResponsesSaved:
        if not reports:
            raise InvalidValueError("responses", 0, "name at least one response")
        for purpose_id in {p for r in reports for p in r.purposes or ()}:
            self._check_purpose(purpose_id)

        def attempt() -> ResponsesSaved:
            succession, now = self.successions.succession(succession_ref), self.app.clock()
            find = self.successions.finder(succession)
            responses = [self._response(find(r.customer_ref), r, now) for r in reports]
            wanted = [reports[i] for i, r in enumerate(responses) if r.kind.withdraws]
            ids = [r.subject_id for r in responses if r.kind.withdraws]
            subjects = {s.id: s for s in load_subjects(self.app.recorder, self.app.mapper, ids)}
            withdrawn = sum(
                self._withdraw(subjects[i], report, now)
                for i, report in zip(ids, wanted, strict=True)
            )
            succession.record_responses(responses, withdrawn)
            position = self.app.save_all(*subjects.values(), succession)
            return ResponsesSaved(len(responses), withdrawn, position)

        return retry_on_conflict(attempt)

    def _response(self, subject_id: UUID, report: ResponseReport, now: datetime) -> NoticeResponse:
        check_aware("at", report.at)
        check_not_in_future("at", report.at, now)
        kind = response_kind(report.response)
        return NoticeResponse(subject_id, kind, report.at, report.channel, report.note)

    def _withdraw(self, subject: Subject, report: ResponseReport, now: datetime) -> int:
        given = [p for p, r in subject.consents.items() if r.status is ConsentStatus.GIVEN]
        chosen = [p for p in given if report.purposes is None or p in report.purposes]
        details = ConsentDetails(occurred_at=report.at, channel=report.channel)
        for purpose_id in chosen:
            terms = terms_for(self.app.purpose(purpose_id, to_change=False), details)
            subject.withdraw_consent(terms, details, now=now)
        return len(chosen)

    def _check_purpose(self, purpose_id: str) -> None:
        try:
            self.app.purpose(purpose_id, to_change=False)
        except PurposeNotFound as error:
            error.field = "purposes"
            raise

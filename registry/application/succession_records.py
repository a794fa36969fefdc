"""After the move: the Art. 22 notices, the exceptions, completion, and reports as of any date."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from registry.application.retry import retry_on_conflict
from registry.application.successions import RegistrySuccessions
from registry.domain.consent.consent import check_aware, check_not_in_future
from registry.domain.consent.subject import subject_id_for
from registry.domain.governance.succession import Succession, succession_id_for
from registry.domain.governance.succession_plan import NoticeOutcome, NoticeStatus
from registry.domain.governance.succession_report import SuccessionReport, report
from registry.errors import InvalidValueError, NotInSuccession, SuccessionNotFound


@dataclass(frozen=True)
class NoticeReport:
    """One delivery attempt of the Art. 22 notice, by the customer reference senders know."""

    customer_ref: str
    status: NoticeStatus | str
    at: datetime
    channel: str | None = None
    reason: str | None = None

    @property
    def notice_status(self) -> NoticeStatus:
        try:
            return NoticeStatus(self.status)
        except ValueError:
            raise InvalidValueError("status", self.status, "must be sent or failed") from None


class RegistrySuccessionRecords(RegistrySuccessions):
    def record_notices(self, succession_ref: str, reports: Sequence[NoticeReport]) -> int:
        """Sent or failed notices; a sent notice stays sent, a failure yields to a retry."""
        if not reports:
            raise InvalidValueError("notices", 0, "name at least one notice")

        def attempt() -> int:
            succession, now = self.succession(succession_ref), self.clock()
            find = self._finder(succession)
            outcomes = []
            for r in reports:
                check_aware("at", r.at)
                check_not_in_future("at", r.at, now)
                subject_id = find(r.customer_ref)
                outcomes.append(
                    NoticeOutcome(subject_id, r.notice_status, r.at, r.channel, r.reason)
                )
            succession.record_notices(outcomes)
            return self.save_all(succession)

        return retry_on_conflict(attempt)

    def record_exceptions(
        self, succession_ref: str, customer_refs: Sequence[str], reason: str
    ) -> int:
        """Subjects closed without a delivered notice, and why (e.g. a public announcement)."""
        if not customer_refs:
            raise InvalidValueError("customer_refs", 0, "name at least one customer")

        def attempt() -> int:
            succession = self.succession(succession_ref)
            find = self._finder(succession)
            subjects = [find(ref) for ref in customer_refs]
            succession.record_exceptions(subjects, reason, self.clock())
            return self.save_all(succession)

        return retry_on_conflict(attempt)

    def complete_succession(self, succession_ref: str) -> int:
        succession = self.succession(succession_ref)
        succession.complete(self.clock())
        return self.save_all(succession)

    def succession_report(
        self, succession_ref: str, *, as_of: datetime | None = None, lines: bool = True
    ) -> SuccessionReport:
        """As it stands now, or replayed as it stood at `as_of`."""
        at = self.clock() if as_of is None else as_of
        if as_of is None:
            found: Succession | None = self.succession(succession_ref)
        else:
            check_aware("as_of", as_of)
            timeline = self.timeline(succession_id_for(succession_ref))
            found = Succession.as_of([domain_event for _, domain_event in timeline], as_of)
        if found is None:
            raise SuccessionNotFound(succession_ref)
        return report(found, at, recipient=self._recipient(found), lines=lines)

    def _recipient(self, succession: Succession) -> dict[str, str]:
        controller = self.controller(succession.to_ref)
        return {"name": controller.name, "contact": controller.contact}

    def successions(self) -> list[SuccessionReport]:
        """Every succession's summary, oldest first."""
        return [
            self.succession_report(transfer.succession_ref, lines=False)
            for transfer in self.transfers()
        ]

    def _finder(self, succession: Succession) -> Callable[[str], UUID]:
        """Finds the subject this succession moved that the transferring side (or a controller
        it inherited from) knew by a customer reference."""
        source = succession.from_controller_id
        controllers = [source, *self.predecessors(source)]

        def find(customer_ref: str) -> UUID:
            for controller_id in controllers:
                candidate = subject_id_for(controller_id, customer_ref)
                if candidate in succession.notices:
                    return candidate
            raise NotInSuccession(succession.succession_ref, customer_ref)

        return find

"""Commands addressed by the controller's own customer reference, as callers know them.

A first answer registers the subject in the same save as the answer, so a rejected answer
leaves nothing behind, not even the registration. References resolve across company
transfers (`registry.application.lineage`): an inherited customer is found, not registered twice.
"""

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from uuid import UUID

from registry.application.lineage import RegistryLineage
from registry.application.retry import retry_on_conflict
from registry.domain.consent.consent import ConsentDetails
from registry.domain.consent.subject import Subject
from registry.errors import SubjectNotFound


class Answer(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


ANSWERS: dict[Answer, Callable[..., None]] = {
    Answer.GIVEN: Subject.give_consent,
    Answer.REFUSED: Subject.refuse_consent,
    Answer.WITHDRAWN: Subject.withdraw_consent,
}


class RegistryIntake(RegistryLineage):
    def record_answer(
        self,
        controller_ref: str,
        customer_ref: str,
        purpose_id: str,
        answer: Answer,
        details: ConsentDetails,
        *,
        birth_date: date | None = None,
    ) -> tuple[UUID, int]:
        """Record a person's answer, registering them first if the registry does not know them.

        Returns the subject id and the answer's position. Concurrent writers to the same
        subject are retried on version conflicts."""
        return retry_on_conflict(
            lambda: self._record_answer_once(
                controller_ref, customer_ref, purpose_id, answer, details, birth_date
            )
        )

    def _record_answer_once(
        self,
        controller_ref: str,
        customer_ref: str,
        purpose_id: str,
        answer: Answer,
        details: ConsentDetails,
        birth_date: date | None,
    ) -> tuple[UUID, int]:
        now = self.clock()
        details.check_times(now)
        controller = self.controller(controller_ref)
        subject_id = self.resolve_subject(controller.id, customer_ref)
        try:
            subject = self.subject(subject_id)
        except SubjectNotFound:
            subject = Subject.register(
                controller.id,
                customer_ref,
                jurisdiction=controller.jurisdiction,
                now=now,
                birth_date=birth_date,
            )
        terms = self.terms_for(self.purpose(purpose_id), details)
        ANSWERS[answer](subject, terms, details, now=now)
        return subject.id, self.save_all(subject)

    def register_or_update_subject(
        self,
        controller_ref: str,
        customer_ref: str,
        *,
        name: str | None = None,
        contact: str | None = None,
        birth_date: date | None = None,
        jurisdiction: str | None = None,
    ) -> tuple[UUID, int | None, bool]:
        """Register the subject, or apply the given details to it.

        Returns the id, the position of the event written (None when nothing changed) and
        whether the subject was created."""

        def attempt() -> tuple[UUID, int | None, bool]:
            subject_id = self.subject_id(controller_ref, customer_ref)
            try:
                subject = self.subject(subject_id)
            except SubjectNotFound:
                new_id = self.register_subject(
                    controller_ref,
                    customer_ref,
                    jurisdiction=jurisdiction,
                    name=name,
                    contact=contact,
                    birth_date=birth_date,
                )
                return new_id, self.recorder.max_notification_id(), True
            changed = subject.change_details(
                now=self.clock(),
                name=name,
                contact=contact,
                birth_date=birth_date,
                jurisdiction=jurisdiction,
            )
            return subject.id, self.save_all(subject) if changed else None, False

        return retry_on_conflict(attempt)

    def erase_subject(self, subject_id: UUID, *, reason: str = "erasure requested") -> int:
        """Erase a person (PIPL Art. 47, GDPR Art. 17): void their consents, record the
        erasure, then destroy their key. History stays; personal fields become unreadable.

        Erasing twice is refused with `SubjectErased`."""

        def attempt() -> int:
            subject = self.subject(subject_id)
            subject.check_not_erased()
            subject.erase(now=self.clock(), reason=reason)
            return self.save_all(subject)

        position = retry_on_conflict(attempt)
        if self.keys is not None:
            self.keys.erase(subject_id)
        return position

"""Subjects and their answers: each command returns the position of its last
event (registrations return the new id).

Commands addressed by the controller's own customer reference (`record_answer`,
`register_or_update_subject`) resolve it across company transfers (`Lineage`): an inherited
customer is found, not registered twice, and a customer who moved to a successor is refused
to the controller they left (`moved`). A first answer registers the subject in the same
save as the answer, so a rejected answer leaves nothing behind, not even the registration.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from enum import StrEnum
from itertools import groupby
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.lineage import Lineage
from registry.application.moved import check_held_by
from registry.application.retry import retry_on_conflict
from registry.domain.consent.consent import ConsentDetails
from registry.domain.consent.purpose import Purpose, PurposeTerms
from registry.domain.consent.subject import Subject
from registry.errors import SubjectAlreadyRegistered, SubjectNotFound

EXPIRY_BATCH = 500


class Answer(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


ANSWERS: dict[Answer, Callable[..., None]] = {
    Answer.GIVEN: Subject.give_consent,
    Answer.REFUSED: Subject.refuse_consent,
    Answer.WITHDRAWN: Subject.withdraw_consent,
}


class Consents:
    def __init__(self, app: ConsentRegistry, lineage: Lineage) -> None:
        self.app = app
        self.lineage = lineage

    def register_subject(
        self,
        controller_ref: str,
        customer_ref: str,
        *,
        jurisdiction: str | None = None,
        name: str | None = None,
        contact: str | None = None,
        birth_date: date | None = None,
    ) -> UUID:
        """Refused when the reference already names a subject this controller inherited."""
        inherited = self.lineage.is_inherited(controller_ref, customer_ref)
        if inherited is not None:
            raise SubjectAlreadyRegistered(inherited)
        controller = self.app.controller(controller_ref)
        subject = Subject.register(
            controller.id,
            customer_ref,
            jurisdiction=jurisdiction or controller.jurisdiction,
            now=self.app.clock(),
            name=name,
            contact=contact,
            birth_date=birth_date,
        )
        self.app.save_new(subject, SubjectAlreadyRegistered(subject.id))
        return subject.id

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
            subject_id = self.lineage.subject_id(controller_ref, customer_ref)
            try:
                subject = self.app.subject(subject_id)
            except SubjectNotFound:
                new_id = self.register_subject(
                    controller_ref,
                    customer_ref,
                    jurisdiction=jurisdiction,
                    name=name,
                    contact=contact,
                    birth_date=birth_date,
                )
                return new_id, self.app.recorder.max_notification_id(), True
            check_held_by(self.app, subject, self.app.controller(controller_ref), customer_ref)
            changed = subject.change_details(
                now=self.app.clock(),
                name=name,
                contact=contact,
                birth_date=birth_date,
                jurisdiction=jurisdiction,
            )
            return subject.id, self.app.save_all(subject) if changed else None, False

        return retry_on_conflict(attempt)

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
        A birth date sent with it is kept for a known subject too, in the same save (and may
        void consents the person gave as a child: `Subject.change_details`).

        Returns the subject id and the answer's position."""

        def attempt() -> tuple[UUID, int]:
            now = self.app.clock()
            details.check_times(now)
            controller = self.app.controller(controller_ref)
            subject_id = self.lineage.resolve_subject(controller.id, customer_ref)
            try:
                subject = self.app.subject(subject_id)
                check_held_by(self.app, subject, controller, customer_ref)
            except SubjectNotFound:
                subject = Subject.register(
                    controller.id,
                    customer_ref,
                    jurisdiction=controller.jurisdiction,
                    now=now,
                    birth_date=birth_date,
                )
            else:
                subject.change_details(now=now, birth_date=birth_date)
            terms = terms_for(self.app.purpose(purpose_id), details)
            ANSWERS[answer](subject, terms, details, now=now)
            return subject.id, self.app.save_all(subject)

        return retry_on_conflict(attempt)

    def give_consent(self, subject_id: UUID, purpose_id: str, details: ConsentDetails) -> int:
        return self._answer(subject_id, purpose_id, details, Subject.give_consent)

    def refuse_consent(self, subject_id: UUID, purpose_id: str, details: ConsentDetails) -> int:
        return self._answer(subject_id, purpose_id, details, Subject.refuse_consent)

    def withdraw_consent(self, subject_id: UUID, purpose_id: str, details: ConsentDetails) -> int:
        """Kept as a refusal when there was no consent to withdraw."""
        return self._answer(subject_id, purpose_id, details, Subject.withdraw_consent)

    def invalidate_consent(
        self,
        subject_id: UUID,
        purpose_id: str,
        *,
        reason: str,
        article: str | None = None,
        occurred_at: datetime | None = None,
    ) -> int | None:
        """Void a consent for a stated reason; None when there was no consent to void."""

        def attempt() -> int | None:
            subject = self.app.subject(subject_id)
            at = occurred_at or self.app.clock()
            if subject.invalidate_consent(
                purpose_id, reason=reason, article=article, occurred_at=at
            ):
                return self.app.save_all(subject)
            return None

        return retry_on_conflict(attempt)

    def expire_consents(self, now: datetime | None = None) -> list[int]:
        """Record every consent whose validity has passed as expired."""
        now = now or self.app.clock()
        self.app.read_model.catch_up()
        positions = []
        lapsed = self.app.store.view.lapsed(now)
        for start in range(0, len(lapsed), EXPIRY_BATCH):
            subjects = []
            for subject_id, group in groupby(lapsed[start : start + EXPIRY_BATCH], lambda k: k[0]):
                subject = self.app.subject(subject_id)
                if any([subject.expire_consent(p, now=now) for _, p in group]):
                    subjects.append(subject)
            if subjects:
                positions.append(self.app.save_all(*subjects))
        return positions

    def erase_subject(self, subject_id: UUID, *, reason: str = "erasure requested") -> int:
        """Erase a person (PIPL Art. 47, GDPR Art. 17): void their consents, record the
        erasure, then destroy their key. History stays; personal fields become unreadable.

        Erasing twice is refused with `SubjectErased`."""

        def attempt() -> int:
            subject = self.app.subject(subject_id)
            subject.check_not_erased()
            subject.erase(now=self.app.clock(), reason=reason)
            return self.app.save_all(subject)

        position = retry_on_conflict(attempt)
        if self.app.keys is not None:
            self.app.keys.erase(subject_id)
        return position

    def _answer(
        self,
        subject_id: UUID,
        purpose_id: str,
        details: ConsentDetails,
        command: Callable[..., None],
    ) -> int:
        def attempt() -> int:
            now = self.app.clock()
            details.check_times(now)
            subject = self.app.subject(subject_id)
            terms = terms_for(self.app.purpose(purpose_id, to_change=False), details)
            command(subject, terms, details, now=now)
            return self.app.save_all(subject)

        return retry_on_conflict(attempt)


def terms_for(purpose: Purpose, details: ConsentDetails) -> PurposeTerms:
    """The version the notice described (by default the one in force when the person
    answered), marked retired if the purpose had been retired by then."""
    in_force = purpose.terms_at(details.occurred_at)
    if details.purpose_version is None:
        return in_force
    return replace(purpose.terms_of_version(details.purpose_version), retired=in_force.retired)

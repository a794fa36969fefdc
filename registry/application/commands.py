"""The registry's commands: each returns the position of its last event (or a new id)."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from itertools import groupby
from typing import cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import RecordConflictError

from registry.application.base import RegistryBase
from registry.application.retry import retry_on_conflict
from registry.domain.consent.consent import ConsentDetails
from registry.domain.consent.controller import Controller, controller_id_for
from registry.domain.consent.purpose import Purpose, PurposeSpec, PurposeTerms
from registry.domain.consent.subject import Subject
from registry.errors import (
    ControllerAlreadyRegistered,
    ControllerNotFound,
    PurposeAlreadyDefined,
    SubjectAlreadyRegistered,
)

EXPIRY_BATCH = 500


class RegistryCommands(RegistryBase):
    def register_controller(
        self, controller_ref: str, *, name: str, contact: str, jurisdiction: str, ciio: bool = False
    ) -> UUID:
        controller = Controller.register(
            controller_ref, name=name, contact=contact, jurisdiction=jurisdiction, ciio=ciio
        )
        self._save_new(controller, ControllerAlreadyRegistered(controller_ref))
        return controller.id

    def controller(self, controller_ref: str) -> Controller:
        try:
            return cast(Controller, self.repository.get(controller_id_for(controller_ref)))
        except AggregateNotFoundError:
            raise ControllerNotFound(controller_ref) from None

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
        controller = self.controller(controller_ref)
        subject = Subject.register(
            controller.id,
            customer_ref,
            jurisdiction=jurisdiction or controller.jurisdiction,
            now=self.clock(),
            name=name,
            contact=contact,
            birth_date=birth_date,
        )
        self._save_new(subject, SubjectAlreadyRegistered(subject.id))
        return subject.id

    def define_purpose(
        self, purpose_id: str, spec: PurposeSpec, *, effective_at: datetime | None = None
    ) -> int:
        now = self.clock()
        purpose = Purpose.define(purpose_id, spec, effective_at=effective_at or now, now=now)
        return self._save_new(purpose, PurposeAlreadyDefined(purpose_id))

    def revise_purpose(
        self,
        purpose_id: str,
        spec: PurposeSpec,
        *,
        material: bool,
        effective_at: datetime | None = None,
    ) -> int:
        """A material revision voids earlier consents for new processing (PIPL Art. 14)."""
        now = self.clock()
        purpose = self.purpose(purpose_id)
        purpose.revise(spec, material=material, effective_at=effective_at or now, now=now)
        return self.save_all(purpose)

    def retire_purpose(self, purpose_id: str, *, effective_at: datetime | None = None) -> int:
        now = self.clock()
        purpose = self.purpose(purpose_id)
        purpose.retire(effective_at=effective_at or now, now=now)
        return self.save_all(purpose)

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
            subject = self.subject(subject_id)
            at = occurred_at or self.clock()
            if subject.invalidate_consent(
                purpose_id, reason=reason, article=article, occurred_at=at
            ):
                return self.save_all(subject)
            return None

        return retry_on_conflict(attempt)

    def expire_consents(self, now: datetime | None = None) -> list[int]:
        """Record every consent whose validity has passed as expired."""
        now = now or self.clock()
        self.read_model.catch_up()
        positions = []
        lapsed = self.store.view.lapsed(now)
        for start in range(0, len(lapsed), EXPIRY_BATCH):
            subjects = []
            for subject_id, group in groupby(lapsed[start : start + EXPIRY_BATCH], lambda k: k[0]):
                subject = self.subject(subject_id)
                if any([subject.expire_consent(p, now=now) for _, p in group]):
                    subjects.append(subject)
            if subjects:
                positions.append(self.save_all(*subjects))
        return positions

    def _answer(
        self,
        subject_id: UUID,
        purpose_id: str,
        details: ConsentDetails,
        command: Callable[..., None],
    ) -> int:
        def attempt() -> int:
            now = self.clock()
            details.check_times(now)
            subject = self.subject(subject_id)
            terms = self.terms_for(self.purpose(purpose_id, to_change=False), details)
            command(subject, terms, details, now=now)
            return self.save_all(subject)

        return retry_on_conflict(attempt)

    @staticmethod
    def terms_for(purpose: Purpose, details: ConsentDetails) -> PurposeTerms:
        """The version the notice described (by default the one in force when the person
        answered), marked retired if the purpose had been retired by then."""
        in_force = purpose.terms_at(details.occurred_at)
        if details.purpose_version is None:
            return in_force
        return replace(purpose.terms_of_version(details.purpose_version), retired=in_force.retired)

    def _save_new(self, aggregate: Controller | Subject | Purpose, exists: Exception) -> int:
        try:
            return self.save_all(aggregate)
        except RecordConflictError:
            raise exists from None

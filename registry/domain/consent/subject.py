"""Subject: one customer of one controller, and every answer they gave about each purpose.

What the consent events carry, and which fields are personal (stored encrypted per subject),
is in `subject_events`.
"""

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.domain.consent.consent import ConsentDetails, ConsentRecord, ConsentStatus
from registry.domain.consent.minors import check_child_consent, voided_by_age
from registry.domain.consent.purpose import PurposeTerms
from registry.domain.consent.subject_events import (
    PERSONAL_FIELDS,
    ConsentCollected,
    ConsentEvent,
    collected_fields,
    ending_fields,
)
from registry.errors import (
    InvalidValueError,
    SubjectAlreadyTransferred,
    SubjectErased,
)

ERASURE_ARTICLE = "PIPL Art. 47; GDPR Art. 17"
SUBJECT_NAMESPACE = UUID("8e3b7a4c-2f61-4f0a-9b1c-3d5e7f9a1b2c")


def subject_id_for(controller_id: UUID, customer_ref: str) -> UUID:
    """The one place that turns a controller's customer reference into a subject id."""
    return uuid5(SUBJECT_NAMESPACE, f"{controller_id}:{customer_ref}")


class Subject(Aggregate):
    class_version = 1
    PERSONAL_FIELDS: ClassVar[frozenset[str]] = PERSONAL_FIELDS

    def __deepcopy__(self, memo: dict[int, object]) -> "Subject":
        """What the repository's cache hands out for a change: a subject's values are
        immutable (ids, strings, dates, frozen consent records), so new containers suffice."""
        copied = object.__new__(type(self))
        copied.__dict__.update(
            {
                name: value.copy() if isinstance(value, dict | list) else value
                for name, value in self.__dict__.items()
            }
        )
        return copied

    @staticmethod
    def create_id(controller_id: UUID, customer_ref: str) -> UUID:
        return subject_id_for(controller_id, customer_ref)

    @classmethod
    def register(
        cls,
        controller_id: UUID,
        customer_ref: str,
        *,
        jurisdiction: str,
        now: datetime,
        name: str | None = None,
        contact: str | None = None,
        birth_date: date | None = None,
    ) -> "Subject":
        if not customer_ref.strip():
            raise InvalidValueError("customer_ref", customer_ref, "must not be empty")
        if birth_date is not None and birth_date > now.date():
            raise InvalidValueError("birth_date", birth_date.isoformat(), "is in the future")
        return cls._create(
            cls.Registered,
            id=subject_id_for(controller_id, customer_ref),
            controller_id=controller_id,
            customer_ref=customer_ref,
            name=name,
            contact=contact,
            birth_date=birth_date,
            jurisdiction=jurisdiction.upper(),
        )

    class Registered(Aggregate.Created):
        class_version = 1
        controller_id: UUID
        customer_ref: str
        name: str | None
        contact: str | None
        birth_date: date | None
        jurisdiction: str

    @event(Registered)
    def __init__(
        self,
        controller_id: UUID,
        customer_ref: str,
        name: str | None,
        contact: str | None,
        birth_date: date | None,
        jurisdiction: str,
    ) -> None:
        self.controller_id = controller_id
        self.customer_ref = customer_ref
        self.name = name
        self.contact = contact
        self.birth_date = birth_date
        self.jurisdiction = jurisdiction
        self.consents: dict[str, ConsentRecord] = {}
        self.erased_at: datetime | None = None

    class ConsentGiven(ConsentCollected):
        class_version = 1
        status = ConsentStatus.GIVEN

    class ConsentRefused(ConsentCollected):
        class_version = 1
        status = ConsentStatus.REFUSED

    class ConsentWithdrawn(ConsentCollected):
        class_version = 1
        status = ConsentStatus.WITHDRAWN

    class ConsentExpired(ConsentEvent):
        class_version = 1
        status = ConsentStatus.EXPIRED

    class ConsentInvalidated(ConsentEvent):
        class_version = 1
        status = ConsentStatus.INVALIDATED
        reason: str
        article: str | None

    class DetailsChanged(Aggregate.Event):
        """Personal details corrected or completed (PIPL Art. 46). A birth date learnt
        later can void a child's consents: those are invalidated by their own events."""

        class_version = 1

        name: str | None
        contact: str | None
        birth_date: date | None
        jurisdiction: str

        def apply(self, aggregate: "Subject") -> None:
            aggregate.name = self.name
            aggregate.contact = self.contact
            aggregate.birth_date = self.birth_date
            aggregate.jurisdiction = self.jurisdiction

    def change_details(
        self,
        *,
        now: datetime,
        name: str | None = None,
        contact: str | None = None,
        birth_date: date | None = None,
        jurisdiction: str | None = None,
    ) -> bool:
        """Apply the given fields; False (and no event) when nothing would change."""
        self.check_not_erased()
        if birth_date is not None and birth_date > now.date():
            raise InvalidValueError("birth_date", birth_date.isoformat(), "is in the future")
        wanted = {
            "name": self.name if name is None else name,
            "contact": self.contact if contact is None else contact,
            "birth_date": self.birth_date if birth_date is None else birth_date,
            "jurisdiction": self.jurisdiction if jurisdiction is None else jurisdiction.upper(),
        }
        if all(getattr(self, field) == value for field, value in wanted.items()):
            return False
        self.trigger_event(self.DetailsChanged, **wanted)
        for purpose_id, gap in voided_by_age(list(self.consents.values()), self.birth_date):
            self.invalidate_consent(
                purpose_id, reason=gap.reason, article=gap.article, occurred_at=now
            )
        return True

    succession_id: UUID | None = None
    """The company transfer that last moved this subject to another controller."""

    class ControllerChanged(Aggregate.Event):
        """Moved by a company transfer (PIPL Art. 22); the subject keeps its id."""

        class_version = 1

        from_controller_id: UUID
        to_controller_id: UUID
        succession_id: UUID
        effective_on: date
        article: str
        occurred_at: datetime

        def apply(self, aggregate: "Subject") -> None:
            aggregate.controller_id = self.to_controller_id
            aggregate.succession_id = self.succession_id

    def change_controller(
        self,
        to_controller_id: UUID,
        *,
        from_controller_id: UUID,
        succession_id: UUID,
        effective_on: date,
        occurred_at: datetime,
    ) -> None:
        if self.controller_id != from_controller_id:
            raise SubjectAlreadyTransferred(self.id, self.succession_id)
        self.trigger_event(
            self.ControllerChanged,
            from_controller_id=from_controller_id,
            to_controller_id=to_controller_id,
            succession_id=succession_id,
            effective_on=effective_on,
            article="PIPL Art. 22",
            occurred_at=occurred_at,
        )

    class Erased(Aggregate.Event):
        """The person's data was erased (PIPL Art. 47, GDPR Art. 17): the key is destroyed."""

        class_version = 1

        occurred_at: datetime
        reason: str

        def apply(self, aggregate: "Subject") -> None:
            aggregate.customer_ref = ""
            aggregate.name = aggregate.contact = None
            aggregate.birth_date = None
            aggregate.erased_at = self.occurred_at

    def erase(self, *, now: datetime, reason: str) -> None:
        """Void every consent still given, then mark the person erased."""
        for purpose_id in [p for p, r in self.consents.items() if r.status is ConsentStatus.GIVEN]:
            self.invalidate_consent(
                purpose_id, reason="personal data erased", article=ERASURE_ARTICLE, occurred_at=now
            )
        self.trigger_event(self.Erased, occurred_at=now, reason=reason)

    def remember(self, record: ConsentRecord) -> None:
        if record.supersedes(self.consents.get(record.purpose_id)):
            self.consents[record.purpose_id] = record

    def give_consent(self, terms: PurposeTerms, details: ConsentDetails, *, now: datetime) -> None:
        details.check_times(now)
        terms.check_open()
        terms.check_consent_form(details)
        check_child_consent(details, self.birth_date, self.id)
        self._collect(self.ConsentGiven, terms, details)

    def refuse_consent(
        self, terms: PurposeTerms, details: ConsentDetails, *, now: datetime
    ) -> None:
        details.check_times(now)
        self._collect(self.ConsentRefused, terms, details)

    def withdraw_consent(
        self, terms: PurposeTerms, details: ConsentDetails, *, now: datetime
    ) -> None:
        """A withdrawal of consent never given is kept as a refusal: a "no" is never lost."""
        details.check_times(now)
        held = self.consents.get(terms.purpose_id)
        never_given = held is None or held.status is ConsentStatus.REFUSED
        self._collect(self.ConsentRefused if never_given else self.ConsentWithdrawn, terms, details)

    def expire_consent(self, purpose_id: str, *, now: datetime) -> bool:
        held = self.consents.get(purpose_id)
        if held is None or held.status is not ConsentStatus.GIVEN or not held.has_lapsed(now):
            return False
        assert held.valid_until is not None
        self._end(self.ConsentExpired, held, held.valid_until)
        return True

    def invalidate_consent(
        self, purpose_id: str, *, reason: str, article: str | None, occurred_at: datetime
    ) -> bool:
        held = self.consents.get(purpose_id)
        if held is None or held.status is not ConsentStatus.GIVEN:
            return False
        self._end(self.ConsentInvalidated, held, occurred_at, reason=reason, article=article)
        return True

    def check_not_erased(self) -> None:
        if self.erased_at is not None:
            raise SubjectErased(self.id)

    def _collect(
        self, kind: type[ConsentCollected], terms: PurposeTerms, details: ConsentDetails
    ) -> None:
        self.check_not_erased()
        self.trigger_event(kind, **collected_fields(terms, details))

    def _end(
        self, kind: type[ConsentEvent], held: ConsentRecord, at: datetime, **extra: object
    ) -> None:
        self.trigger_event(kind, **ending_fields(held, at), **extra)

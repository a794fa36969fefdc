"""Processor: a third party the controller's data goes to, held by a contract on record.

An *entrusted* party processes on the controller's behalf under a contract that sets the
purpose, term, manner, categories and protection measures (PIPL Art. 21); a *recipient* is
another handler the controller provides the data to (Art. 23). The register keeps the
contract's reference and term, the purposes and data categories it covers, the security
measures and the party's country; updates record the terms as they now stand, and an ended
contract covers nothing after the day it ended.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.domain.consent.controller import check_text
from registry.domain.crossborder.countries import check_country
from registry.errors import InvalidValueError

PROCESSOR_NAMESPACE = UUID("5d3f1a2e-8c47-4b9e-a1f6-2e7c9b0d4a18")


def processor_uuid(processor_ref: str) -> UUID:
    return uuid5(PROCESSOR_NAMESPACE, processor_ref)


class ProcessorRole(StrEnum):
    ENTRUSTED = "entrusted"
    RECIPIENT = "recipient"

    @property
    def article(self) -> str:
        return "PIPL Art. 21" if self is ProcessorRole.ENTRUSTED else "PIPL Art. 23"


@dataclass(frozen=True)
class ProcessorTerms:
    """What the contract on record says; `until` None: no end date agreed."""

    name: str
    contract_ref: str
    starts_on: date
    until: date | None
    purposes: tuple[str, ...]
    data_categories: tuple[str, ...]
    security_measures: tuple[str, ...]
    country: str

    def checked(self) -> "ProcessorTerms":
        """The terms normalised, or `InvalidValueError` naming the field at fault."""
        if self.until is not None and self.until < self.starts_on:
            raise InvalidValueError("until", self.until.isoformat(), "is before the start")
        if not self.purposes:
            raise InvalidValueError("purposes", [], "name the purposes the contract covers")
        for field in ("purposes", "data_categories", "security_measures"):
            for item in getattr(self, field):
                check_text(field, item)
        return ProcessorTerms(
            name=check_text("name", self.name),
            contract_ref=check_text("contract_ref", self.contract_ref),
            starts_on=self.starts_on,
            until=self.until,
            purposes=tuple(dict.fromkeys(self.purposes)),
            data_categories=tuple(dict.fromkeys(self.data_categories)),
            security_measures=tuple(self.security_measures),
            country=check_country("country", self.country),
        )

    def to_fields(self) -> dict[str, Any]:
        return {
            **vars(self),
            "purposes": list(self.purposes),
            "data_categories": list(self.data_categories),
            "security_measures": list(self.security_measures),
        }

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> "ProcessorTerms":
        return cls(
            **{
                **fields,
                "purposes": tuple(fields["purposes"]),
                "data_categories": tuple(fields["data_categories"]),
                "security_measures": tuple(fields["security_measures"]),
            }
        )


def choose_role(value: ProcessorRole | str) -> ProcessorRole:
    try:
        return ProcessorRole(value)
    except ValueError:
        raise InvalidValueError("role", value, "must be entrusted or recipient") from None


class Processor(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(processor_ref: str) -> UUID:
        return processor_uuid(processor_ref)

    @classmethod
    def register(
        cls, processor_ref: str, *, role: ProcessorRole | str, terms: ProcessorTerms, now: datetime
    ) -> "Processor":
        check_text("processor", processor_ref)
        checked = terms.checked()
        return cls._create(
            cls.Registered,
            id=processor_uuid(processor_ref),
            processor_ref=processor_ref,
            role=choose_role(role).value,
            registered_at=now,
            terms=checked,
        )

    class Registered(Aggregate.Created):
        class_version = 1
        processor_ref: str
        role: str
        registered_at: datetime
        terms: ProcessorTerms

    @event(Registered)
    def __init__(
        self, processor_ref: str, role: str, registered_at: datetime, terms: ProcessorTerms
    ) -> None:
        self.processor_ref, self.role = processor_ref, ProcessorRole(role)
        self.registered_at = registered_at
        self.terms = terms
        self.history: tuple[tuple[datetime, ProcessorTerms], ...] = ((registered_at, self.terms),)
        self.ended: tuple[date, str] | None = None

    class Updated(Aggregate.Event):
        """The terms as they stand after the update (a renewal, a new purpose, …)."""

        class_version = 1
        updated_at: datetime
        terms: ProcessorTerms

    def update(self, terms: ProcessorTerms, *, now: datetime) -> bool:
        """False when the terms are already these."""
        checked = terms.checked()
        if checked == self.terms:
            return False
        self._updated(now, checked)
        return True

    @event(Updated)
    def _updated(self, updated_at: datetime, terms: ProcessorTerms) -> None:
        self.terms = terms
        self.history = (*self.history, (updated_at, self.terms))

    class ContractEnded(Aggregate.Event):
        class_version = 1
        ended_on: date
        reason: str

    def end_contract(self, ended_on: date, *, reason: str) -> None:
        """The contract covers nothing after `ended_on` (the last day it held)."""
        if self.ended is not None:
            raise InvalidValueError("processor", self.processor_ref, "its contract has ended")
        if ended_on < self.terms.starts_on:
            raise InvalidValueError("ended_on", ended_on.isoformat(), "is before the start")
        self._contract_ended(ended_on, check_text("reason", reason))

    @event(ContractEnded)
    def _contract_ended(self, ended_on: date, reason: str) -> None:
        self.ended = (ended_on, reason)

    @property
    def last_day(self) -> date | None:
        ends = [day for day in (self.terms.until, self.ended and self.ended[0]) if day]
        return min(ends) if ends else None

    def why_not_covered(self, purpose_id: str, day: date) -> str | None:
        """Why the contract does not cover `purpose_id` on `day`; None when it does."""
        terms = self.terms
        if day < terms.starts_on:
            return f"contract {terms.contract_ref!r} starts on {terms.starts_on}"
        last = self.last_day
        if last is not None and day > last:
            return f"contract {terms.contract_ref!r} ended on {last}"
        if purpose_id not in terms.purposes:
            return f"contract {terms.contract_ref!r} does not cover {purpose_id!r}"
        return None

    def answers_to(self, recipient: str) -> bool:
        """A recipient named in a flow or a permission check is this party when it is its
        reference, or its name up to case and surrounding spaces."""
        wanted = recipient.strip().casefold()
        return recipient == self.processor_ref or wanted == self.terms.name.casefold()

"""Value types of a data flow: its proposal, the assessment it received, the mechanism in place.

The flow's events carry them as they are. Each has one plain form, `to_fields` (JSON types and
dates), read back by `from_fields`: the form it is stored in (registry/transcodings.py) and
shown in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar
from uuid import UUID, uuid5

from registry.domain.crossborder.countries import country_problem
from registry.domain.crossborder.rules import (
    Derogation,
    Mechanism,
    Origin,
    Safeguard,
    Scenario,
    TransferAssessment,
    assessment_expires_on,
    rule_version_for,
)
from registry.errors import DateNotCovered, InvalidValueError

E = TypeVar("E", bound=StrEnum)
FLOW_NAMESPACE = UUID("c1a4f0d2-6b7e-4f53-9a0e-2d8b5c3e7f14")


def flow_id_for(flow_ref: str) -> UUID:
    return uuid5(FLOW_NAMESPACE, flow_ref)


class FlowStatus(StrEnum):
    PROPOSED = "proposed"
    ASSESSED = "assessed"
    APPROVED = "approved"
    SUSPENDED = "suspended"
    EXPIRED = "expired"


class MechanismKind(StrEnum):
    """What the controller put in place (PIPL Art. 38(1) items 1-3)."""

    SECURITY_ASSESSMENT = "security_assessment"
    STANDARD_CONTRACT = "standard_contract"
    CERTIFICATION = "certification"


SATISFIES: dict[Mechanism, frozenset[MechanismKind]] = {
    Mechanism.SECURITY_ASSESSMENT: frozenset({MechanismKind.SECURITY_ASSESSMENT}),
    Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION: frozenset(
        {MechanismKind.STANDARD_CONTRACT, MechanismKind.CERTIFICATION}
    ),
}
"""The kinds that meet each required mechanism; a mechanism not listed needs none."""


@dataclass(frozen=True)
class FlowProposal:
    """What the controller wants to send, to whom, and how many people it expects to add.

    `origin` is where the data leaves from; from the EU, `recipient_certified`, `safeguard`
    and `derogation` say what GDPR Chapter V rests on. Proposals stored before flows could
    leave the EU have none of these four fields, and read as from China.
    """

    destination: str
    recipient: str
    recipient_contact: str
    purposes: tuple[str, ...]
    data_categories: tuple[str, ...] = ()
    sensitive: bool = False
    important_data: bool = False
    scenario: Scenario | None = None
    individuals: int = 0
    individuals_processed: int | None = None
    origin: Origin = Origin.CN
    recipient_certified: bool = False
    safeguard: Safeguard | None = None
    derogation: Derogation | None = None

    def __post_init__(self) -> None:
        problem = country_problem(self.destination)
        if problem is not None:
            raise InvalidValueError("destination", self.destination, problem)
        for field in ("recipient", "recipient_contact"):
            if not str(getattr(self, field)).strip():
                raise InvalidValueError(field, getattr(self, field), "must not be empty")
        if not self.purposes or any(not p.strip() for p in self.purposes):
            raise InvalidValueError("purposes", list(self.purposes), "must name purposes")
        if self.individuals < 0:
            raise InvalidValueError("individuals", self.individuals, "must be 0 or more")
        object.__setattr__(self, "scenario", optional_choice(Scenario, "scenario", self.scenario))
        object.__setattr__(self, "origin", choice(Origin, "origin", self.origin))
        object.__setattr__(
            self, "safeguard", optional_choice(Safeguard, "safeguard", self.safeguard)
        )
        derogation = optional_choice(Derogation, "derogation", self.derogation)
        object.__setattr__(self, "derogation", derogation)
        object.__setattr__(self, "purposes", tuple(self.purposes))
        object.__setattr__(self, "data_categories", tuple(self.data_categories))

    def to_fields(self) -> dict[str, Any]:
        return {
            "destination": self.destination,
            "recipient": self.recipient,
            "recipient_contact": self.recipient_contact,
            "purposes": list(self.purposes),
            "data_categories": list(self.data_categories),
            "sensitive": self.sensitive,
            "important_data": self.important_data,
            "scenario": None if self.scenario is None else self.scenario.value,
            "individuals": self.individuals,
            "individuals_processed": self.individuals_processed,
            "origin": self.origin.value,
            "recipient_certified": self.recipient_certified,
            "safeguard": None if self.safeguard is None else self.safeguard.value,
            "derogation": None if self.derogation is None else self.derogation.value,
        }

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> FlowProposal:
        return cls(**fields)


def choice(kind: type[E], field: str, value: object) -> E:
    """`value` as a member of `kind`, or an error naming `field` and the allowed values."""
    try:
        return kind(str(value))
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidValueError(field, value, f"must be one of: {allowed}") from None


def optional_choice(kind: type[E], field: str, value: object) -> E | None:
    return None if value is None else choice(kind, field, value)


@dataclass(frozen=True)
class FlowAssessment:
    """The engine's answer for this flow, as recorded on `assessed_on`."""

    assessed_on: date
    mechanism: Mechanism
    exempt_reason: str | None
    reasons: tuple[tuple[str, str], ...]
    rule_version: str
    counted_non_sensitive: int | None
    counted_sensitive: int | None
    counts_toward_volume: bool

    @classmethod
    def of(cls, assessment: TransferAssessment, assessed_on: date) -> FlowAssessment:
        return cls(
            assessed_on=assessed_on,
            mechanism=assessment.mechanism,
            exempt_reason=None if assessment.exempt_reason is None else assessment.exempt_reason,
            reasons=tuple((r.article, r.text) for r in assessment.reasons),
            rule_version=assessment.rule_version,
            counted_non_sensitive=assessment.counted_non_sensitive,
            counted_sensitive=assessment.counted_sensitive,
            counts_toward_volume=assessment.counts_toward_volume,
        )

    @property
    def accepted_kinds(self) -> frozenset[MechanismKind]:
        """The mechanisms that meet this assessment; empty when none is needed."""
        return SATISFIES.get(self.mechanism, frozenset())

    def to_fields(self) -> dict[str, Any]:
        return {
            "assessed_on": self.assessed_on,
            "mechanism": self.mechanism.value,
            "exempt_reason": self.exempt_reason,
            "reasons": [{"article": article, "text": text} for article, text in self.reasons],
            "rule_version": self.rule_version,
            "counted_non_sensitive": self.counted_non_sensitive,
            "counted_sensitive": self.counted_sensitive,
            "counts_toward_volume": self.counts_toward_volume,
        }

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> FlowAssessment:
        reasons = tuple((r["article"], r["text"]) for r in fields["reasons"])
        return cls(**{**fields, "mechanism": Mechanism(fields["mechanism"]), "reasons": reasons})


@dataclass(frozen=True)
class RecordedMechanism:
    """A mechanism in place from `in_place_on` (filed, approved or certified) until
    `valid_until` (exclusive; None when it does not lapse by itself)."""

    kind: MechanismKind
    in_place_on: date
    valid_until: date | None
    reference: str | None

    @classmethod
    def security_assessment(cls, approved_on: date, reference: str | None) -> RecordedMechanism:
        """A CAC assessment result, valid for the period of the rules in force on its date."""
        try:
            rule_version = rule_version_for(Origin.CN, approved_on)
        except DateNotCovered as error:
            raise InvalidValueError("date", approved_on.isoformat(), error.problem) from None
        expires = assessment_expires_on(approved_on, rule_version)
        return cls(MechanismKind.SECURITY_ASSESSMENT, approved_on, expires, reference)

    def valid_on(self, day: date) -> bool:
        return self.in_place_on <= day and (self.valid_until is None or day < self.valid_until)

    def not_valid_because(self, day: date) -> str:
        """Why the mechanism does not cover `day` (which it does not)."""
        kind = self.kind.value.replace("_", " ")
        if day < self.in_place_on:
            return f"the {kind} of {self.in_place_on} was not yet in place on {day}"
        return f"the {kind} lapsed on {self.valid_until}, before {day}"

    def to_fields(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "in_place_on": self.in_place_on,
            "valid_until": self.valid_until,
            "reference": self.reference,
        }

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> RecordedMechanism:
        return cls(**{**fields, "kind": MechanismKind(fields["kind"])})

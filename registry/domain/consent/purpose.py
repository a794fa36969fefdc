"""Purpose: what personal data is processed for, on which lawful basis; defined, revised, retired.

Every definition or revision is kept as `PurposeTerms`, so the terms in force at any past
moment can be read back exactly (consents are judged against the version they were given for).

A revision is material when the controller says so, and also, whatever it says, when the
law makes it so (`material_by_law`): new terms that add a case needing separate consent
(sensitive data, provision to others, public disclosure, cross-border provision) change the
purpose, means or kind of data the person agreed to (PIPL Art. 14 para 2); so does a new
requirement of written consent, since earlier consents were asked for under terms without
it (those given in writing are asked again too: a decision knows only which version was
material, not which form each version needed).
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.domain.consent.basis import WRITTEN_CONSENT, LawfulBasis, SeparateConsentReason
from registry.domain.consent.consent import ConsentDetails, check_aware, check_not_in_future
from registry.domain.consent.decision import PurposeStanding
from registry.errors import (
    InvalidValueError,
    PurposeRetired,
    RevisionOutOfOrder,
    SeparateConsentRequired,
    WrittenConsentRequired,
)

PURPOSE_NAMESPACE = UUID("5d0c1c2e-9a55-4d43-9d7e-6a0c2f7b1e01")


def purpose_uuid(purpose_id: str) -> UUID:
    return uuid5(PURPOSE_NAMESPACE, purpose_id)


@dataclass(frozen=True)
class PurposeSpec:
    """The terms a controller writes for a purpose. Sensitive data always needs separate
    consent; `requires_written_consent` where a law or regulation requires it in writing."""

    name: str
    lawful_basis: LawfulBasis
    description: str = ""
    data_categories: tuple[str, ...] = ()
    sensitive: bool = False
    separate_consent_reasons: frozenset[SeparateConsentReason] = frozenset()
    retention_days: int | None = None
    requires_written_consent: bool = False

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise InvalidValueError("name", self.name, "must not be empty")
        object.__setattr__(
            self, "lawful_basis", _parse(LawfulBasis, "lawful_basis", self.lawful_basis)
        )
        reasons = {
            _parse(SeparateConsentReason, "separate_consent_reasons", reason)
            for reason in self.separate_consent_reasons
        }
        if self.sensitive:
            reasons.add(SeparateConsentReason.SENSITIVE)
        object.__setattr__(self, "separate_consent_reasons", frozenset(reasons))
        object.__setattr__(self, "data_categories", tuple(self.data_categories))
        if self.retention_days is not None and self.retention_days < 1:
            raise InvalidValueError("retention_days", self.retention_days, "must be at least 1")

    @property
    def requires_separate_consent(self) -> bool:
        return bool(self.separate_consent_reasons)

    def to_fields(self) -> dict[str, Any]:
        """The plain form it is stored in (registry/transcodings.py)."""
        return {
            "name": self.name,
            "description": self.description,
            "lawful_basis": self.lawful_basis.value,
            "data_categories": list(self.data_categories),
            "sensitive": self.sensitive,
            "separate_consent_reasons": sorted(r.value for r in self.separate_consent_reasons),
            "retention_days": self.retention_days,
            "requires_written_consent": self.requires_written_consent,
        }

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> "PurposeSpec":
        """Terms stored before `requires_written_consent` existed read back without it."""
        return cls(**fields)


def material_by_law(old: PurposeSpec, new: PurposeSpec) -> list[str]:
    """The articles that make `new` a material change of `old`, whatever the flag says."""
    added = sorted(new.separate_consent_reasons - old.separate_consent_reasons)
    written = new.requires_written_consent and not old.requires_written_consent
    return [reason.article for reason in added] + ([WRITTEN_CONSENT] if written else [])


E = TypeVar("E", LawfulBasis, SeparateConsentReason)


def _parse(kind: type[E], field: str, value: object) -> E:
    try:
        return kind(str(value))
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise InvalidValueError(field, value, f"must be one of: {allowed}") from None


@dataclass(frozen=True)
class PurposeTerms:
    purpose_id: str
    spec: PurposeSpec
    version: int
    effective_at: datetime
    material_version: int
    """The latest version whose revision was material: consents for older versions are void."""
    event_version: int
    retired: bool = False

    def check_open(self) -> None:
        if self.retired:
            raise PurposeRetired(self.purpose_id)

    def check_consent_form(self, details: ConsentDetails) -> None:
        """A consent in the form the terms need: separate, and written where required."""
        reasons = sorted(self.spec.separate_consent_reasons)
        if reasons and not details.separate:
            articles = [reason.article for reason in reasons]
            raise SeparateConsentRequired(self.purpose_id, [r.value for r in reasons], articles)
        if self.spec.requires_written_consent and not details.written:
            raise WrittenConsentRequired(self.purpose_id, WRITTEN_CONSENT)


class Purpose(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(purpose_id: str) -> UUID:
        return purpose_uuid(purpose_id)

    @classmethod
    def define(
        cls, purpose_id: str, spec: PurposeSpec, *, effective_at: datetime, now: datetime
    ) -> "Purpose":
        if not purpose_id.strip():
            raise InvalidValueError("purpose", purpose_id, "must not be empty")
        _check_time(effective_at, now)
        return cls(purpose_id=purpose_id, terms=spec, effective_at=effective_at)

    class Defined(Aggregate.Created):
        class_version = 2
        purpose_id: str
        terms: PurposeSpec
        effective_at: datetime

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 stored the terms as their plain fields."""
            state["terms"] = PurposeSpec.from_fields(state["terms"])

    class Revised(Aggregate.Event):
        class_version = 2
        version: int
        terms: PurposeSpec
        material: bool
        effective_at: datetime

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            """Version 1 stored the terms as their plain fields."""
            state["terms"] = PurposeSpec.from_fields(state["terms"])

    class Retired(Aggregate.Event):
        class_version = 1
        effective_at: datetime

    @event(Defined)
    def __init__(self, purpose_id: str, terms: PurposeSpec, effective_at: datetime) -> None:
        self.purpose_id = purpose_id
        self.history = [PurposeTerms(purpose_id, terms, 1, effective_at, 1, event_version=1)]

    @property
    def current(self) -> PurposeTerms:
        return self.history[-1]

    def terms_at(self, at: datetime) -> PurposeTerms:
        """Terms in force at `at`; records older than the definition get the first terms."""
        in_force = [terms for terms in self.history if terms.effective_at <= at]
        return in_force[-1] if in_force else self.history[0]

    def standing_at(self, at: datetime, positions: Mapping[int, int]) -> PurposeStanding:
        """`positions` maps this purpose's event versions to their places in the global log."""
        terms = self.terms_at(at)
        material = self.terms_of_version(terms.material_version)
        return PurposeStanding(
            purpose_id=self.purpose_id,
            lawful_basis=terms.spec.lawful_basis,
            version=terms.version,
            material_version=terms.material_version,
            material_position=positions.get(material.event_version),
            retired=terms.retired,
            position=positions.get(terms.event_version),
        )

    def changes_by_law(self, version: int) -> list[str]:
        """Why the law makes `version` material (articles), compared with the one before."""
        earlier = [terms for terms in self.history if terms.version < version]
        if not earlier:
            return []
        return material_by_law(earlier[-1].spec, self.terms_of_version(version).spec)

    def terms_of_version(self, version: int) -> PurposeTerms:
        for terms in self.history:
            if terms.version == version:
                return terms
        raise InvalidValueError(
            "purpose_version", version, f"{self.purpose_id!r} has no such version"
        )

    def revise(
        self, spec: PurposeSpec, *, material: bool, effective_at: datetime, now: datetime
    ) -> None:
        _check_time(effective_at, now)
        self.check_not_retired()
        self.check_in_order(effective_at)
        version = self.current.version + 1
        material = material or bool(material_by_law(self.current.spec, spec))
        self._revised(version, spec, material=material, effective_at=effective_at)

    @event(Revised)
    def _revised(
        self, version: int, terms: PurposeSpec, material: bool, effective_at: datetime
    ) -> None:
        material_version = version if material else self.current.material_version
        revised = PurposeTerms(
            self.purpose_id, terms, version, effective_at, material_version, self.version + 1
        )
        self.history.append(revised)

    def retire(self, *, effective_at: datetime, now: datetime) -> None:
        _check_time(effective_at, now)
        self.check_not_retired()
        self.check_in_order(effective_at)
        self._retired(effective_at=effective_at)

    @event(Retired)
    def _retired(self, effective_at: datetime) -> None:
        retired = replace(
            self.current, effective_at=effective_at, retired=True, event_version=self.version + 1
        )
        self.history.append(retired)

    def check_not_retired(self) -> None:
        if self.current.retired:
            raise PurposeRetired(self.purpose_id)

    def check_in_order(self, effective_at: datetime) -> None:
        if effective_at < self.current.effective_at:
            raise RevisionOutOfOrder(self.purpose_id, effective_at, self.current.effective_at)


def _check_time(effective_at: datetime, now: datetime) -> None:
    check_aware("effective_at", effective_at)
    check_not_in_future("effective_at", effective_at, now)

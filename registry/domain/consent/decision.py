"""May a subject's data be used for a purpose? The answer, its reasons, and the rules behind it.

A material revision of a purpose voids earlier consents for new processing (PIPL Art. 14).
That is not written as one event per affected subject: it follows from two facts that are
already events (the consent names the purpose version it was given for; the purpose records
which version was material), so it is derived here, the same way for current and past states.
"""

from dataclasses import dataclass
from datetime import datetime

from registry.domain.consent.basis import INFORMED_CONSENT, PURPOSE_ENDED, WITHDRAWAL, LawfulBasis
from registry.domain.consent.consent import ConsentRecord, ConsentStatus

CONSENT_BASIS = LawfulBasis.CONSENT.article


@dataclass(frozen=True)
class DecisionReason:
    code: str
    message: str
    article: str | None
    position: int | None
    """The event (its place in the global log) that decides it, when there is one."""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[DecisionReason, ...]


@dataclass(frozen=True)
class PurposeStanding:
    """What a decision needs to know about a purpose at one moment."""

    purpose_id: str
    lawful_basis: LawfulBasis
    version: int
    material_version: int
    material_position: int | None
    retired: bool
    position: int | None
    """The purpose event that set these terms."""


@dataclass(frozen=True)
class ConsentStanding:
    status: ConsentStatus
    reason: DecisionReason


def consent_standing(
    record: ConsentRecord, purpose: PurposeStanding | None, at: datetime
) -> ConsentStanding:
    """What a recorded answer means at `at`: a lapsed or voided consent no longer counts."""
    status = record.status
    if status is ConsentStatus.GIVEN:
        return _given_standing(record, purpose, at)
    if status is ConsentStatus.WITHDRAWN:
        message = f"consent withdrawn on {record.occurred_at.isoformat()}"
        return ConsentStanding(
            status, DecisionReason("consent_withdrawn", message, WITHDRAWAL, record.position)
        )
    if status is ConsentStatus.REFUSED:
        message = f"consent refused on {record.occurred_at.isoformat()}"
        return ConsentStanding(
            status, DecisionReason("consent_refused", message, CONSENT_BASIS, record.position)
        )
    if status is ConsentStatus.EXPIRED:
        return _expired(record)
    message = f"consent invalidated: {record.reason}"
    return ConsentStanding(
        status, DecisionReason("consent_invalidated", message, record.article, record.position)
    )


def _given_standing(
    record: ConsentRecord, purpose: PurposeStanding | None, at: datetime
) -> ConsentStanding:
    if record.has_lapsed(at):
        return _expired(record)
    if purpose is not None and record.purpose_version < purpose.material_version:
        message = (
            f"consent was given for version {record.purpose_version}; version "
            f"{purpose.material_version} changed the purpose materially, so consent is needed again"
        )
        reason = DecisionReason(
            "consent_invalidated", message, INFORMED_CONSENT, purpose.material_position
        )
        return ConsentStanding(ConsentStatus.INVALIDATED, reason)
    kind = "separate consent" if record.separate else "consent"
    message = (
        f"{kind} given on {record.occurred_at.isoformat()} for version {record.purpose_version}"
    )
    return ConsentStanding(
        ConsentStatus.GIVEN,
        DecisionReason("consent_given", message, CONSENT_BASIS, record.position),
    )


def _expired(record: ConsentRecord) -> ConsentStanding:
    until = record.valid_until.isoformat() if record.valid_until else "its validity"
    reason = DecisionReason(
        "consent_expired", f"consent lapsed at {until}", CONSENT_BASIS, record.position
    )
    return ConsentStanding(ConsentStatus.EXPIRED, reason)


def decide(
    purpose_id: str,
    purpose: PurposeStanding | None,
    record: ConsentRecord | None,
    at: datetime,
) -> Decision:
    if purpose is None:
        return _deny("purpose_unknown", f"purpose {purpose_id!r} is not defined", None, None)
    if purpose.retired:
        message = f"purpose {purpose_id!r} is retired: its data may no longer be processed"
        return _deny("purpose_retired", message, PURPOSE_ENDED, purpose.position)
    basis = purpose.lawful_basis
    if not basis.needs_consent:
        message = f"lawful basis is {basis.value}: consent is not needed"
        return Decision(
            True, (DecisionReason("consent_not_needed", message, basis.article, purpose.position),)
        )
    if record is None:
        return _deny("no_consent", "no consent recorded for this purpose", CONSENT_BASIS, None)
    standing = consent_standing(record, purpose, at)
    return Decision(standing.status is ConsentStatus.GIVEN, (standing.reason,))


def _deny(code: str, message: str, article: str | None, position: int | None) -> Decision:
    return Decision(False, (DecisionReason(code, message, article, position),))

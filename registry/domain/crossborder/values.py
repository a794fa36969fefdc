"""Value types of the cross-border rule engine: vocabularies, citations and the assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Origin(StrEnum):
    """Jurisdiction the data leaves: mainland China or the EU/EEA."""

    CN = "CN"
    EU = "EU"


class Mechanism(StrEnum):
    """What the law requires before the transfer may happen.

    CN outcomes: none, standard_contract_or_certification, security_assessment.
    EU outcomes: none (within the EEA), adequacy, sccs_or_bcrs, derogation, not_permitted.
    """

    NONE = "none"
    STANDARD_CONTRACT_OR_CERTIFICATION = "standard_contract_or_certification"
    SECURITY_ASSESSMENT = "security_assessment"
    ADEQUACY = "adequacy"
    SCCS_OR_BCRS = "sccs_or_bcrs"
    DEROGATION = "derogation"
    NOT_PERMITTED = "not_permitted"


class Scenario(StrEnum):
    """A CN situation the caller asserts; each maps to an exemption of the 2024 Provisions."""

    CONTRACT = "contract"
    HR = "hr"
    EMERGENCY = "emergency"
    FTZ_NEGATIVE_LIST_EXEMPT = "ftz_negative_list_exempt"
    NO_PERSONAL_INFORMATION = "no_personal_information"
    COLLECTED_ABROAD = "collected_abroad"


class ExemptReason(StrEnum):
    """Why a CN transfer needs no mechanism."""

    NO_PERSONAL_INFORMATION = "no_personal_information"
    COLLECTED_ABROAD = "collected_abroad"
    CONTRACT = "contract"
    HR = "hr"
    EMERGENCY = "emergency"
    BELOW_THRESHOLD = "below_threshold"
    FTZ_NEGATIVE_LIST = "ftz_negative_list"


class Safeguard(StrEnum):
    """EU appropriate safeguard the caller says is in place."""

    SCCS = "sccs"
    BCRS = "bcrs"


class Derogation(StrEnum):
    """EU ground of GDPR Art. 49(1) the caller relies on."""

    EXPLICIT_CONSENT = "explicit_consent"
    CONTRACT = "contract"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_CLAIMS = "legal_claims"
    VITAL_INTERESTS = "vital_interests"


@dataclass(frozen=True)
class TransferReason:
    """One step of the decision, with the provision it rests on."""

    article: str
    text: str


@dataclass(frozen=True)
class Duty:
    """An obligation that applies to the transfer whatever the mechanism."""

    article: str
    text: str


@dataclass(frozen=True)
class TransferAssessment:
    """The engine's answer.

    `counted_*` are the cumulative distinct individuals the thresholds were applied to
    (CN only), `counts_toward_volume` says whether this transfer's individuals belong in the
    controller's yearly count, and `assessment_validity_years` is set when a security
    assessment is required.
    """

    origin: Origin
    mechanism: Mechanism
    exempt_reason: ExemptReason | None
    reasons: tuple[TransferReason, ...]
    duties: tuple[Duty, ...]
    rule_version: str
    counting_period_start: date | None = None
    counted_non_sensitive: int | None = None
    counted_sensitive: int | None = None
    counts_toward_volume: bool = False
    assessment_validity_years: int | None = None

    @property
    def cited_articles(self) -> tuple[str, ...]:
        return tuple(reason.article for reason in self.reasons)

    @property
    def duty_articles(self) -> tuple[str, ...]:
        return tuple(duty.article for duty in self.duties)

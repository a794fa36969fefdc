"""Lawful bases (PIPL Art. 13) and the cases that need separate consent, with their articles."""

from enum import StrEnum


class LawfulBasis(StrEnum):
    """The grounds of PIPL Art. 13(1), items 1 to 7 (item 2 covers contract and HR)."""

    CONSENT = "consent"
    CONTRACT = "contract"
    HR_MANAGEMENT = "hr_management"
    LEGAL_OBLIGATION = "legal_obligation"
    PUBLIC_HEALTH_EMERGENCY = "public_health_emergency"
    NEWS_PUBLIC_INTEREST = "news_public_interest"
    ALREADY_PUBLIC = "already_public"
    OTHER_LAW = "other_law"

    @property
    def needs_consent(self) -> bool:
        return self is LawfulBasis.CONSENT

    @property
    def article(self) -> str:
        return f"PIPL Art. 13(1)({_ITEM[self]})"


_ITEM = {
    LawfulBasis.CONSENT: 1,
    LawfulBasis.CONTRACT: 2,
    LawfulBasis.HR_MANAGEMENT: 2,
    LawfulBasis.LEGAL_OBLIGATION: 3,
    LawfulBasis.PUBLIC_HEALTH_EMERGENCY: 4,
    LawfulBasis.NEWS_PUBLIC_INTEREST: 5,
    LawfulBasis.ALREADY_PUBLIC: 6,
    LawfulBasis.OTHER_LAW: 7,
}


class SeparateConsentReason(StrEnum):
    """Why a purpose needs the person's separate consent (单独同意)."""

    THIRD_PARTY_PROVISION = "third_party_provision"
    PUBLIC_DISCLOSURE = "public_disclosure"
    SENSITIVE = "sensitive"
    CROSS_BORDER = "cross_border"

    @property
    def article(self) -> str:
        return _SEPARATE_CONSENT_ARTICLE[self]


_SEPARATE_CONSENT_ARTICLE = {
    SeparateConsentReason.THIRD_PARTY_PROVISION: "PIPL Art. 23",
    SeparateConsentReason.PUBLIC_DISCLOSURE: "PIPL Art. 25",
    SeparateConsentReason.SENSITIVE: "PIPL Art. 29",
    SeparateConsentReason.CROSS_BORDER: "PIPL Art. 39",
}

INFORMED_CONSENT = "PIPL Art. 14"
"""Consent must be informed; a change of purpose, means or data needs consent again."""
WRITTEN_CONSENT = "PIPL Art. 14"
"""Where laws or administrative regulations require written consent, it must be written."""
WITHDRAWAL = "PIPL Art. 15"
"""Consent may be withdrawn; processing done before stays lawful."""
PURPOSE_ENDED = "PIPL Art. 47"
"""Data must be deleted once the purpose is achieved or no longer needed."""

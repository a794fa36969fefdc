"""Aggregates and pure rules of the registry: no I/O, no infrastructure imports."""

from registry.domain.consent.basis import LawfulBasis, SeparateConsentReason
from registry.domain.consent.consent import CLOCK_SKEW, ConsentDetails, ConsentRecord, ConsentStatus
from registry.domain.consent.controller import Controller, controller_id_for
from registry.domain.consent.decision import Decision, DecisionReason, PurposeStanding, decide
from registry.domain.consent.purpose import Purpose, PurposeSpec, PurposeTerms, purpose_uuid
from registry.domain.consent.state import PurposeConsent, SubjectState
from registry.domain.consent.subject import Subject, subject_id_for

__all__ = [
    "CLOCK_SKEW",
    "ConsentDetails",
    "ConsentRecord",
    "ConsentStatus",
    "Controller",
    "Decision",
    "DecisionReason",
    "LawfulBasis",
    "Purpose",
    "PurposeConsent",
    "PurposeSpec",
    "PurposeStanding",
    "PurposeTerms",
    "SeparateConsentReason",
    "Subject",
    "SubjectState",
    "controller_id_for",
    "decide",
    "purpose_uuid",
    "subject_id_for",
]

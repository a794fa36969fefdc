"""Each upcaster reads the events an earlier release stored: the state below is what commit
5024061 wrote (tests/fixtures/store-5024061), with its plain dicts where values are now typed.

Read through a mapper with the registry's transcodings, each comes back carrying the typed
value; stored again, it is version 2 and reads back equal.
"""

import json
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import pytest
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Mapper,
    StoredEvent,
    UUIDAsHex,
)

from registry.domain.consent.basis import LawfulBasis, SeparateConsentReason
from registry.domain.consent.purpose import PurposeSpec
from registry.domain.crossborder.dataflow_values import (
    FlowAssessment,
    FlowProposal,
    MechanismKind,
    RecordedMechanism,
)
from registry.domain.crossborder.rules import Mechanism
from registry.domain.governance.succession_plan import PurposeFate, PurposePlan
from registry.domain.moved import register_flat_topics
from registry.transcodings import TRANSCODINGS

ID = UUID("eab889e3b98e5167873164ad664bcef0")
BETA = UUID("e8c9bc654ca652bfa491289006e108cd")
STAMP = {"_type_": "datetime_iso", "_data_": "2026-12-02T12:14:00.760593+00:00"}
JULY = {"_type_": "date_iso", "_data_": "2026-07-01"}


def mapper() -> Mapper[UUID]:
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), *TRANSCODINGS):
        transcoder.register(transcoding)
    return Mapper(transcoder)


def read_v1(topic: str, state: dict[str, Any]) -> DomainEventProtocol[UUID]:
    """The event as today's code reads the state stored at 5024061 under its flat topic."""
    register_flat_topics()
    stored = StoredEvent(ID, 1, f"registry.domain.{topic}", json.dumps(state).encode())
    return mapper().to_domain_event(stored)


def stored_again(domain_event: DomainEventProtocol[UUID]) -> DomainEventProtocol[UUID]:
    stored = mapper().to_stored_event(domain_event)
    assert json.loads(stored.state)["class_version"] == 2
    return mapper().to_domain_event(stored)


PROPOSAL = {
    "destination": "SG",
    "recipient": "Acme Support Pte Ltd",
    "recipient_contact": "privacy@acme.example.sg",
    "purposes": ["health-data"],
    "data_categories": ["contact", "health"],
    "sensitive": True,
    "important_data": False,
    "scenario": None,
    "individuals": 3,
    "individuals_processed": None,
}
ASSESSMENT = {
    "assessed_on": JULY,
    "mechanism": "standard_contract_or_certification",
    "exempt_reason": None,
    "reasons": [
        {"article": "CAC Cross-Border Provisions Art. 8", "text": "1-9,999 sensitive."},
        {"article": "PIPL Art. 38", "text": "Routes: the CAC standard contract or certification."},
    ],
    "rule_version": "cn-2024-03-22",
    "counted_non_sensitive": 0,
    "counted_sensitive": 3,
    "counts_toward_volume": True,
}
MECHANISM = {
    "kind": "standard_contract",
    "in_place_on": JULY,
    "valid_until": None,
    "reference": "SC-2026-0042",
}
TERMS = {
    "name": "Health programme",
    "description": "",
    "lawful_basis": "consent",
    "data_categories": ["contact", "health"],
    "sensitive": True,
    "separate_consent_reasons": ["cross_border", "sensitive"],
    "retention_days": None,
}
PLAN = [
    {"purpose": "newsletter", "fate": "kept", "new": None},
    {"purpose": "profiling", "fate": "changed", "new": "profiling-v2"},
]

V1 = {
    "proposed": (
        "dataflow:DataFlow.Proposed",
        {
            "timestamp": STAMP,
            "originator_topic": "registry.domain.dataflow:DataFlow",
            "flow_ref": "acme-sg-support",
            "controller_id": {"_type_": "uuid_hex", "_data_": ID.hex},
            "controller_ref": "acme",
            "proposal": PROPOSAL,
            "proposed_on": JULY,
        },
    ),
    "assessed": ("dataflow:DataFlow.Assessed", {"timestamp": STAMP, "assessment": ASSESSMENT}),
    "included": (
        "dataflow:DataFlow.SubjectsIncluded",
        {
            "timestamp": STAMP,
            "controller_id": {"_type_": "uuid_hex", "_data_": ID.hex},
            "included_on": JULY,
            "sensitive": True,
            "counted": True,
            "subject_ids": [BETA.hex],
        },
    ),
    "mechanism": (
        "dataflow:DataFlow.MechanismRecorded",
        {"timestamp": STAMP, "mechanism": MECHANISM},
    ),
    "defined": (
        "purpose:Purpose.Defined",
        {
            "timestamp": STAMP,
            "originator_topic": "registry.domain.purpose:Purpose",
            "purpose_id": "health-data",
            "terms": TERMS,
            "effective_at": STAMP,
        },
    ),
    "revised": (
        "purpose:Purpose.Revised",
        {"timestamp": STAMP, "version": 2, "terms": TERMS, "material": True, "effective_at": STAMP},
    ),
    "started": (
        "succession:Succession.Started",
        {
            "timestamp": STAMP,
            "originator_topic": "registry.domain.succession:Succession",
            "succession_ref": "acme-into-beta",
            "from_ref": "acme",
            "from_controller_id": {"_type_": "uuid_hex", "_data_": ID.hex},
            "to_ref": "beta",
            "to_controller_id": {"_type_": "uuid_hex", "_data_": BETA.hex},
            "reason": "merger",
            "effective_on": {"_type_": "date_iso", "_data_": "2026-10-01"},
            "purposes": PLAN,
            "scope": ["286c7bd23a935bcab9380bbbccb71bf1"],
            "started_at": STAMP,
        },
    ),
    "controller": (
        "controller:Controller.Registered",
        {
            "timestamp": STAMP,
            "originator_topic": "registry.domain.controller:Controller",
            "controller_ref": "acme",
            "name": "Acme Ltd",
            "contact": "dpo@acme.example",
            "jurisdiction": "CN",
            "ciio": False,
        },
    ),
    "default controller": (
        "controller:Controller.Registered",
        {
            "timestamp": STAMP,
            "originator_topic": "registry.domain.controller:Controller",
            "controller_ref": "default",
            "name": "Default controller",
            "contact": "-",
            "jurisdiction": "CN",
            "ciio": False,
        },
    ),
}

EXPECTED_SPEC = PurposeSpec(
    name="Health programme",
    lawful_basis=LawfulBasis.CONSENT,
    data_categories=("contact", "health"),
    sensitive=True,
    separate_consent_reasons=frozenset(
        {SeparateConsentReason.CROSS_BORDER, SeparateConsentReason.SENSITIVE}
    ),
)
EXPECTED: dict[str, tuple[str, object]] = {
    "proposed": (
        "proposal",
        FlowProposal(
            "SG",
            "Acme Support Pte Ltd",
            "privacy@acme.example.sg",
            ("health-data",),
            ("contact", "health"),
            sensitive=True,
            individuals=3,
        ),
    ),
    "assessed": (
        "assessment",
        FlowAssessment(
            assessed_on=date(2026, 7, 1),
            mechanism=Mechanism.STANDARD_CONTRACT_OR_CERTIFICATION,
            exempt_reason=None,
            reasons=(
                ("CAC Cross-Border Provisions Art. 8", "1-9,999 sensitive."),
                ("PIPL Art. 38", "Routes: the CAC standard contract or certification."),
            ),
            rule_version="cn-2024-03-22",
            counted_non_sensitive=0,
            counted_sensitive=3,
            counts_toward_volume=True,
        ),
    ),
    "included": ("consent_override", None),
    "mechanism": (
        "mechanism",
        RecordedMechanism(MechanismKind.STANDARD_CONTRACT, date(2026, 7, 1), None, "SC-2026-0042"),
    ),
    "defined": ("terms", EXPECTED_SPEC),
    "revised": ("terms", EXPECTED_SPEC),
    "started": (
        "purposes",
        [
            PurposePlan("newsletter", PurposeFate.KEPT),
            PurposePlan("profiling", PurposeFate.CHANGED, "profiling-v2"),
        ],
    ),
    "controller": ("dpo_contact", None),
    "default controller": ("contact", None),
}


@pytest.mark.parametrize("case", sorted(V1))
def test_a_version_1_event_reads_with_its_typed_value(case: str) -> None:
    topic, state = V1[case]
    field, value = EXPECTED[case]
    domain_event = read_v1(topic, state)
    assert getattr(domain_event, field) == value
    assert getattr(stored_again(domain_event), field) == value


def test_a_version_1_controller_keeps_its_contact() -> None:
    topic, state = V1["controller"]
    assert vars(stored_again(read_v1(topic, state)))["contact"] == "dpo@acme.example"


def test_the_other_fields_of_an_upcast_event_are_read_as_before() -> None:
    topic, state = V1["started"]
    started = read_v1(topic, state)
    assert vars(started)["effective_on"] == date(2026, 10, 1)
    assert vars(started)["started_at"] == datetime(2026, 12, 2, 12, 14, 0, 760593, tzinfo=UTC)
    assert vars(started)["scope"] == ["286c7bd23a935bcab9380bbbccb71bf1"]


def test_an_inclusion_of_version_1_had_no_one_without_consent() -> None:
    topic, state = V1["included"]
    included = read_v1(topic, state)
    assert (vars(included)["without_consent"], vars(included)["subject_ids"]) == ([], [BETA.hex])


def test_a_value_is_stored_as_its_plain_fields_under_its_name() -> None:
    topic, state = V1["mechanism"]
    stored = mapper().to_stored_event(read_v1(topic, state))
    assert json.loads(stored.state)["mechanism"] == {
        "_type_": "recorded_mechanism",
        "_data_": {**MECHANISM, "in_place_on": JULY},
    }

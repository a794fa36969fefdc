"""The processor aggregate and the contract rule alone, without any store."""

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import pytest

from registry.domain.governance.processor import Processor, ProcessorTerms
from registry.domain.governance.processor_rules import COVERED, contract_reason
from registry.errors import InvalidValueError

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
TERMS = ProcessorTerms(
    name="Acme Cloud Pte Ltd",
    contract_ref="DPA-2025-01",
    starts_on=date(2025, 1, 1),
    until=date(2025, 12, 31),
    purposes=("newsletter",),
    data_categories=("email",),
    security_measures=("encryption at rest",),
    country="sg",
)


def cloud(role: str = "entrusted", **changes: Any) -> Processor:
    terms = replace(TERMS, **changes)
    return Processor.register("acme-cloud", role=role, terms=terms, now=NOW)


def test_a_contract_covers_its_purposes_within_its_term() -> None:
    processor = cloud()
    assert processor.terms.country == "SG"
    assert processor.why_not_covered("newsletter", date(2025, 6, 1)) is None
    assert "starts on 2025-01-01" in str(
        processor.why_not_covered("newsletter", date(2024, 12, 31))
    )
    assert "ended on 2025-12-31" in str(processor.why_not_covered("newsletter", date(2026, 1, 1)))
    assert "does not cover 'profiling'" in str(processor.why_not_covered("profiling", NOW.date()))


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("country", {"country": "XX"}),
        ("until", {"until": date(2024, 1, 1)}),
        ("purposes", {"purposes": ()}),
        ("contract_ref", {"contract_ref": " "}),
        ("name", {"name": "-"}),
    ],
)
def test_bad_terms_are_refused_naming_the_field(field: str, change: dict[str, object]) -> None:
    with pytest.raises(InvalidValueError) as refused:
        cloud(**change)
    assert refused.value.field == field


def test_the_role_is_entrusted_or_recipient() -> None:
    with pytest.raises(InvalidValueError) as refused:
        cloud(role="vendor")
    assert refused.value.field == "role"
    assert cloud("recipient").role.article == "PIPL Art. 23"


def test_an_ended_contract_covers_nothing_after_its_last_day() -> None:
    processor = cloud()
    processor.end_contract(date(2025, 6, 30), reason="service terminated")
    assert processor.last_day == date(2025, 6, 30)
    assert processor.why_not_covered("newsletter", date(2025, 6, 30)) is None
    assert processor.why_not_covered("newsletter", date(2025, 7, 1)) is not None
    with pytest.raises(InvalidValueError):
        processor.end_contract(date(2025, 7, 1), reason="again")


def test_an_update_keeps_the_earlier_terms_in_the_history() -> None:
    processor = cloud()
    renewed = replace(TERMS, until=date(2026, 12, 31), purposes=("newsletter", "support"))
    assert processor.update(renewed, now=NOW) is True
    assert processor.update(renewed, now=NOW) is False
    assert [terms.until for _, terms in processor.history] == [
        date(2025, 12, 31),
        date(2026, 12, 31),
    ]
    assert processor.why_not_covered("support", date(2026, 6, 1)) is None


def test_a_recipient_is_matched_by_reference_or_by_name_whatever_its_case() -> None:
    register = [cloud()]
    for named in ("acme-cloud", " ACME cloud pte ltd "):
        reason = contract_reason(register, named, "newsletter", NOW.date())
        assert (reason.code, reason.article) == (COVERED, "PIPL Art. 21")
    unknown = contract_reason(register, "Other Ltd", "newsletter", NOW.date())
    assert (unknown.code, unknown.article) == (
        "no_processor_contract",
        "PIPL Art. 21; PIPL Art. 23",
    )
    lapsed = contract_reason([cloud("recipient")], "acme-cloud", "newsletter", date(2026, 2, 1))
    assert (lapsed.code, lapsed.article) == ("processor_contract_not_covering", "PIPL Art. 23")
    assert "ended on 2025-12-31" in lapsed.message

"""Bad input is refused on construction with an error naming the field."""

from datetime import date, datetime
from typing import Any

import pytest

from registry.domain.crossborder.rules import Origin, Scenario, TransferRequest
from registry.errors import CrossBorderError, InvalidTransferRequest


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("destination", "us"),
        ("destination", "USA"),
        ("destination", "U1"),
        ("destination", ""),
        ("destination", None),
        ("recipient", ""),
        ("recipient", "   "),
        ("purposes", ()),
        ("purposes", "billing"),
        ("purposes", ("billing", "")),
        ("data_categories", ("email", 3)),
        ("date", datetime(2024, 6, 1, 12, 0)),
        ("date", "2024-06-01"),
        ("origin", "US"),
        ("sensitive", "yes"),
        ("ciio", 1),
        ("important_data", None),
        ("recipient_certified", "true"),
        ("individuals", -1),
        ("individuals", True),
        ("individuals", 1.5),
        ("already_sent_non_sensitive", -1),
        ("already_sent_sensitive", "3"),
        ("individuals_processed", -5),
        ("scenario", "holiday"),
        ("safeguard", "dpa"),
        ("derogation", "legitimate_interest"),
    ],
)
def test_bad_value_names_the_field(make_request, field, value) -> None:
    with pytest.raises(InvalidTransferRequest) as raised:
        make_request(**{field: value})

    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}: ")
    assert isinstance(raised.value, CrossBorderError)


def test_strings_and_lists_are_normalised(make_request) -> None:
    request = make_request(origin="EU", scenario="hr", purposes=["billing"], data_categories=[])

    assert request.origin is Origin.EU
    assert request.scenario is Scenario.HR
    assert request.purposes == ("billing",)
    assert request.data_categories == ()


def test_requests_are_frozen(make_request) -> None:
    request = make_request()

    with pytest.raises(AttributeError):
        request.individuals = 5


def test_no_default_date() -> None:
    fields: dict[str, Any] = {"destination": "US", "recipient": "Acme", "purposes": ("billing",)}

    with pytest.raises(TypeError, match="date"):
        TransferRequest(**fields)

    assert TransferRequest("US", "Acme", ("billing",), date(2024, 6, 1)).date == date(2024, 6, 1)

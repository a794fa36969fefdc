"""A transfer request factory: a plain CN transfer to a US recipient unless overridden."""

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from registry.domain.crossborder.rules import TransferRequest

MakeRequest = Callable[..., TransferRequest]


@pytest.fixture()
def make_request() -> MakeRequest:
    def make(**overrides: Any) -> TransferRequest:
        fields: dict[str, Any] = {
            "destination": "US",
            "recipient": "Acme Inc.",
            "purposes": ("order fulfilment",),
            "data_categories": ("name", "phone"),
            "date": date(2024, 6, 1),
        }
        return TransferRequest(**{**fields, **overrides})

    return make

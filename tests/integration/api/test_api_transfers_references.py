"""An assessment or a flow names an assigned country, defined purposes and a registered
controller; anything else is refused with problem+json naming the field, and nothing is
written."""

from typing import Any

import pytest
from api_harness import Api, define_purposes

ASSESS = {
    "controller": "default",
    "destination": "SG",
    "recipient": "Recipient Pte Ltd",
    "purposes": ["newsletter"],
    "date": "2024-06-03",
}
FLOW = {
    **{k: v for k, v in ASSESS.items() if k != "controller"},
    "flow": "sg",
    "recipient_contact": "privacy@recipient.example.sg",
}

REFUSED = [
    ("/v1/transfers/assess", ASSESS | {"destination": "XX"}, "destination", "invalid_transfer"),
    ("/v1/transfers/assess", ASSESS | {"destination": "EU"}, "destination", "invalid_transfer"),
    ("/v1/transfers/assess", ASSESS | {"purposes": ["newsletter", "nothing"]}, "purposes", None),
    ("/v1/transfers/assess", ASSESS | {"controller": "nobody"}, "controller", None),
    ("/v1/flows", FLOW | {"destination": "XX"}, "destination", "invalid_value"),
    ("/v1/flows", FLOW | {"purposes": ["nothing"]}, "purposes", None),
    ("/v1/flows", FLOW | {"controller": "nobody"}, "controller", None),
]


@pytest.mark.parametrize(("url", "body", "field", "code"), REFUSED)
def test_an_unknown_country_purpose_or_controller_is_refused(
    api: Api, url: str, body: dict[str, Any], field: str, code: str | None
) -> None:
    define_purposes(api)
    end = api.position()
    answer = api.call("staff", "POST", url, json=body)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert [error["field"] for error in answer.json()["errors"]] == [field]
    assert answer.json()["code"] == (code or f"unknown_{field.rstrip('s')}")
    assert api.position() == end


def test_an_unknown_purpose_is_named_in_the_answer(api: Api) -> None:
    define_purposes(api)
    body = ASSESS | {"purposes": ["newsletter", "nothing"]}
    answer = api.call("staff", "POST", "/v1/transfers/assess", json=body)
    assert "'nothing'" in answer.json()["errors"][0]["message"]


def test_assigned_codes_are_assessed(api: Api) -> None:
    define_purposes(api)
    for country in ("SG", "AX", "GR", "SS", "CW"):
        answer = api.call(
            "staff", "POST", "/v1/transfers/assess", json=ASSESS | {"destination": country}
        )
        assert answer.status_code == 200, (country, answer.text)

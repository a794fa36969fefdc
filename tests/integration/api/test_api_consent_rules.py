"""The consent rules over HTTP: revisions material by law, age, written consent, evidence."""

from typing import Any

import pytest
from api_harness import NEWSLETTER, Api, define_purposes, give

PERMISSION = "/v1/subjects/{ref}/permission?purpose=newsletter"


def allowed(api: Api, ref: str) -> dict[str, Any]:
    answer = api.call("system", "GET", PERMISSION.format(ref=ref))
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


@pytest.mark.parametrize(
    ("change", "article"),
    [
        ({"sensitive": True}, "PIPL Art. 29"),
        ({"separate_consent_reasons": ["cross_border"]}, "PIPL Art. 39"),
        ({"separate_consent_reasons": ["third_party_provision"]}, "PIPL Art. 23"),
        ({"separate_consent_reasons": ["public_disclosure"]}, "PIPL Art. 25"),
    ],
)
def test_a_revision_adding_what_needs_separate_consent_is_material_whatever_the_flag(
    api: Api, change: dict[str, Any], article: str
) -> None:
    define_purposes(api)
    assert give(api, "c-1").status_code == 201
    assert allowed(api, "c-1")["allowed"] is True

    revised = {**NEWSLETTER, **change, "requires_separate_consent": True, "material": False}
    answer = api.call("admin", "PUT", "/v1/purposes/newsletter", json=revised)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["version"], answer.json()["material_version"]) == (2, 2)
    assert answer.json()["versions"][1]["material_by_law"] == [article]

    decision = allowed(api, "c-1")
    assert decision["allowed"] is False
    assert [r["code"] for r in decision["reasons"]] == ["consent_invalidated"]
    assert decision["reasons"][0]["article"] == "PIPL Art. 14"
    assert give(api, "c-1").status_code == 422  # plain consent to the new terms: refused
    assert give(api, "c-1", separate=True).status_code == 201
    assert allowed(api, "c-1")["allowed"] is True


def test_a_revision_keeping_the_same_separate_consent_cases_stays_as_flagged(api: Api) -> None:
    define_purposes(api)
    health = api.call("admin", "GET", "/v1/purposes/health").json()
    body = {"name": "Health (renamed)", "lawful_basis": "consent", "sensitive": True}
    answer = api.call("admin", "PUT", "/v1/purposes/health", json=body)
    assert answer.status_code == 200, answer.text
    assert answer.json()["material_version"] == health["material_version"] == 1
    assert answer.json()["versions"][1]["material_by_law"] == []

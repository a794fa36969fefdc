"""The consent rules over HTTP: revisions material by law, age, written consent, evidence."""

import hashlib
from datetime import date, timedelta
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


CHILD = (date.today() - timedelta(days=365 * 10)).isoformat()
ADULT = "1990-05-01"


def history_types(api: Api, ref: str) -> list[str]:
    events = api.call("admin", "GET", f"/v1/subjects/{ref}/history").json()["events"]
    return [event["type"] for event in events]


def test_a_birth_date_sent_with_a_consent_of_a_known_subject_is_kept(api: Api) -> None:
    define_purposes(api)
    assert api.call("staff", "PUT", "/v1/subjects/c-1", json={"name": "Li"}).status_code == 201
    before = api.position()

    unguarded = give(api, "c-1", birth_date=CHILD)
    assert unguarded.status_code == 422, unguarded.text
    assert [e["field"] for e in unguarded.json()["errors"]] == ["guardian"]
    assert api.position() == before

    answer = give(api, "c-1", birth_date=CHILD, guardian=True, separate=True)
    assert answer.status_code == 201, answer.text
    assert history_types(api, "c-1") == [
        "Subject.Registered",
        "Subject.DetailsChanged",
        "Subject.ConsentGiven",
    ]


def test_a_birth_date_learnt_later_voids_a_childs_consents_given_without_a_guardian(
    api: Api,
) -> None:
    define_purposes(api)
    assert give(api, "c-2").status_code == 201
    assert give(api, "c-2", purpose="health", separate=True).status_code == 201
    assert give(api, "c-3").status_code == 201

    assert (
        api.call("staff", "PUT", "/v1/subjects/c-2", json={"birth_date": CHILD}).status_code == 200
    )
    assert (
        api.call("staff", "PUT", "/v1/subjects/c-3", json={"birth_date": ADULT}).status_code == 200
    )

    decision = allowed(api, "c-2")
    assert decision["allowed"] is False
    assert [(r["code"], r["article"]) for r in decision["reasons"]] == [
        ("consent_invalidated", "PIPL Art. 31; PIPL Art. 28; PIPL Art. 29")
    ]
    health = api.call("system", "GET", "/v1/subjects/c-2/permission?purpose=health").json()
    assert (health["allowed"], health["reasons"][0]["article"]) == (False, "PIPL Art. 31")
    assert history_types(api, "c-2")[-3:] == [
        "Subject.DetailsChanged",
        "Subject.ConsentInvalidated",
        "Subject.ConsentInvalidated",
    ]
    assert allowed(api, "c-3")["allowed"] is True


def test_a_childs_consent_needs_separate_consent_as_sensitive_data_does(api: Api) -> None:
    define_purposes(api)
    before = api.position()
    bundled = give(api, "c-4", birth_date=CHILD, guardian=True)
    assert bundled.status_code == 422, bundled.text
    assert [e["field"] for e in bundled.json()["errors"]] == ["separate"]
    assert "PIPL Art. 28" in bundled.json()["detail"]
    assert api.position() == before
    assert give(api, "c-4", birth_date=CHILD, guardian=True, separate=True).status_code == 201
    assert allowed(api, "c-4")["allowed"] is True


ARCHIVE = {"name": "Signed archive", "lawful_basis": "consent", "requires_written_consent": True}


def test_a_purpose_needing_written_consent_refuses_one_not_in_writing(api: Api) -> None:
    defined = api.call("admin", "PUT", "/v1/purposes/archive", json=ARCHIVE)
    assert defined.status_code == 201, defined.text
    assert defined.json()["requires_written_consent"] is True
    before = api.position()

    spoken = give(api, "c-5", purpose="archive", channel="call")
    assert spoken.status_code == 422, spoken.text
    assert [e["field"] for e in spoken.json()["errors"]] == ["written"]
    assert "PIPL Art. 14" in spoken.json()["detail"]
    assert api.position() == before

    assert give(api, "c-5", purpose="archive", written=True).status_code == 201
    permission = "/v1/subjects/c-5/permission?purpose=archive"
    assert api.call("system", "GET", permission).json()["allowed"] is True


def test_requiring_written_consent_later_voids_consents_not_in_writing(api: Api) -> None:
    define_purposes(api)
    assert give(api, "c-6").status_code == 201
    assert give(api, "c-7", written=True).status_code == 201
    revised = {**NEWSLETTER, "requires_written_consent": True}
    answer = api.call("admin", "PUT", "/v1/purposes/newsletter", json=revised)
    assert answer.status_code == 200, answer.text
    assert answer.json()["versions"][1]["material_by_law"] == ["PIPL Art. 14"]
    assert allowed(api, "c-6")["allowed"] is False
    assert allowed(api, "c-7")["allowed"] is False  # asked again, as every earlier consent is
    assert give(api, "c-6", written=True).status_code == 201
    assert allowed(api, "c-6")["allowed"] is True


def recorded_evidence(api: Api, ref: str) -> str:
    events = api.call("admin", "GET", f"/v1/subjects/{ref}/history").json()["events"]
    return str(events[-1]["data"]["evidence_digest"])


def test_evidence_is_kept_as_its_sha256_digest_unless_a_digest_is_sent(api: Api) -> None:
    define_purposes(api)
    text = "form 7 signed by Li Wei on 2025-03-01"
    assert give(api, "c-8", evidence=text).status_code == 201
    assert recorded_evidence(api, "c-8") == "sha256:" + hashlib.sha256(text.encode()).hexdigest()

    digest = "sha256:" + "AB" * 32
    assert give(api, "c-8", evidence=digest).status_code == 201
    assert recorded_evidence(api, "c-8") == digest.lower()
    short = "sha256:ab"  # not a digest: hashed as any other text
    assert give(api, "c-8", evidence=short).status_code == 201
    assert recorded_evidence(api, "c-8") == "sha256:" + hashlib.sha256(b"sha256:ab").hexdigest()


@pytest.mark.parametrize("language", ["!!not a lang", "zh_CN", "english-", "a", "x-"])
def test_a_language_that_is_no_bcp_47_tag_is_422_and_writes_nothing(
    api: Api, language: str
) -> None:
    define_purposes(api)
    before = api.position()
    answer = give(api, "c-9", language=language)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in answer.json()["errors"]] == ["language"]
    assert api.position() == before


def test_bcp_47_tags_are_accepted(api: Api) -> None:
    define_purposes(api)
    for language in ("zh", "zh-CN", "zh-Hans-CN", "en-GB-oxendict", "es-419", "de-CH-x-phonebk"):
        assert give(api, "c-10", language=language).status_code == 201, language

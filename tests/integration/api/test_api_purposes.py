"""PUT/GET /v1/purposes: define (201), revise (200), the catalogue with versions."""

from api_harness import NEWSLETTER, Api, define_purposes, give


def test_defining_a_purpose_answers_201_with_its_first_version(api: Api) -> None:
    body = {**NEWSLETTER, "description": "Monthly news", "retention_days": 365}
    answer = api.call("admin", "PUT", "/v1/purposes/newsletter", json=body)
    assert answer.status_code == 201, answer.text
    purpose = answer.json()
    assert purpose["purpose_id"] == "newsletter"
    assert (purpose["name"], purpose["description"]) == ("Newsletter", "Monthly news")
    assert (purpose["lawful_basis"], purpose["data_categories"]) == ("consent", ["email"])
    assert (purpose["version"], purpose["retention_days"], purpose["sensitive"]) == (1, 365, False)
    assert purpose["position"] == api.position()


def test_a_separate_consent_purpose_keeps_its_reasons(api: Api) -> None:
    define_purposes(api)
    health = api.call("staff", "GET", "/v1/purposes/health").json()
    assert health["requires_separate_consent"] is True
    assert health["separate_consent_reasons"] == ["sensitive"]


def test_a_revision_answers_200_with_the_next_version(api: Api) -> None:
    define_purposes(api)
    revised = {**NEWSLETTER, "name": "Newsletter (weekly)"}
    answer = api.call("admin", "PUT", "/v1/purposes/newsletter", json=revised)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["version"], answer.json()["material_version"]) == (2, 1)
    versions = answer.json()["versions"]
    assert [(v["version"], v["name"], v["material"]) for v in versions] == [
        (1, "Newsletter", False),
        (2, "Newsletter (weekly)", False),
    ]


def test_a_material_revision_voids_earlier_consents_for_new_processing(api: Api) -> None:
    define_purposes(api)
    assert give(api, "c-1").status_code == 201
    minor = api.call("admin", "PUT", "/v1/purposes/newsletter", json={**NEWSLETTER, "name": "N"})
    assert minor.status_code == 200
    permission = "/v1/subjects/c-1/permission?purpose=newsletter"
    assert api.call("system", "GET", permission).json()["allowed"] is True

    material = {**NEWSLETTER, "data_categories": ["email", "phone"], "material": True}
    answer = api.call("admin", "PUT", "/v1/purposes/newsletter", json=material)
    assert answer.status_code == 200, answer.text
    assert (answer.json()["version"], answer.json()["material_version"]) == (3, 3)
    decision = api.call("system", "GET", permission).json()
    assert decision["allowed"] is False
    assert [r["code"] for r in decision["reasons"]] == ["consent_invalidated"]
    assert decision["reasons"][0]["article"] == "PIPL Art. 14"

    again = give(api, "c-1")
    assert again.status_code == 201
    assert again.json()["purpose_version"] == 3
    assert api.call("system", "GET", permission).json()["allowed"] is True


def test_the_catalogue_lists_every_purpose_with_its_versions(api: Api) -> None:
    define_purposes(api)
    api.call("admin", "PUT", "/v1/purposes/payroll", json={**NEWSLETTER, "material": True})
    for role in ("admin", "staff", "system", "regulator"):
        catalogue = api.call(role, "GET", "/v1/purposes")
        assert catalogue.status_code == 200
        by_id = {p["purpose_id"]: p for p in catalogue.json()}
        assert sorted(by_id) == ["health", "newsletter", "payroll"]
        assert [v["version"] for v in by_id["payroll"]["versions"]] == [1, 2]
        assert [v["version"] for v in by_id["health"]["versions"]] == [1]


def test_one_purpose_and_an_unknown_one(api: Api) -> None:
    define_purposes(api)
    payroll = api.call("regulator", "GET", "/v1/purposes/payroll")
    assert payroll.status_code == 200
    assert (payroll.json()["lawful_basis"], payroll.json()["version"]) == ("hr_management", 1)
    missing = api.call("regulator", "GET", "/v1/purposes/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["errors"] == [
        {"field": "purpose", "message": "purpose 'nothing-here' is not defined"}
    ]

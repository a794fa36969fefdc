"""What a retired purpose answers: DELETE retires it, GET still shows it (retired), its
consents stop allowing processing and no new consent to it is taken."""

from api_harness import Api, define_purposes, give


def test_a_retired_purpose_is_shown_retired_and_allows_nothing(api: Api) -> None:
    define_purposes(api)
    assert give(api, "c-1").status_code == 201
    retired = api.call("admin", "DELETE", "/v1/purposes/newsletter")
    assert retired.status_code == 200, retired.text
    assert retired.json()["retired"] is True
    shown = api.call("staff", "GET", "/v1/purposes/newsletter")
    assert (shown.status_code, shown.json()["retired"]) == (200, True)
    permission = api.call("staff", "GET", "/v1/subjects/c-1/permission?purpose=newsletter")
    assert permission.json()["allowed"] is False
    before = api.position()
    again = give(api, "c-2")
    assert again.status_code == 422, again.text
    assert api.position() == before
    described = api.call("staff", "GET", "/openapi.json").json()["paths"][
        "/v1/purposes/{purpose_id}"
    ]
    assert "retired: true" in described["get"]["description"]

"""Errors are problem+json naming the field at fault, and a rejected request writes nothing."""

from typing import Any

from api_harness import HEALTH, Api, define_purposes, give
from httpx import Response

CONSENTS = "/v1/subjects/{ref}/consents"
JSON = {"content-type": "application/json"}

# (what, role, method, url, request arguments, status, field named in `errors`)
REJECTED: list[tuple[str, str | None, str, str, dict[str, Any], int, str]] = [
    ("body not JSON", "staff", "POST", CONSENTS, {"content": b"{no", "headers": JSON}, 400, "body"),
    (
        "Idempotency-Key too long",
        "staff",
        "POST",
        CONSENTS,
        {
            "json": {"purpose": "newsletter", "status": "given"},
            "headers": {"Idempotency-Key": "k" * 256},
        },
        400,
        "Idempotency-Key",
    ),
    ("no key", None, "POST", CONSENTS, {"json": {}}, 401, "Authorization"),
    ("unknown key", "unknown", "POST", CONSENTS, {"json": {}}, 401, "Authorization"),
    (
        "unknown status",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "maybe"}},
        422,
        "status",
    ),
    ("purpose missing", "staff", "POST", CONSENTS, {"json": {"status": "given"}}, 422, "purpose"),
    (
        "unexpected field",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "given", "colour": "red"}},
        422,
        "colour",
    ),
    (
        "naive timestamp",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "given", "occurred_at": "2024-01-01T10:00"}},
        422,
        "occurred_at",
    ),
    (
        "a flag as text",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "given", "separate": "true"}},
        422,
        "separate",
    ),
    (
        "a time as epoch seconds",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "given", "occurred_at": 1700000000}},
        422,
        "occurred_at",
    ),
    (
        "a whole number written as a fraction",
        "admin",
        "PUT",
        "/v1/purposes/p-new",
        {"json": {"name": "X", "lawful_basis": "consent", "retention_days": 30.0}},
        422,
        "retention_days",
    ),
    (
        "timestamp in the future",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "given", "occurred_at": "2999-01-01T00:00Z"}},
        422,
        "occurred_at",
    ),
    (
        "valid_until before occurred_at",
        "staff",
        "POST",
        CONSENTS,
        {
            "json": {
                "purpose": "newsletter",
                "status": "given",
                "occurred_at": "2025-01-01T00:00:00Z",
                "valid_until": "2024-01-01T00:00:00Z",
            }
        },
        422,
        "valid_until",
    ),
    (
        "unknown purpose",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "nothing", "status": "given"}},
        422,
        "purpose",
    ),
    (
        "sensitive purpose without separate consent",
        "system",
        "POST",
        CONSENTS,
        {"json": {"purpose": "health", "status": "given"}},
        422,
        "separate",
    ),
    (
        "a child without a guardian",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "given", "birth_date": "2019-03-01"}},
        422,
        "guardian",
    ),
    (
        "unknown purpose version",
        "staff",
        "POST",
        CONSENTS,
        {"json": {"purpose": "newsletter", "status": "given", "purpose_version": 7}},
        422,
        "purpose_version",
    ),
    (
        "ref with a space",
        "staff",
        "PUT",
        "/v1/subjects/a%20b",
        {"json": {"name": "Sun"}},
        422,
        "ref",
    ),
    (
        "bad country code",
        "staff",
        "PUT",
        "/v1/subjects/{ref}",
        {"json": {"jurisdiction": "china"}},
        422,
        "jurisdiction",
    ),
    ("subject by a regulator", "regulator", "PUT", "/v1/subjects/{ref}", {"json": {}}, 403, ""),
    (
        "purpose by staff",
        "staff",
        "PUT",
        "/v1/purposes/p-new",
        {"json": {"name": "X", "lawful_basis": "consent"}},
        403,
        "",
    ),
    (
        "unknown lawful basis",
        "admin",
        "PUT",
        "/v1/purposes/p-new",
        {"json": {"name": "X", "lawful_basis": "because"}},
        422,
        "lawful_basis",
    ),
    (
        "separate consent without a reason",
        "admin",
        "PUT",
        "/v1/purposes/p-new",
        {"json": {"name": "X", "lawful_basis": "consent", "requires_separate_consent": True}},
        422,
        "separate_consent_reasons",
    ),
    (
        "revision effective before the terms in force",
        "admin",
        "PUT",
        "/v1/purposes/newsletter",
        {
            "json": {
                "name": "Old news",
                "lawful_basis": "consent",
                "effective_at": "2001-01-01T00:00:00Z",
            }
        },
        422,
        "effective_at",
    ),
    ("retire an unknown purpose", "admin", "DELETE", "/v1/purposes/nothing", {}, 404, "purpose"),
    (
        "events after a position no store holds",
        "regulator",
        "GET",
        "/v1/audit/events?after=99999999999999999999",
        {},
        422,
        "after",
    ),
    (
        "access log offset no store holds",
        "regulator",
        "GET",
        "/v1/audit/access-log?offset=99999999999999999999",
        {},
        422,
        "offset",
    ),
    (
        "events with a negative cursor",
        "regulator",
        "GET",
        "/v1/audit/events?after=-1",
        {},
        422,
        "after",
    ),
]


def assert_problem(answer: Response, status: int, field: str, what: str = "") -> None:
    assert answer.status_code == status, (what, answer.text)
    assert answer.headers["content-type"] == "application/problem+json", what
    problem = answer.json()
    assert problem["status"] == status, what
    assert problem["title"] and problem["detail"] and problem["type"], what
    if field:
        assert field in [error["field"] for error in problem["errors"]], (what, problem)
        assert all(error["message"] for error in problem["errors"]), what


def test_every_rejected_request_is_a_problem_and_writes_nothing(api: Api) -> None:
    define_purposes(api)
    before = api.position()
    for what, role, method, url, kwargs, status, field in REJECTED:
        answer = api.call(role, method, url.format(ref="fresh"), **kwargs)
        assert_problem(answer, status, field, what)
        assert api.position() == before, what
    assert api.call("admin", "GET", "/v1/subjects/fresh/history").status_code == 404


def test_a_rejected_answer_of_a_known_subject_leaves_its_history_as_it_was(api: Api) -> None:
    define_purposes(api)
    assert (
        give(api, "known", birth_date="2015-02-01", guardian=True, separate=True).status_code == 201
    )
    history = api.call("admin", "GET", "/v1/subjects/known/history").json()
    before = api.position()
    child = give(api, "known", purpose="payroll")
    assert_problem(child, 422, "guardian")
    no_separate = give(api, "known", purpose="health", guardian=True)
    assert_problem(no_separate, 422, "separate")
    assert api.position() == before
    assert api.call("admin", "GET", "/v1/subjects/known/history").json() == history


def test_a_retired_purpose_takes_no_new_consent(api: Api) -> None:
    define_purposes(api)
    assert api.call("admin", "DELETE", "/v1/purposes/health").status_code == 200
    before = api.position()
    answer = give(api, "late", purpose="health", separate=True)
    assert_problem(answer, 422, "purpose")
    assert api.position() == before
    for method, body in (("PUT", HEALTH), ("DELETE", None)):
        answer = api.call("admin", method, "/v1/purposes/health", json=body)
        assert_problem(answer, 422, "purpose", f"{method} of a retired purpose")
    assert api.position() == before


def test_unknown_paths_and_methods_are_problems(api: Api) -> None:
    missing = api.call("admin", "GET", "/v1/nothing-here")
    assert_problem(missing, 404, "")
    wrong_method = api.call("admin", "PATCH", "/v1/purposes/newsletter", json={})
    assert_problem(wrong_method, 405, "")

"""Every route × every role × no key × an unknown key answers 2xx, 401 or 403 as listed here.

The route list comes from the app itself: a route added without an entry in `MATRIX` fails
`test_every_route_has_an_entry`, and an entry for a route that no longer exists fails too.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import pytest
from api_harness import NEWSLETTER, ROLES, Api, define_purposes, give
from fastapi.routing import iter_route_contexts
from starlette.routing import Mount

PUBLIC = frozenset({"admin", "staff", "system", "regulator", None, "unknown"})
EVERY_ROLE = frozenset(ROLES)
WRITERS = frozenset({"admin", "staff", "system"})
PEOPLE = frozenset({"admin", "staff", "regulator"})
AUDITORS = frozenset({"admin", "regulator"})
ADMIN = frozenset({"admin"})
CALLERS = (*ROLES, None, "unknown")
QUESTION = {"question": "May consent be withdrawn?"}

Prepare = Callable[[Api, str | None, int], tuple[str, dict[str, Any]]]


def fixed(url: str, **kwargs: Any) -> Prepare:
    return lambda api, role, n: (url, kwargs)


def new_purpose(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    return f"/v1/purposes/p-{n}", {"json": NEWSLETTER}


def defined_purpose(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    assert api.call("admin", "PUT", f"/v1/purposes/p-{n}", json=NEWSLETTER).status_code == 201
    return f"/v1/purposes/p-{n}", {}


def new_subject(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    return f"/v1/subjects/s-{n}", {"json": {"name": "Chen"}}


def new_consent(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    return f"/v1/subjects/s-{n}/consents", {"json": {"purpose": "newsletter", "status": "given"}}


def session(suffix: str = "", **kwargs: Any) -> Prepare:
    def prepare(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
        owner = role if role in EVERY_ROLE else "admin"
        opened = api.call(owner, "POST", "/v1/assistant/sessions")
        assert opened.status_code == 201, opened.text
        return f"/v1/assistant/sessions/{opened.json()['session_id']}{suffix}", kwargs

    return prepare


@dataclass(frozen=True)
class Entry:
    allowed: frozenset[str | None]
    prepare: Prepare = field(default=fixed(""))


MATRIX: dict[tuple[str, str], Entry] = {
    ("GET", "/openapi.json"): Entry(PUBLIC, fixed("/openapi.json")),
    ("GET", "/docs"): Entry(PUBLIC, fixed("/docs")),
    ("GET", "/docs/oauth2-redirect"): Entry(PUBLIC, fixed("/docs/oauth2-redirect")),
    ("GET", "/redoc"): Entry(PUBLIC, fixed("/redoc")),
    ("GET", "/"): Entry(PUBLIC, fixed("/")),
    ("GET", "/static"): Entry(PUBLIC, fixed("/static/app.js")),
    ("GET", "/healthz"): Entry(PUBLIC, fixed("/healthz")),
    ("GET", "/readyz"): Entry(PUBLIC, fixed("/readyz")),
    ("GET", "/metrics"): Entry(PUBLIC, fixed("/metrics")),
    ("GET", "/v1/whoami"): Entry(EVERY_ROLE, fixed("/v1/whoami")),
    ("PUT", "/v1/purposes/{purpose_id}"): Entry(ADMIN, new_purpose),
    ("GET", "/v1/purposes"): Entry(EVERY_ROLE, fixed("/v1/purposes")),
    ("GET", "/v1/purposes/{purpose_id}"): Entry(EVERY_ROLE, fixed("/v1/purposes/newsletter")),
    ("DELETE", "/v1/purposes/{purpose_id}"): Entry(ADMIN, defined_purpose),
    ("PUT", "/v1/subjects/{ref}"): Entry(WRITERS, new_subject),
    ("POST", "/v1/subjects/{ref}/consents"): Entry(WRITERS, new_consent),
    ("GET", "/v1/subjects/{ref}/consents"): Entry(EVERY_ROLE, fixed("/v1/subjects/known/consents")),
    ("GET", "/v1/subjects/{ref}/permission"): Entry(
        WRITERS, fixed("/v1/subjects/known/permission", params={"purpose": "newsletter"})
    ),
    ("GET", "/v1/subjects/{ref}/history"): Entry(PEOPLE, fixed("/v1/subjects/known/history")),
    ("GET", "/v1/audit/events"): Entry(AUDITORS, fixed("/v1/audit/events")),
    ("GET", "/v1/audit/access-log"): Entry(AUDITORS, fixed("/v1/audit/access-log")),
    ("GET", "/v1/audit/verify"): Entry(AUDITORS, fixed("/v1/audit/verify")),
    ("GET", "/v1/audit/export"): Entry(AUDITORS, fixed("/v1/audit/export")),
    # The public key only verifies exports; it is meant to be handed out.
    ("GET", "/v1/audit/public-key"): Entry(PUBLIC, fixed("/v1/audit/public-key")),
    ("POST", "/v1/assistant/ask"): Entry(EVERY_ROLE, fixed("/v1/assistant/ask", json=QUESTION)),
    ("POST", "/v1/assistant/ask/stream"): Entry(
        EVERY_ROLE, fixed("/v1/assistant/ask/stream", json=QUESTION)
    ),
    ("POST", "/v1/assistant/sessions"): Entry(EVERY_ROLE, fixed("/v1/assistant/sessions")),
    ("GET", "/v1/assistant/sessions/{session_id}"): Entry(EVERY_ROLE, session()),
    ("POST", "/v1/assistant/sessions/{session_id}/ask"): Entry(
        EVERY_ROLE, session("/ask", json=QUESTION)
    ),
    ("DELETE", "/v1/assistant/sessions/{session_id}"): Entry(EVERY_ROLE, session()),
    ("GET", "/v1/assistant/advice"): Entry(AUDITORS, fixed("/v1/assistant/advice")),
}


def app_routes(api: Api) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves, mounts included (as GET)."""
    found = set()
    for route in iter_route_contexts(api.app.routes):
        if isinstance(route.original_route, Mount):
            found.add(("GET", str(route.path)))
            continue
        found.update(
            (method, str(route.path)) for method in route.methods or () if method != "HEAD"
        )
    return found


@pytest.fixture()
def matrix_api(make_api: Any) -> Any:
    with make_api(assistant=True) as api:
        define_purposes(api)
        assert give(api, "known").status_code == 201
        yield api


def test_every_route_has_an_entry(matrix_api: Api) -> None:
    routes = app_routes(matrix_api)
    assert routes - MATRIX.keys() == set(), "routes without an authorization entry"
    assert MATRIX.keys() - routes == set(), "entries for routes the app does not serve"


def expected_status(entry: Entry, caller: str | None) -> str:
    if caller in entry.allowed:
        return "2xx"
    return "401" if caller in (None, "unknown") else "403"


def test_authorization_matrix(matrix_api: Api) -> None:
    numbers = count(1)
    mismatches = []
    for (method, _), entry in sorted(MATRIX.items()):
        for caller in CALLERS:
            url, kwargs = entry.prepare(matrix_api, caller, next(numbers))
            answer = matrix_api.call(caller, method, url, **kwargs)
            got = "2xx" if 200 <= answer.status_code < 300 else str(answer.status_code)
            want = expected_status(entry, caller)
            if got != want:
                mismatches.append(f"{method} {url} as {caller}: {got}, want {want}")
            elif got != "2xx":
                problem = answer.json()
                assert answer.headers["content-type"] == "application/problem+json"
                assert problem["status"] == answer.status_code
                assert problem["code"] == ("unauthenticated" if got == "401" else "forbidden")
    assert mismatches == []


def test_unauthenticated_answers_name_the_header(matrix_api: Api) -> None:
    for header in ("", "Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token abc"):
        answer = matrix_api.client.get(
            "/v1/subjects/known/consents", headers={"Authorization": header} if header else {}
        )
        assert answer.status_code == 401, header
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json()["errors"][0]["field"] == "Authorization"

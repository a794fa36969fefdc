"""Every route × every role × no key × an unknown key answers 2xx, 401 or 403 as listed here.

The route list comes from the app itself: a route added without an entry in `MATRIX` fails
`test_every_route_has_an_entry`, and an entry for a route that no longer exists fails too.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
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
COMPLIANCE = frozenset({"admin", "staff"})
CALLERS = (*ROLES, None, "unknown")
QUESTION = {"question": "May consent be withdrawn?"}
YESTERDAY = (date.today() - timedelta(days=1)).isoformat()
FLOW = {
    "destination": "SG",
    "recipient": "Acme Support Pte Ltd",
    "recipient_contact": "privacy@acme.example.sg",
    "purposes": ["newsletter"],
    "data_categories": ["email"],
    "individuals": 200_000,
}
ASSESSMENT = {key: FLOW[key] for key in ("destination", "recipient", "purposes", "individuals")}
ASSESSMENT["controller"] = "default"
MECHANISM = {"kind": "standard_contract", "date": YESTERDAY, "reference": "SC-1"}
CATEGORY = {"level": "personal", "rationale": "contact data"}
NOTICE = {"customer_ref": "known", "status": "sent", "channel": "sms"}
NOTIFICATION = {"to": "authority", "recipient": "provincial CAC", "channel": "12387"}

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


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def created(api: Api, url: str, body: dict[str, Any]) -> None:
    answer = api.call("admin", "POST", url, json=body)
    assert answer.status_code == 201, (url, answer.text)


def incident(
    suffix: str = "", body: Callable[[], dict[str, Any]] | None = None, closed: bool = False
) -> Prepare:
    """An incident opened two hours after its discovery; `body` is made when the request is
    (its times fall between the discovery and now)."""

    def prepare(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
        opened = {
            "incident": f"inc-{n}",
            "title": "lost laptop",
            "severity": "general",
            "discovered_at": ago(hours=2),
            "subjects_affected": 3,
        }
        created(api, "/v1/incidents", opened)
        if closed:
            ending = {"conclusion": "contained", "handling_ended_at": ago(minutes=5)}
            done = api.call("admin", "POST", f"/v1/incidents/inc-{n}/close", json=ending)
            assert done.status_code == 200, done.text
        return f"/v1/incidents/inc-{n}{suffix}", {"json": body()} if body is not None else {}

    return prepare


def seller(api: Api, n: int) -> dict[str, Any]:
    """A controller of its own with one customer: one succession at a time per controller."""
    api.services.registry.controllers.register_controller(
        f"seller-{n}", name="Seller Ltd", contact="dpo@seller.example", jurisdiction="CN"
    )
    body = {"purpose": "newsletter", "status": "given", "controller": f"seller-{n}"}
    assert api.call("admin", "POST", "/v1/subjects/known/consents", json=body).status_code == 201
    return {
        "succession": f"sc-{n}",
        "from_controller": f"seller-{n}",
        "to_controller": "buyer",
        "reason": "merger",
        "effective_on": YESTERDAY,
        "customer_refs": ["known"],
    }


def notices() -> dict[str, Any]:
    """The notice to `known`, sent now: after the succession started."""
    return {"notices": [NOTICE | {"at": datetime.now(UTC).isoformat()}]}


def succession(
    suffix: str = "", body: Callable[[], dict[str, Any]] | None = None, stage: str = "started"
) -> Prepare:
    """A succession started by the admin; executed, or executed with its notice sent too;
    `body` is made when the request is."""

    def prepare(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
        created(api, "/v1/successions", seller(api, n))
        steps = {"started": [], "executed": ["execute"], "noticed": ["execute", "notices"]}
        for step in steps[stage]:
            payload = notices() if step == "notices" else None
            done = api.call("admin", "POST", f"/v1/successions/sc-{n}/{step}", json=payload)
            assert done.status_code == 200, done.text
        return f"/v1/successions/sc-{n}{suffix}", {"json": body()} if body is not None else {}

    return prepare


def pipia(suffix: str = "", old: bool = False, **kwargs: Any) -> Prepare:
    def prepare(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
        completed = date.today() - timedelta(days=4 * 366 if old else 30)
        record = {
            "pipia": f"pa-{n}",
            "scope": "newsletter data",
            "conclusion": "fine",
            "outcome": "acceptable",
            "reviewer": "DPO",
            "completed_on": completed.isoformat(),
        }
        created(api, "/v1/pipias", record)
        return f"/v1/pipias/pa-{n}{suffix}", kwargs

    return prepare


def flow(suffix: str = "", body: dict[str, Any] | None = None, stage: str = "proposed") -> Prepare:
    """A flow proposed (and assessed) by the admin; with a mechanism, or approved too."""

    def prepare(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
        created(api, "/v1/flows", FLOW | {"flow": f"fl-{n}"})
        steps = {"proposed": [], "mechanism": ["mechanism"], "approved": ["mechanism", "approve"]}
        for step in steps[stage]:
            method, payload = ("PUT", MECHANISM) if step == "mechanism" else ("POST", {})
            done = api.call("admin", method, f"/v1/flows/fl-{n}/{step}", json=payload)
            assert done.status_code == 200, done.text
        return f"/v1/flows/fl-{n}{suffix}", {"json": body} if body is not None else {}

    return prepare


def new_pipia(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    body = {
        "pipia": f"new-{n}",
        "scope": "newsletter data",
        "conclusion": "fine",
        "outcome": "acceptable",
        "reviewer": "DPO",
        "completed_on": YESTERDAY,
    }
    return "/v1/pipias", {"json": body}


def new_controller(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    body = {
        "controller": f"co-{n}",
        "name": "Co",
        "contact": "dpo@co.example",
        "jurisdiction": "CN",
    }
    return "/v1/controllers", {"json": body}


def registered(new: Prepare, prefix: str, suffix: str = "", **kwargs: Any) -> Prepare:
    """The entry `new` would register, registered by the admin; its URL with `suffix`."""

    def prepare(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
        url, body = new(api, role, n)
        created(api, url, body["json"])
        return f"{url}/{prefix}-{n}{suffix}", kwargs

    return prepare


def new_processor(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    """Under contract for the flows' recipient and purpose, so that the flows stay allowed."""
    body = {
        "processor": f"pr-{n}",
        "role": "entrusted",
        "name": FLOW["recipient"],
        "contract_ref": f"DPA-{n}",
        "starts_on": "2000-01-01",
        "purposes": FLOW["purposes"],
        "country": FLOW["destination"],
    }
    return "/v1/processors", {"json": body}


def new_incident(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    body = {
        "incident": f"new-{n}",
        "title": "misdirected mail",
        "severity": "general",
        "discovered_at": ago(hours=1),
        "subjects_affected": 1,
    }
    return "/v1/incidents", {"json": body}


def erasable(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    assert give(api, f"gone-{n}").status_code == 201
    return f"/v1/subjects/gone-{n}", {}


@dataclass(frozen=True)
class Entry:
    allowed: frozenset[str | None]
    prepare: Prepare = field(default=fixed(""))


def response(api: Api, role: str | None, n: int) -> tuple[str, dict[str, Any]]:
    """A customer's answer, timed after the succession it answers started."""
    url, _ = succession("/responses", stage="executed")(api, role, n)
    answer = {"customer_ref": "known", "response": "acknowledged"}
    return url, {"json": {"responses": [answer | {"at": datetime.now(UTC).isoformat()}]}}


MATRIX: dict[tuple[str, str], Entry] = {
    ("GET", "/openapi.json"): Entry(PUBLIC, fixed("/openapi.json")),
    ("GET", "/docs"): Entry(PUBLIC, fixed("/docs")),
    ("GET", "/docs/assets"): Entry(PUBLIC, fixed("/docs/assets/swagger-ui-bundle.js")),
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
    ("GET", "/v1/assistant/passages"): Entry(
        EVERY_ROLE, fixed("/v1/assistant/passages", params={"source": "pipl-digest", "article": 15})
    ),
    ("DELETE", "/v1/subjects/{ref}"): Entry(ADMIN, erasable),
    ("POST", "/v1/transfers/assess"): Entry(
        WRITERS, fixed("/v1/transfers/assess", json=ASSESSMENT)
    ),
    ("POST", "/v1/flows"): Entry(
        WRITERS, lambda api, role, n: ("/v1/flows", {"json": FLOW | {"flow": f"new-{n}"}})
    ),
    ("GET", "/v1/flows"): Entry(EVERY_ROLE, fixed("/v1/flows")),
    ("GET", "/v1/flows/{flow}"): Entry(EVERY_ROLE, flow()),
    ("POST", "/v1/flows/{flow}/assess"): Entry(WRITERS, flow("/assess", {})),
    ("PUT", "/v1/flows/{flow}/mechanism"): Entry(WRITERS, flow("/mechanism", MECHANISM)),
    ("POST", "/v1/flows/{flow}/approve"): Entry(WRITERS, flow("/approve", {}, stage="mechanism")),
    ("POST", "/v1/flows/{flow}/suspend"): Entry(
        WRITERS, flow("/suspend", {"reason": "contract ended"}, stage="approved")
    ),
    ("POST", "/v1/flows/{flow}/subjects"): Entry(
        WRITERS,
        flow("/subjects", {"refs": ["known"], "consent_override": "contract"}, stage="approved"),
    ),
    ("GET", "/v1/controllers/{controller}/volumes"): Entry(
        EVERY_ROLE, fixed("/v1/controllers/default/volumes")
    ),
    ("PUT", "/v1/categories/{category}"): Entry(
        ADMIN, lambda api, role, n: (f"/v1/categories/cat-{n}", {"json": CATEGORY})
    ),
    ("GET", "/v1/categories"): Entry(EVERY_ROLE, fixed("/v1/categories")),
    ("GET", "/v1/categories/{category}"): Entry(EVERY_ROLE, fixed("/v1/categories/email")),
    ("POST", "/v1/pipias"): Entry(COMPLIANCE, new_pipia),
    ("GET", "/v1/pipias"): Entry(PEOPLE, fixed("/v1/pipias")),
    ("GET", "/v1/pipias/{pipia}"): Entry(PEOPLE, pipia()),
    ("POST", "/v1/pipias/{pipia}/links"): Entry(
        COMPLIANCE, pipia("/links", json={"purposes": ["newsletter"]})
    ),
    ("DELETE", "/v1/pipias/{pipia}"): Entry(ADMIN, pipia(old=True, params={"reason": "expired"})),
    ("POST", "/v1/incidents"): Entry(COMPLIANCE, new_incident),
    ("GET", "/v1/incidents"): Entry(PEOPLE, fixed("/v1/incidents")),
    ("GET", "/v1/incidents/{incident}"): Entry(PEOPLE, incident()),
    ("POST", "/v1/incidents/{incident}/measures"): Entry(
        COMPLIANCE,
        incident("/measures", lambda: {"measure": "password reset", "taken_at": ago(hours=1)}),
    ),
    ("POST", "/v1/incidents/{incident}/notifications"): Entry(
        COMPLIANCE, incident("/notifications", lambda: NOTIFICATION | {"at": ago(minutes=30)})
    ),
    ("POST", "/v1/incidents/{incident}/waiver"): Entry(
        COMPLIANCE, incident("/waiver", lambda: {"reason": "no risk to the individuals"})
    ),
    ("POST", "/v1/incidents/{incident}/grade"): Entry(
        COMPLIANCE, incident("/grade", lambda: {"severity": "major", "reason": "more records"})
    ),
    ("POST", "/v1/incidents/{incident}/close"): Entry(
        COMPLIANCE,
        incident(
            "/close", lambda: {"conclusion": "contained", "handling_ended_at": ago(minutes=5)}
        ),
    ),
    ("POST", "/v1/incidents/{incident}/summary"): Entry(
        COMPLIANCE, incident("/summary", lambda: {"reported_at": ago(minutes=1)}, closed=True)
    ),
    ("POST", "/v1/successions"): Entry(
        ADMIN, lambda api, role, n: ("/v1/successions", {"json": seller(api, n)})
    ),
    ("GET", "/v1/successions"): Entry(PEOPLE, fixed("/v1/successions")),
    ("GET", "/v1/successions/{succession}"): Entry(PEOPLE, succession()),
    ("POST", "/v1/successions/{succession}/execute"): Entry(ADMIN, succession("/execute")),
    ("POST", "/v1/successions/{succession}/notices"): Entry(
        WRITERS, succession("/notices", notices, stage="executed")
    ),
    ("POST", "/v1/successions/{succession}/responses"): Entry(WRITERS, response),
    ("GET", "/v1/due"): Entry(PEOPLE, fixed("/v1/due", params={"until": YESTERDAY})),
    ("POST", "/v1/successions/{succession}/exceptions"): Entry(
        COMPLIANCE,
        succession(
            "/exceptions",
            lambda: {"customer_refs": ["known"], "reason": "objected"},
            stage="executed",
        ),
    ),
    ("POST", "/v1/successions/{succession}/complete"): Entry(
        ADMIN, succession("/complete", stage="noticed")
    ),
    ("POST", "/v1/controllers"): Entry(COMPLIANCE, new_controller),
    ("GET", "/v1/controllers"): Entry(PEOPLE, fixed("/v1/controllers")),
    ("GET", "/v1/controllers/{controller}"): Entry(PEOPLE, registered(new_controller, "co")),
    ("PATCH", "/v1/controllers/{controller}"): Entry(
        COMPLIANCE, registered(new_controller, "co", json={"ciio": True})
    ),
    ("POST", "/v1/processors"): Entry(COMPLIANCE, new_processor),
    ("GET", "/v1/processors"): Entry(PEOPLE, fixed("/v1/processors")),
    ("GET", "/v1/processors/{processor}"): Entry(PEOPLE, registered(new_processor, "pr")),
    ("PATCH", "/v1/processors/{processor}"): Entry(
        COMPLIANCE, registered(new_processor, "pr", json={"security_measures": ["encryption"]})
    ),
    ("POST", "/v1/processors/{processor}/end"): Entry(
        COMPLIANCE,
        registered(new_processor, "pr", "/end", json={"ended_on": YESTERDAY, "reason": "ended"}),
    ),
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
        api.services.registry.controllers.register_controller(
            "buyer", name="Buyer Ltd", contact="dpo@buyer.example", jurisdiction="CN"
        )
        assert api.call("admin", "PUT", "/v1/categories/email", json=CATEGORY).status_code == 201
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
        request: tuple[str, dict[str, Any]] | None = None
        for caller in CALLERS:  # the admin, first, may call every route
            if caller in entry.allowed or request is None:
                request = entry.prepare(matrix_api, caller, next(numbers))
            # A refused caller sends the request an allowed one sent (its resource may be
            # used up by now): keys and roles are checked before anything is looked up.
            url, kwargs = request
            answer = matrix_api.call(caller, method, url, **kwargs)
            got = "2xx" if 200 <= answer.status_code < 300 else str(answer.status_code)
            want = expected_status(entry, caller)
            if got != want:
                mismatches.append(f"{method} {url} as {caller}: {got}, want {want}: {answer.text}")
            elif got != "2xx":
                problem = answer.json()
                assert answer.headers["content-type"] == "application/problem+json"
                assert problem["status"] == answer.status_code
                assert problem["code"] == ("unauthenticated" if got == "401" else "forbidden")
    assert not mismatches, "\n".join(mismatches)


def test_unauthenticated_answers_name_the_header(matrix_api: Api) -> None:
    for header in ("", "Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token abc"):
        answer = matrix_api.client.get(
            "/v1/subjects/known/consents", headers={"Authorization": header} if header else {}
        )
        assert answer.status_code == 401, header
        assert answer.headers["www-authenticate"] == "Bearer"
        assert answer.json()["errors"][0]["field"] == "Authorization"

"""A company transfer as the people who run it do it, over a real `consentry serve`.

OldCo's customers (1,000: some with sensitive data, some under 14, some sending data abroad)
move to NewCo in a merger that changes one purpose. Staff register both companies and the
processor abroad, plan and execute the transfer, work from the notice list, record the
customers' responses and NewCo's new consents, complete it, and read the due list; the old
controller's writes for customers who moved are refused. Bad input at each step gets
problem+json naming the field, and writes nothing.
"""

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from served_api import Served, serve

KEYS = {
    "admin": "journey-admin-0001",
    "staff": "journey-staff-0002",
    "system": "journey-system-0003",
    "regulator": "journey-regulator-0004",
}
CUSTOMERS = 1_000
TODAY = datetime.now(UTC).date()
SUCCESSION = "/v1/successions/oldco-into-newco"
OLDCO = {
    "controller": "oldco",
    "name": "OldCo Retail (Hangzhou) Ltd",
    "contact": "88 Wensan Road, Hangzhou; privacy@oldco.example",
    "jurisdiction": "CN",
    "dpo_contact": "dpo@oldco.example",
}
NEWCO = {
    "controller": "newco",
    "name": "NewCo Holdings (Shenzhen) Ltd",
    "contact": "1 Keyuan Road, Shenzhen; privacy@newco.example",
    "jurisdiction": "CN",
    "dpo_contact": "dpo@newco.example",
}
SUPPORT = {
    "processor": "sg-support",
    "role": "entrusted",
    "name": "Acme Support Pte Ltd",
    "contract_ref": "DPA-2026-07",
    "starts_on": (TODAY - timedelta(days=90)).isoformat(),
    "until": (TODAY + timedelta(days=700)).isoformat(),
    "purposes": ["support-abroad"],
    "data_categories": ["contact", "order-history"],
    "security_measures": ["encryption in transit and at rest", "access logging"],
    "country": "SG",
}
PURPOSES = {
    "newsletter": {"name": "Newsletter", "lawful_basis": "consent", "data_categories": ["email"]},
    "marketing": {
        "name": "Personalised offers",
        "lawful_basis": "consent",
        "data_categories": ["order-history"],
    },
    "marketing-v2": {
        "name": "Offers across NewCo's brands",
        "lawful_basis": "consent",
        "data_categories": ["order-history", "brand-accounts"],
    },
    "health": {
        "name": "Pharmacy reminders",
        "lawful_basis": "consent",
        "sensitive": True,
        "data_categories": ["prescriptions"],
    },
    "support-abroad": {
        "name": "Customer support from Singapore",
        "lawful_basis": "consent",
        "separate_consent_reasons": ["cross_border"],
        "data_categories": ["contact", "order-history"],
    },
}


def ref(n: int) -> str:
    return f"OC-{n:05d}"


def is_child(n: int) -> bool:
    return n % 25 == 0


def has_health(n: int) -> bool:
    return n % 10 == 3


def abroad(n: int) -> bool:
    return n % 5 == 1


def ago(**delta: float) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def refused(answer: httpx.Response, status: int, field: str) -> dict[str, Any]:
    """The answer is problem+json with `status` and names `field`."""
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = answer.json()
    assert field in [error["field"] for error in body.get("errors", [])], body
    return body


class Journey:
    def __init__(self, served: Served) -> None:
        self.clients = {role: served.client(key) for role, key in KEYS.items()}

    def __call__(self, role: str, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self.clients[role].request(method, url, **kwargs)

    def position(self) -> int:
        """The event log's last position, as the service reports it."""
        return int(self("admin", "GET", "/readyz").json()["position"])

    def close(self) -> None:
        for client in self.clients.values():
            client.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def journey(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    env = {
        "CONSENTRY_DATA_DIR": str(tmp_path / "data"),
        "CONSENTRY_API_KEYS": ",".join(f"{role}:{key}" for role, key in KEYS.items()),
        "CONSENTRY_RATE_LIMIT_PER_MINUTE": "0",
    }
    if request.param == "postgres":
        env["CONSENTRY_DATABASE_URL"] = request.getfixturevalue("postgres_database").url
        env["CONSENTRY_DATABASE_SCHEMA"] = request.getfixturevalue("postgres_schema")
    with serve(tmp_path, env) as served:
        steps = Journey(served)
        try:
            yield steps
        finally:
            steps.close()


def test_a_company_transfer_end_to_end(journey: Journey) -> None:
    register_the_companies(journey)
    define_the_purposes(journey)
    take_on_the_customers(journey)
    plan_and_execute(journey)
    work_from_the_notice_list(journey)
    record_responses_and_new_consents(journey)
    complete_and_refuse_the_old_controller(journey)
    read_the_due_list(journey)


def register_the_companies(journey: Journey) -> None:
    for body in (OLDCO, NEWCO):
        created = journey("admin", "POST", "/v1/controllers", json=body)
        assert created.status_code == 201, created.text
    refused(journey("admin", "POST", "/v1/controllers", json=NEWCO), 409, "controller")
    bad = NEWCO | {"controller": "thirdco", "jurisdiction": "XX"}
    refused(journey("admin", "POST", "/v1/controllers", json=bad), 422, "jurisdiction")
    assert journey("staff", "GET", "/v1/controllers/thirdco").status_code == 404
    newco = journey("staff", "GET", "/v1/controllers/newco").json()
    assert (newco["name"], newco["contact"]) == (NEWCO["name"], NEWCO["contact"])

    created = journey("staff", "POST", "/v1/processors", json=SUPPORT)
    assert created.status_code == 201, created.text
    bad = SUPPORT | {"processor": "other", "country": "XX"}
    refused(journey("staff", "POST", "/v1/processors", json=bad), 422, "country")


def define_the_purposes(journey: Journey) -> None:
    for purpose_id, body in PURPOSES.items():
        defined = journey("admin", "PUT", f"/v1/purposes/{purpose_id}", json=body)
        assert defined.status_code == 201, defined.text
    bad = PURPOSES["newsletter"] | {"lawful_basis": "because"}
    refused(journey("admin", "PUT", "/v1/purposes/spam", json=bad), 422, "lawful_basis")
    assert journey("staff", "GET", "/v1/purposes/spam").status_code == 404


def consent(journey: Journey, n: int, purpose: str, **fields: Any) -> httpx.Response:
    body = {"purpose": purpose, "status": "given", "controller": "oldco", "channel": "app"}
    return journey("staff", "POST", f"/v1/subjects/{ref(n)}/consents", json=body | fields)


def take_on_the_customers(journey: Journey) -> None:
    for n in range(CUSTOMERS):
        details: dict[str, Any] = {
            "controller": "oldco",
            "name": f"Customer {n}",
            "contact": f"customer{n}@example.cn",
        }
        if is_child(n):
            details["birth_date"] = date(TODAY.year - 10, 3, 1).isoformat()
        registered = journey("staff", "PUT", f"/v1/subjects/{ref(n)}", json=details)
        assert registered.status_code == 201, registered.text
        child = {"guardian": True, "separate": True} if is_child(n) else {}
        valid = {"valid_until": ago(days=-30)} if n % 100 == 7 else {}
        for purpose in ("newsletter", "marketing"):
            answer = consent(journey, n, purpose, language="zh-CN", **child, **valid)
            assert answer.status_code == 201, answer.text
        if has_health(n):
            assert consent(journey, n, "health", separate=True, **child).status_code == 201
        if abroad(n):
            assert consent(journey, n, "support-abroad", separate=True, **child).status_code == 201

    before = journey.position()
    refused(consent(journey, 1, "newsletter", language="!!not a lang"), 422, "language")
    refused(consent(journey, 3, "health"), 422, "separate")  # sensitive: separate consent
    refused(consent(journey, 25, "newsletter"), 422, "guardian")  # a child of ten
    assert journey.position() == before

    sent = journey(
        "system",
        "GET",
        f"/v1/subjects/{ref(1)}/permission",
        params={
            "purpose": "support-abroad",
            "controller": "oldco",
            "destination": "SG",
            "recipient": "Acme Support Pte Ltd",
        },
    ).json()
    codes = {reason["code"] for reason in sent["reasons"]}
    assert "processor_contract_in_force" in codes, sent


def plan_and_execute(journey: Journey) -> None:
    plan = {
        "succession": "oldco-into-newco",
        "from_controller": "oldco",
        "to_controller": "newco",
        "reason": "merger",
        "effective_on": (TODAY - timedelta(days=1)).isoformat(),
        "purposes": [
            {"purpose": "newsletter", "fate": "kept"},
            {"purpose": "marketing", "fate": "changed", "new_purpose": "marketing-v2"},
            {"purpose": "health", "fate": "kept"},
            {"purpose": "support-abroad", "fate": "kept"},
        ],
    }
    before = journey.position()
    unknown = plan | {"to_controller": "nobody"}
    answer = journey("admin", "POST", "/v1/successions", json=unknown)
    assert answer.status_code in (404, 422), answer.text
    assert [e["field"] for e in answer.json()["errors"]] == ["to_controller"]
    assert journey.position() == before

    started = journey("admin", "POST", "/v1/successions", json=plan)
    assert started.status_code == 201, started.text
    assert started.json()["recipient"] == {"name": NEWCO["name"], "contact": NEWCO["contact"]}
    done = journey("admin", "POST", f"{SUCCESSION}/execute", timeout=600)
    assert done.status_code == 200, done.text
    assert (done.json()["subjects"], done.json()["consents_invalidated"]) == (CUSTOMERS, CUSTOMERS)

    moved = journey(
        "system",
        "GET",
        f"/v1/subjects/{ref(2)}/permission",
        params={"purpose": "marketing", "controller": "newco"},
    ).json()
    assert moved["allowed"] is False
    kept = journey(
        "system",
        "GET",
        f"/v1/subjects/{ref(2)}/permission",
        params={"purpose": "newsletter", "controller": "newco"},
    ).json()
    assert kept["allowed"] is True


def work_from_the_notice_list(journey: Journey) -> None:
    listed = journey("staff", "GET", SUCCESSION, params={"format": "csv"}, timeout=600)
    assert listed.status_code == 200, listed.text
    lines = rows(listed.text)
    assert len(lines) == CUSTOMERS
    by_ref = {line["customer_ref"]: line for line in lines}
    assert (by_ref[ref(42)]["name"], by_ref[ref(42)]["contact"]) == (
        "Customer 42",
        "customer42@example.cn",
    )
    assert {line["notice"] for line in lines} == {"pending"}
    for_regulator = rows(journey("regulator", "GET", SUCCESSION, params={"format": "csv"}).text)
    assert {(line["name"], line["contact"]) for line in for_regulator} == {("", "")}

    at = ago(seconds=0)  # sent once the transfer was recorded
    notices = [
        {
            "customer_ref": ref(n),
            "status": "failed" if n % 50 == 9 else "sent",
            "at": at,
            "channel": "sms",
            **({"reason": "number not in service"} if n % 50 == 9 else {}),
        }
        for n in range(CUSTOMERS)
    ]
    before = journey.position()
    wrong = [*notices[:1], {"customer_ref": "OC-99999", "status": "sent", "at": at}]
    body = refused(
        journey("system", "POST", f"{SUCCESSION}/notices", json={"notices": wrong}),
        422,
        "customer_ref",
    )
    assert "OC-99999" in body["detail"]
    early = [notices[0] | {"at": ago(days=30)}]
    refused(journey("system", "POST", f"{SUCCESSION}/notices", json={"notices": early}), 422, "at")
    assert journey.position() == before

    sent = journey("system", "POST", f"{SUCCESSION}/notices", json={"notices": notices})
    assert sent.status_code == 200, sent.text
    failed = [ref(n) for n in range(CUSTOMERS) if n % 50 == 9]
    body = {"customer_refs": failed, "reason": "announced in the national press"}
    excepted = journey("staff", "POST", f"{SUCCESSION}/exceptions", json=body)
    assert excepted.status_code == 200, excepted.text


def record_responses_and_new_consents(journey: Journey) -> None:
    at = ago(seconds=0)
    responses = [
        {"customer_ref": ref(n), "response": kind, "at": at, "channel": "app"}
        for n, kind in [(4, "acknowledged"), (6, "objected"), (8, "withdrew"), (10, "erasure")]
    ]
    bad = [*responses[:1], {"customer_ref": ref(12), "response": "shrugged", "at": at}]
    before = journey.position()
    answer = journey("staff", "POST", f"{SUCCESSION}/responses", json={"responses": bad})
    assert answer.status_code == 422, answer.text
    assert journey.position() == before
    recorded = journey("staff", "POST", f"{SUCCESSION}/responses", json={"responses": responses})
    assert recorded.status_code == 200, recorded.text

    again = [n for n in range(CUSTOMERS) if n % 4 == 0 and n not in (4, 8, 10)][:100]
    for n in again:
        child = {"guardian": True, "separate": True} if is_child(n) else {}
        body = {"purpose": "marketing-v2", "status": "given", "controller": "newco", **child}
        answer = journey("staff", "POST", f"/v1/subjects/{ref(n)}/consents", json=body)
        assert answer.status_code == 201, answer.text

    report = journey("regulator", "GET", SUCCESSION, params={"subjects": "false"}).json()
    failed = len([n for n in range(CUSTOMERS) if n % 50 == 9])
    assert report["notices"]["sent"] == CUSTOMERS - failed
    assert report["standing"] == {
        "notified": CUSTOMERS - failed,
        "responded": 4,
        "re_consented": len(again),
        "exceptions": failed,
    }
    assert report["responses"]["objected"] == 1
    withdrawn = journey(
        "system",
        "GET",
        f"/v1/subjects/{ref(8)}/permission",
        params={"purpose": "newsletter", "controller": "newco"},
    ).json()
    assert withdrawn["allowed"] is False


def complete_and_refuse_the_old_controller(journey: Journey) -> None:
    done = journey("admin", "POST", f"{SUCCESSION}/complete")
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    before = journey.position()
    late = consent(journey, 20, "newsletter")
    body = refused(late, 409, "controller")
    assert "newco" in body["detail"]
    assert journey.position() == before


def read_the_due_list(journey: Journey) -> None:
    until = (TODAY + timedelta(days=60)).isoformat()
    due = journey("regulator", "GET", "/v1/due", params={"until": until})
    assert due.status_code == 200, due.text
    items = due.json()["items"]
    assert [item["due_on"] for item in items] == sorted(item["due_on"] for item in items)
    expiring = [item for item in items if item["kind"].startswith("consent")]
    # Their newsletter consents; the marketing ones were voided by the transfer (changed purpose).
    assert sum(item["count"] for item in expiring) == len(
        [n for n in range(CUSTOMERS) if n % 100 == 7]
    )
    assert all(item["article"] for item in items)
    refused(journey("regulator", "GET", "/v1/due", params={"until": "soon"}), 422, "until")

"""What the browser tests find in the registry, written through the HTTP API as admin.

Customer C-1001 of the default controller gave consent to marketing on 2024-01-10 and
withdrew it on 2024-06-01, and gave separate consent to support from abroad on 2024-02-01:
the state on 2024-03-01 differs from today's. An approved data flow to Singapore for that
support includes the customer since 2024-04-05, so sending their data there is allowed and
the controller's 2024 volume counts one person.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

CUSTOMER = "C-1001"
PURPOSES = {
    "marketing": {
        "name": "Marketing e-mails",
        "description": "Offers and news by e-mail",
        "lawful_basis": "consent",
        "data_categories": ["contact"],
        "sensitive": False,
        "requires_separate_consent": False,
        "retention_days": 365,
    },
    "support_abroad": {
        "name": "Customer support from the Singapore centre",
        "description": "Support tickets handled by the group's centre abroad",
        "lawful_basis": "consent",
        "data_categories": ["contact", "orders"],
        "sensitive": False,
        "requires_separate_consent": True,
        "separate_consent_reasons": ["cross_border"],
        "retention_days": 730,
    },
}
CONTROLLER = "default"
FLOW = {
    "flow": "sg-support",
    "destination": "SG",
    "recipient": "Acme Support Pte Ltd",
    "recipient_contact": "privacy@support.example",
    "purposes": ["support_abroad"],
    "data_categories": ["contact", "orders"],
    "individuals": 1,
    "date": "2024-04-01",
}
CONSENTS = [
    ("marketing", "given", "2024-01-10T09:00:00+00:00", False),
    ("support_abroad", "given", "2024-02-01T09:00:00+00:00", True),
    ("marketing", "withdrawn", "2024-06-01T10:00:00+00:00", False),
]


@dataclass(frozen=True)
class SeededRegistry:
    customer: str
    controller: str
    withdrawn_purpose: str
    transfer_purpose: str
    destination: str
    given_on: str
    withdrawn_on: str
    events: int


def _check(response: httpx.Response) -> httpx.Response:
    assert response.is_success, (
        f"{response.request.method} {response.request.url.path} answered "
        f"{response.status_code}: {response.text[:500]}"
    )
    return response


def _seed_flow(admin: httpx.Client) -> None:
    flow = f"/v1/flows/{FLOW['flow']}"
    _check(admin.post("/v1/flows", json=FLOW))
    _check(admin.post(f"{flow}/assess", json={"date": "2024-04-01"}))
    _check(admin.post(f"{flow}/approve", json={"date": "2024-04-05"}))
    included = {"refs": [CUSTOMER], "included_on": "2024-04-05"}
    _check(admin.post(f"{flow}/subjects", json=included))


def seed_registry(admin: httpx.Client) -> SeededRegistry:
    for purpose_id, terms in PURPOSES.items():
        _check(admin.put(f"/v1/purposes/{purpose_id}", json=terms))
    for purpose, status, occurred_at, separate in CONSENTS:
        consent = {
            "purpose": purpose,
            "status": status,
            "notice_version": "2024-01",
            "channel": "web",
            "separate": separate,
            "evidence": f"form-{purpose}-{status}",
            "occurred_at": occurred_at,
        }
        _check(admin.post(f"/v1/subjects/{CUSTOMER}/consents", json=consent))
    _seed_flow(admin)
    history = _check(admin.get(f"/v1/subjects/{CUSTOMER}/history")).json()
    return SeededRegistry(
        customer=CUSTOMER,
        controller=CONTROLLER,
        withdrawn_purpose="marketing",
        transfer_purpose="support_abroad",
        destination=str(FLOW["destination"]),
        given_on="2024-03-01",
        withdrawn_on="2024-06-01",
        events=len(history["events"]),
    )

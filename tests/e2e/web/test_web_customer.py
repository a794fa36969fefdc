"""Customer: consent per purpose today and on a past day, the timeline, the permission check."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from web_ui import go_to, shoot, shown, sign_in


def look_up(page: Page, ref: str) -> None:
    go_to(page, "Customer")
    shown(page).get_by_label("Customer reference").fill(ref)
    page.get_by_role("button", name="Look up").click()


def check(page: Page, purpose: str, destination: str) -> dict:
    page.get_by_label("Purpose", exact=True).fill(purpose)
    shown(page).get_by_label("Destination country").fill(destination)
    with page.expect_response(lambda r: "/permission?" in r.url) as checked:
        page.get_by_role("button", name="Check").click()
    assert checked.value.status == 200, checked.value.text()
    verdict: dict = checked.value.json()
    return verdict


def test_the_state_follows_the_as_of_date(page: Page, service, seeded) -> None:
    sign_in(page, service.keys["staff"])
    look_up(page, seeded.customer)
    marketing = page.locator(f'#consents-body tr[data-purpose="{seeded.withdrawn_purpose}"]')
    expect(marketing.locator(".status")).to_have_text("withdrawn")
    expect(page.locator("#consents-as-of")).to_have_text("Current state")

    page.get_by_label("State as of").fill(seeded.given_on)
    expect(marketing.locator(".status")).to_have_text("given")
    expect(page.locator("#consents-as-of")).to_contain_text(seeded.given_on)
    assert f"as_of={seeded.given_on}" in page.url

    events = page.locator("#timeline li.event")
    expect(events).to_have_count(seeded.events)
    expect(page.locator("#timeline .as-of-marker")).to_contain_text(seeded.given_on)
    withdrawal = events.filter(has_text="Consent withdrawn")
    expect(withdrawal).to_have_count(1)
    expect(withdrawal).to_have_class("event after")

    withdrawal.get_by_role("button", name=f"Show the state on {seeded.withdrawn_on}").click()
    expect(page.get_by_label("State as of")).to_have_value(seeded.withdrawn_on)
    expect(marketing.locator(".status")).to_have_text("withdrawn")

    page.get_by_role("button", name="Show now").click()
    expect(page.get_by_label("State as of")).to_have_value("")
    expect(page.locator("#consents-as-of")).to_have_text("Current state")


def test_the_permission_check_shows_its_reasons(page: Page, service, seeded) -> None:
    sign_in(page, service.keys["staff"])
    look_up(page, seeded.customer)
    verdict = check(page, seeded.withdrawn_purpose, seeded.destination.lower())

    assert verdict["allowed"] is False  # consent to marketing was withdrawn
    box = page.locator("#permission-result .verdict-box")
    expect(box.locator(".verdict-line")).to_have_text("✗ Not allowed")
    expect(box).to_contain_text(f"marketing, sent to {seeded.destination}")
    expect(box.locator("ul.reasons > li")).to_have_count(len(verdict["reasons"]))
    for reason in verdict["reasons"]:
        expect(box).to_contain_text(reason["message"])
        if reason.get("article"):
            expect(box).to_contain_text(reason["article"])

    verdict = check(page, seeded.transfer_purpose, seeded.destination)
    assert verdict["allowed"] is True  # separate consent and an approved flow to Singapore
    expect(box.locator(".verdict-line")).to_have_text("✓ Allowed")

    page.get_by_label("State as of").fill(seeded.given_on)
    expect(page.locator("#timeline .as-of-marker")).to_be_visible()
    shoot(page, "customer")


def test_an_unknown_customer_is_a_clear_error(page: Page, service, seeded) -> None:
    sign_in(page, service.keys["staff"])
    with page.expect_response(lambda r: "/consents" in r.url) as answered:
        look_up(page, "NO-SUCH-CUSTOMER")
    assert answered.value.status == 404
    problem = answered.value.json()
    alert = page.locator("#customer-form .problem")
    expect(alert).to_be_visible()
    expect(alert.locator(".problem-title")).to_have_text(f"{problem['title']} (404)")
    expect(alert).to_contain_text(problem["detail"])
    expect(page.locator("#customer-result")).to_be_hidden()

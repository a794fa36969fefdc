"""Sign-in and roles: a bad key is refused in place; each role sees only what it may."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from web_ui import go_to, open_pages, shoot, shown, sign_in

KEY_SLOT = "consentry.apiKey"


def test_an_unknown_key_is_refused_next_to_the_key_field(page: Page, service) -> None:
    sign_in(page, "not-a-key-of-this-service")
    alert = page.locator("#signin-form .problem")
    expect(alert.locator(".problem-title")).to_contain_text("(401)")
    key_field = page.get_by_label("API key")
    expect(key_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#signin-form .field .field-error")).to_be_visible()
    assert page.evaluate(f"sessionStorage.getItem('{KEY_SLOT}')") is None
    shoot(page, "sign-in")


def test_the_key_lives_in_the_tab_until_sign_out(page: Page, service) -> None:
    key = service.keys["staff"]
    sign_in(page, key)
    expect(page.locator("#who-role")).to_have_text("staff")
    assert page.evaluate(f"sessionStorage.getItem('{KEY_SLOT}')") == key
    page.reload()
    expect(page.locator("#who-role")).to_have_text("staff")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("API key")).to_be_focused()
    assert page.evaluate(f"sessionStorage.getItem('{KEY_SLOT}')") is None


def test_the_pages_work_from_the_keyboard(page: Page, service) -> None:
    open_pages(page)
    page.get_by_label("API key").focus()
    page.keyboard.type(service.keys["staff"])
    page.keyboard.press("Enter")
    expect(page.locator("#who-role")).to_have_text("staff")
    page.get_by_role("link", name="Customer").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Customer", level=1)).to_be_focused()
    page.keyboard.press("Tab")
    field = shown(page).get_by_label("Customer reference")
    expect(field).to_be_focused()
    outline = field.evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline != "none"


def test_a_role_without_history_rights_cannot_see_histories(page: Page, service, seeded) -> None:
    """The system role may read consents but not a customer's history nor the audit log."""
    sign_in(page, service.keys["system"])
    expect(page.locator("#who-role")).to_have_text("system")
    nav = page.get_by_role("navigation", name="Pages")
    expect(nav.get_by_role("link", name="Customer")).to_be_visible()
    expect(nav.get_by_role("link", name="Regulator")).to_be_hidden()

    go_to(page, "Customer")
    shown(page).get_by_label("Customer reference").fill(seeded.customer)
    page.get_by_role("button", name="Look up").click()
    expect(page.locator("#consents-body tbody tr").first).to_be_visible()
    timeline = page.locator("section[data-needs=history]")
    expect(timeline.locator(".denied-note")).to_have_text(
        "Your role (system) may not read a customer's history."
    )
    expect(page.locator("#timeline")).to_be_hidden()
    shoot(page, "customer-system-role")

    page.goto("/#/regulator")
    expect(page.get_by_role("heading", name="Not for your role")).to_be_visible()
    expect(page.locator("#denied-text")).to_contain_text("system")

    bearer = {"Authorization": f"Bearer {service.keys['system']}"}
    history = page.request.get(f"/v1/subjects/{seeded.customer}/history", headers=bearer)
    assert history.status == 403
    assert page.request.get("/v1/audit/events", headers=bearer).status == 403

"""Transfers: the assessment with its mechanism, reasons and articles; field errors in place."""

from __future__ import annotations

from playwright.sync_api import Page, Response, expect
from web_seed import CONTROLLER
from web_ui import go_to, shoot, sign_in


def assess(page: Page, key: str, destination: str, individuals: str) -> Response:
    sign_in(page, key)
    go_to(page, "Transfers")
    page.locator("#assess-controller").fill(CONTROLLER)
    page.locator("#assess-destination").fill(destination)
    page.get_by_label("Recipient").fill("Acme Support Pte Ltd")
    page.get_by_label("Purposes").fill("support_abroad")
    page.get_by_label("Data categories").fill("contact, orders")
    page.get_by_label("Individuals added").fill(individuals)
    page.get_by_label("Date of the transfer").fill("2024-06-01")
    with page.expect_response(lambda r: r.url.endswith("/v1/transfers/assess")) as assessed:
        page.get_by_role("button", name="Assess").click()
    return assessed.value


def counts(volumes: dict) -> dict[str, int]:
    """The figures the page shows as numbers (the year is a label, not a count)."""
    return {
        name: value
        for name, value in volumes.items()
        if isinstance(value, int) and not isinstance(value, bool) and name != "year"
    }


def test_an_assessment_shows_mechanism_reasons_and_articles(page: Page, service, seeded) -> None:
    assessed = assess(page, service.keys["staff"], "sg", "150000")
    assert assessed.status == 200, assessed.text()
    result = assessed.json()

    # 100,000 to 1,000,000 non-sensitive individuals after 2024-03-22 (CAC Provisions)
    assert result["mechanism"] == "standard_contract_or_certification"
    box = page.locator("#assess-result .verdict-box")
    expect(box).to_have_attribute("data-mechanism", result["mechanism"])
    expect(box.locator(".verdict-line")).to_have_text("Standard contract or certification")
    for reason in result["reasons"]:
        expect(box).to_contain_text(reason["article"])
    expect(box).to_contain_text(result["rule_version"])

    with service.client("staff") as staff:
        volumes = staff.get(f"/v1/controllers/{CONTROLLER}/volumes", params={"year": 2024})
    assert volumes.status_code == 200, volumes.text
    figures = counts(volumes.json())
    assert figures["non_sensitive"] == 1  # the seeded flow to Singapore includes one customer
    expect(page.locator("#volumes-controller")).to_have_value(CONTROLLER)
    page.locator("#volumes-year").fill("2024")
    page.get_by_role("button", name="Show volumes").click()
    stats = page.locator("#volumes-result .stats li")
    expect(stats).to_have_count(len(figures))
    for name, value in figures.items():
        figure = page.locator(f'#volumes-result li[data-count="{name}"]')
        expect(figure).to_contain_text(f"{value:,}")
    shoot(page, "transfers")


def test_a_bad_field_is_named_next_to_it(page: Page, service) -> None:
    assessed = assess(page, service.keys["staff"], "S1", "150000")
    assert assessed.status == 422, assessed.text()
    fields = [error["field"] for error in assessed.json()["errors"]]
    assert fields == ["destination"]
    destination = page.locator("#assess-destination")
    expect(destination).to_have_attribute("aria-invalid", "true")
    expect(destination).to_be_focused()
    note = page.locator("#assess-destination ~ .field-error")
    expect(note).to_be_visible()
    expect(page.locator("#assess-result")).to_be_empty()

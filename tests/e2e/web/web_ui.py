"""Steps the browser tests share: open the pages, sign in, take screenshots at both widths."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
WIDTHS = (1440, 375)


def open_pages(page: Page, path: str = "/") -> None:
    page.goto(path)
    expect(page.locator("body")).to_have_attribute("data-ready", "true")


def sign_in(page: Page, key: str) -> None:
    open_pages(page)
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()


def shown(page: Page) -> Locator:
    """The page on screen (the others are in the document too, hidden)."""
    return page.locator("main > .page:not([hidden])")


def go_to(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Pages").get_by_role("link", name=name).click()
    expect(page.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")


def shoot(page: Page, name: str) -> list[Path]:
    """Screenshot the whole page at 1440 and 375 px; the page must never scroll sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size or {"width": 1440, "height": 900}
    paths = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done(null)))")
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= width, f"{name} is {overflow} px wide in a {width} px window"
        path = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    page.set_viewport_size(original)
    return paths

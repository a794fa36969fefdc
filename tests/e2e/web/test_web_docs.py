"""The API docs page works with no network: every file it loads comes from the service."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Route, expect


def test_the_api_docs_work_with_no_network(page: Page, service) -> None:
    outside: list[str] = []

    def loopback_only(route: Route) -> None:
        """Anything not on this machine is refused, as on a machine without internet."""
        if urlsplit(route.request.url).hostname in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", loopback_only)
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Consentry")
    expect(page.locator(".opblock").first).to_be_visible()
    assert page.locator(".opblock").count() > 50  # one per operation of the API
    assert outside == []

    assert page.request.get("/redoc").status == 404  # ReDoc would load from its CDN

"""Regulator: the global log with filters, chain verification, the export, the advice log."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect
from web_ui import go_to, shoot, shown, sign_in


def test_the_regulator_reads_the_log_and_verifies_the_chain(page: Page, service, seeded) -> None:
    with service.client("regulator") as regulator:
        logged = regulator.get("/v1/audit/events", params={"limit": 1000}).json()["events"]
    sign_in(page, service.keys["regulator"])
    go_to(page, "Regulator")
    rows = page.locator("#events-body tbody tr")
    expect(rows).to_have_count(len(logged))

    page.get_by_label("Event type").fill("withdrawn")
    page.get_by_role("button", name="Show events").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Consent withdrawn")

    page.get_by_role("button", name="Clear filters").click()
    shown(page).get_by_label("Customer reference").fill(seeded.customer)
    page.get_by_role("button", name="Show events").click()
    expect(rows).to_have_count(seeded.events)

    with page.expect_response(lambda r: r.url.endswith("/v1/audit/verify")) as verified:
        page.get_by_role("button", name="Verify the chain").click()
    result = verified.value.json()
    assert result["ok"] is True and result["events_checked"] >= len(logged)
    box = page.locator("#verify-result .verdict-box")
    expect(box.locator(".verdict-line")).to_have_text("✓ The chain verifies")
    expect(box).to_contain_text(f"{result['events_checked']:,} events checked")
    expect(box).to_contain_text(result["head"])
    shoot(page, "regulator")


def test_the_export_downloads_as_ndjson(page: Page, service, seeded) -> None:
    sign_in(page, service.keys["regulator"])
    go_to(page, "Regulator")
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Download the export").click()
    download = downloading.value
    assert download.suggested_filename.endswith(".ndjson")
    lines = Path(download.path()).read_text().splitlines()
    records = [json.loads(line) for line in lines if line]
    assert len(records) >= seeded.events
    expect(page.locator("#export-result")).to_contain_text(f"{len(records):,} lines")


def test_the_advice_log_lists_what_staff_were_told(page: Page, service, seeded) -> None:
    question = "Which article requires a personal information protection impact assessment?"
    with service.client("staff") as staff:
        asked = staff.post("/v1/assistant/ask", json={"question": question})
    assert asked.status_code == 200, asked.text
    sign_in(page, service.keys["regulator"])
    go_to(page, "Regulator")
    page.get_by_role("button", name="Show the advice log").click()
    entry = page.locator("#advice-body tbody tr", has_text=question)
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("staff")

"""Ask: an answer with its mode and citations; a citation opens its article beside the answer;
a question the sources cannot answer looks like a refusal."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from web_ui import go_to, shoot, sign_in

IN_SCOPE = (
    "Before we send customers' personal information to a company abroad, "
    "do we need their separate consent?"
)
ANSWER_TIMEOUT_MS = 180_000  # the first question may wait for the index to open
OUT_OF_SCOPE = (
    "Does the California Consumer Privacy Act require us to honour Global Privacy Control "
    "browser signals as an opt-out of sale?"
)


def ask(page: Page, question: str) -> dict:
    page.get_by_label("Question", exact=True).fill(question)
    is_answer = lambda r: r.url.endswith("/v1/assistant/ask")  # noqa: E731
    with page.expect_response(is_answer, timeout=ANSWER_TIMEOUT_MS) as asked:
        page.get_by_label("Question", exact=True).press("Enter")
    assert asked.value.status == 200, asked.value.text()
    answer: dict = asked.value.json()
    expect(page.locator(".turn").last.locator(".answer")).to_be_visible()
    return answer


def test_an_answer_shows_its_mode_and_opens_a_cited_article(page: Page, service) -> None:
    sign_in(page, service.keys["staff"])
    go_to(page, "Ask")
    answer = ask(page, IN_SCOPE)

    assert answer["refused"] is False and answer["citations"], answer
    assert answer["mode"] == "extractive"  # no LLM is configured for the service
    block = page.locator(".turn").last.locator(".answer")
    expect(block).not_to_have_class(re.compile("refused"))
    expect(block.locator(".answer-text")).to_have_text(answer["answer"])
    expect(block.locator(".mode")).to_have_text("Mode: Extractive")
    expect(block.locator("button.cite")).to_have_count(len(answer["citations"]))

    cited = answer["citations"][0]
    block.locator("button.cite").first.click()
    source = page.get_by_role("complementary")
    expect(source).to_be_visible()
    expect(source.locator("#source-quote")).to_have_text(cited["quote"])
    expect(source.locator("#source-text mark")).to_have_text(cited["quote"])
    expect(source.locator("#source-title")).to_be_focused()
    expect(block.locator("button.cite").first).to_have_attribute("aria-expanded", "true")
    shoot(page, "ask")

    source.get_by_role("button", name="Close").click()
    expect(source).to_be_hidden()
    expect(block.locator("button.cite").first).to_be_focused()


def test_a_question_outside_the_sources_looks_like_a_refusal(page: Page, service) -> None:
    sign_in(page, service.keys["staff"])
    go_to(page, "Ask")
    answer = ask(page, OUT_OF_SCOPE)

    assert answer["refused"] is True, answer
    block = page.locator(".turn").last.locator(".answer")
    expect(block).to_have_class(re.compile("refused"))
    expect(block.locator(".verdict")).to_have_text("No basis found in the sources")
    if answer["citations"]:
        expect(block.get_by_role("heading", name="Nearest articles")).to_be_visible()
    shoot(page, "ask-refusal")

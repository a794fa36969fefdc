from assistant_corpus import STATE

from assistant.fakes import MemoryConsents
from assistant.subjects import named_subjects, read_subjects, refers_back, render_subjects


def test_customers_are_named_by_reference_after_a_customer_word() -> None:
    assert named_subjects("客户 C-1001 撤回了同意，还能营销吗？") == ["C-1001"]
    assert named_subjects("May we send customer C-2002's data to Singapore?") == ["C-2002"]
    assert named_subjects("第二十二条 C-1001 说了什么") == []
    assert named_subjects("What about it?", "C-9") == ["C-9"]


def test_at_most_three_customers_per_question() -> None:
    question = "customer A-1, customer A-2, customer A-3, customer A-4"
    assert named_subjects(question) == ["A-1", "A-2", "A-3"]


def test_follow_up_about_this_customer_is_noticed() -> None:
    assert refers_back("那这个客户还能出境吗？")
    assert not refers_back("合并时要做什么？")


def test_registry_is_read_with_the_callers_role() -> None:
    lookup = MemoryConsents({"C-1001": STATE})
    reports = read_subjects(["C-1001", "C-404"], "regulator", None, lookup)
    assert [r.status for r in reports] == ["found", "unknown"]
    assert lookup.calls == [("C-1001", "regulator"), ("C-404", "regulator")]


def test_a_role_that_may_not_read_customers_gets_nothing_and_reads_nothing() -> None:
    lookup = MemoryConsents({"C-1001": STATE})
    reports = read_subjects(["C-1001"], "guest", None, lookup)
    assert [(r.status, r.state) for r in reports] == [("not-permitted", None)]
    assert lookup.calls == []
    assert "withdrawn" not in render_subjects(reports, "en")


def test_rendered_state_shows_statuses_and_event_positions() -> None:
    reports = read_subjects(["C-1001"], "staff", None, MemoryConsents({"C-1001": STATE}))
    text = render_subjects(reports, "zh")
    assert "marketing v2: withdrawn" in text and "#17" in text
    assert "SG" in text and "#21" in text

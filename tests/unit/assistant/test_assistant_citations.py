from assistant_corpus import ART5, ART6, DIGEST5, EU3

from assistant.citations import ProposedCitation, verify

RETRIEVED = [ART5, ART6, DIGEST5, EU3]


def test_exact_quote_of_a_retrieved_article_verifies() -> None:
    quote = "接收方承继原企业的保护职责。"
    kept, rejected = verify([ProposedCitation("cn-sdpl", 5, quote)], RETRIEVED)
    assert rejected == []
    assert [(c.source, c.article, c.quote) for c in kept] == [("cn-sdpl", 5, quote)]


def test_source_may_be_named_by_file_or_law_and_whitespace_and_case_do_not_matter() -> None:
    quote = "a CONTROLLER shall tell   the supervisory office about a breach"
    kept, _ = verify([ProposedCitation("SGR", 3, quote)], RETRIEVED)
    assert len(kept) == 1 and kept[0].passage_id == "sgr#art-3"


def test_near_quote_is_accepted_and_replaced_by_the_source_wording() -> None:
    quote = "A controller shall tell the supervisory office about the breach within three days"
    kept, _ = verify([ProposedCitation("eu-sgr", 3, quote)], RETRIEVED, threshold=90)
    assert len(kept) == 1
    assert kept[0].quote in EU3.text
    assert "about a breach within three days" in kept[0].quote


def test_fabricated_quote_is_rejected() -> None:
    quote = "Transfers of customer data never require consent under any circumstances."
    kept, rejected = verify([ProposedCitation("eu-sgr", 3, quote)], RETRIEVED)
    assert kept == []
    assert [r.reason for r in rejected] == ["quote-not-found"]


def test_article_that_was_not_retrieved_is_rejected_even_with_a_true_quote() -> None:
    proposed = ProposedCitation("cn-sdpl", 7, "保存客户资料的期限不得超过")
    kept, rejected = verify([proposed], RETRIEVED)
    assert kept == []
    assert [r.reason for r in rejected] == ["not-retrieved"]


def test_trivial_quote_is_rejected_and_duplicates_collapse() -> None:
    quote = "接收方承继原企业的保护职责。"
    proposed = [
        ProposedCitation("cn-sdpl", 5, "客户"),
        ProposedCitation("cn-sdpl", 5, quote),
        ProposedCitation("cn-sdpl", 5, quote),
    ]
    kept, rejected = verify(proposed, RETRIEVED)
    assert len(kept) == 1
    assert [r.reason for r in rejected] == ["quote-too-short"]

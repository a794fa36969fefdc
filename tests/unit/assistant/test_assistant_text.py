from assistant.sentences import language_part, split_sentences
from assistant.tokens import key_terms, language_of, normalise, normalise_with_map, stem


def test_key_terms_drop_stop_words_and_stem_english() -> None:
    terms = key_terms("Which transfers does the controller have to notify, and when?")
    assert "transfer" in terms
    assert "notify" in terms
    assert "the" not in terms and "which" not in terms


def test_key_terms_use_jieba_words_without_function_words() -> None:
    terms = key_terms("我们公司被收购以后，需要重新取得客户的同意吗？")
    assert {"收购", "客户", "同意"} <= set(terms)
    assert "我们" not in terms and "需要" not in terms


def test_stem_is_small_and_predictable() -> None:
    assert stem("companies") == "company"
    assert stem("notifications") == "notific"
    assert stem("as") == "as"


def test_normalise_with_map_points_back_into_the_original() -> None:
    text = "  Ａ  quote\n\nACROSS lines "
    flat, origin = normalise_with_map(text)
    assert flat == normalise(text) == "a quote across lines"
    start = flat.index("across")
    assert text[origin[start] : origin[start + 5] + 1] == "ACROSS"


def test_language_of_follows_the_script() -> None:
    assert language_of("GDPR下可以依靠哪些机制？") == "zh"
    assert language_of("Which mechanism applies under PIPL?") == "en"


def test_sentences_are_exact_substrings_without_the_article_label() -> None:
    text = "第五条 企业移交资料的，应当通知客户。接收方承继职责；\n\n改变用途的，须重新同意。"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "企业移交资料的，应当通知客户。",
        "接收方承继职责；",
        "改变用途的，须重新同意。",
    ]
    assert all(text[s.start : s.start + len(s.text)] == s.text for s in sentences)


def test_english_sentences_keep_article_references_together() -> None:
    text = "1. The office may act under Art. 6 of this law. 2. It shall then report; (a) the facts."
    assert [s.text for s in split_sentences(text)] == [
        "The office may act under Art. 6 of this law.",
        "It shall then report;",
        "(a) the facts.",
    ]


def test_digest_parts_by_language_and_keywords_left_out() -> None:
    text = (
        "## Article 5 | 第五条 | Title\n\n**中文要点：** 中文一句。中文两句。\n\n"
        "**English digest:** One sentence. Two sentences.\n\nKeywords: a; b"
    )
    zh, en = language_part(text, "zh"), language_part(text, "en")
    assert zh is not None and text[zh[0] : zh[1]].strip() == "中文一句。中文两句。"
    assert en is not None and text[en[0] : en[1]].strip() == "One sentence. Two sentences."
    quoted = [s.text for s in split_sentences(text)]
    assert "Keywords: a; b" not in quoted
    assert not any(s.startswith("#") for s in quoted)

from knowledge.tokens import tokenize


def test_chinese_words_without_stop_words() -> None:
    tokens = tokenize("公司被收购后，客户的个人信息应当如何转移？")
    assert {"公司", "收购", "客户", "个人信息", "转移"} <= set(tokens)
    assert not {"的", "被", "应当", "，", "？"} & set(tokens)


def test_english_words_are_folded() -> None:
    tokens = tokenize("The Transfers of a provider's Policies under Article 46")
    assert tokens == ["transfer", "provider", "policy", "article", "46"]


def test_mixed_text() -> None:
    assert {"gdpr", "正当", "利益"} <= set(tokenize("GDPR里的正当利益"))

"""Articles a question names that the law does not have: "no such article", nothing cited."""

from assistant_corpus import SOURCES, User

from assistant.named_articles import named_articles
from assistant.service import AskRequest

STAFF = User("staff")


def test_a_missing_article_in_chinese_is_answered_with_the_article_count(make_assistant) -> None:
    answer = make_assistant().ask(
        AskRequest("根据《示例数据保护法》第99条，合并时要做什么？"), STAFF
    )
    assert answer.refused and answer.citations == [] and answer.articles == []
    assert answer.answer.startswith("《中华人民共和国示例数据保护法》（SDPL）没有第99条")
    assert "该法共 7 条" in answer.answer
    assert answer.reasons == ["no-such-article: SDPL 第99条"]


def test_a_missing_article_in_english_is_answered_with_the_article_count(make_assistant) -> None:
    answer = make_assistant().ask(AskRequest("What does SGR Article 120 say?"), STAFF)
    assert answer.refused and answer.citations == []
    assert answer.answer.startswith("SGR has no Article 120: it has 3 articles.")
    assert "Art. 3" not in answer.answer  # nothing offered in its place


def test_an_article_the_law_has_is_answered_as_usual(make_assistant) -> None:
    answer = make_assistant().ask(
        AskRequest("按《示例数据保护法》第五条，合并时要通知客户什么？"), STAFF
    )
    assert not answer.refused and answer.citations[0].article == 5


def test_chinese_numerals_and_a_name_after_the_number_are_read() -> None:
    [named] = named_articles("示例数据保护法第九十九条讲什么？", SOURCES)
    assert (named.article, named.written, named.exists) == (99, "第九十九条", False)
    [after] = named_articles("What does Article 2 of the SGR require?", SOURCES)
    assert (after.article, after.sources[0].law, after.exists) == (2, "SGR", True)


def test_the_longest_name_wins_and_an_article_without_a_law_is_not_checked() -> None:
    [rules] = named_articles("《示例数据保护法实施细则》第二十条怎么规定？", SOURCES)
    assert [info.law for info in rules.sources] == ["SDPL Rules"] and rules.exists
    assert named_articles("第99条怎么规定？", SOURCES) == []

import pytest

from knowledge.numerals import chinese_to_int, int_to_chinese


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("一百一十", 110),
        ("二百二十一", 221),
        ("一千零三十八", 1038),
        ("一千零一十", 1010),
        ("〇", 0),
    ],
)
def test_reads_article_numerals(text: str, number: int) -> None:
    assert chinese_to_int(text) == number


def test_round_trips_every_article_number() -> None:
    assert all(chinese_to_int(int_to_chinese(n)) == n for n in range(1, 2000))


def test_rejects_other_characters() -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_to_int("二十a")

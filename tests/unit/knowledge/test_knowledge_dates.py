from datetime import date

import pytest

from knowledge.dates import Period, period_in


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("2025年6月，我们被责令改正", date(2025, 6, 1), date(2025, 6, 30)),
        ("我们2023年拿到了评估结果", date(2023, 1, 1), date(2023, 12, 31)),
        ("2026年起施行的网络安全法", date(2026, 1, 1), date(2026, 12, 31)),
        ("2024年3月22日之后", date(2024, 3, 22), date(2024, 3, 22)),
        ("What applied in 2024?", date(2024, 1, 1), date(2024, 12, 31)),
        ("as of March 5, 2025, what", date(2025, 3, 5), date(2025, 3, 5)),
        ("from Jan 2026 on", date(2026, 1, 1), date(2026, 1, 31)),
        ("rules on 2024-03-22", date(2024, 3, 22), date(2024, 3, 22)),
    ],
)
def test_dates_named_in_questions(question: str, start: date, end: date) -> None:
    assert period_in(question) == Period(start, end)


@pytest.mark.parametrize(
    "question",
    [
        "Regulation (EU) 2016/679 says",
        "泄露了150万名用户",
        "GB/T 35273-2020 的要求",
        "2025年13月",
        "",
    ],
)
def test_numbers_that_are_not_dates(question: str) -> None:
    assert period_in(question) is None


def test_first_date_wins() -> None:
    assert period_in("2023年的做法和2026年的新规") == Period(date(2023, 1, 1), date(2023, 12, 31))


def test_overlap_with_effective_ranges() -> None:
    year = Period(date(2025, 1, 1), date(2025, 12, 31))
    assert year.overlaps(date(2017, 6, 1), date(2025, 12, 31))
    assert not year.overlaps(date(2026, 1, 1), None)
    assert year.overlaps(None, None)
    assert not Period.day(date(2026, 1, 1)).overlaps(date(2017, 6, 1), date(2025, 12, 31))

import pytest

from knowledge.jurisdictions import jurisdiction_in


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("按照GDPR，泄露后哪些情况下不必通知用户？", "EU"),
        ("Under PIPL, must we notify individuals?", "CN"),
        ("Our EU subsidiary was hacked.", "EU"),
        ("Our Chinese subsidiary is being split.", "CN"),
        ("GDPR里的正当利益，个人信息保护法里有没有对应的依据？", None),
        ("用户撤回了授权，之前的分析违法吗？", "CN"),
        ("Can we keep invoices for ten years?", None),
    ],
)
def test_jurisdiction_named_in_the_question(question: str, expected: str | None) -> None:
    assert jurisdiction_in(question) == expected

from knowledge.bilingual import language_views

SECTION = """## Article 7 | 第七条 | Openness | 公开透明

**中文要点：** 处理规则应当公开，说明目的和方式。

**English digest:** Processing rules must be public and state purpose and method.

Keywords: 公开; 透明; openness; transparency; 处理规则"""


def test_each_language_keeps_the_heading_and_its_own_keywords() -> None:
    views = language_views(SECTION)
    assert views is not None
    assert views["zh"].splitlines()[0] == views["en"].splitlines()[0] == SECTION.splitlines()[0]
    assert "处理规则应当公开" in views["zh"] and "Processing rules" not in views["zh"]
    assert "Processing rules must be public" in views["en"] and "说明目的" not in views["en"]
    assert views["zh"].endswith("Keywords: 公开; 透明; 处理规则")
    assert views["en"].endswith("Keywords: openness; transparency")


def test_a_one_language_section_has_no_views() -> None:
    assert (
        language_views("## Article 8\n\n**中文要点：** 只有中文。\n\nKeywords: 中文; chinese")
        is None
    )

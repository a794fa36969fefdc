from assistant_corpus import SOURCES

from assistant.scope import check_scope


def test_named_instrument_with_text_held_is_in_scope() -> None:
    check = check_scope("按《示例数据保护法》第五条，合并时要做什么？", SOURCES)
    assert [i.name for i in check.instruments] == ["示例数据保护法"]
    assert check.missing == ()


def test_english_title_matches_whatever_the_word_order_or_country_prefix() -> None:
    check = check_scope("Under China's Sample Data Protection Law, who must be told?", SOURCES)
    assert check.instruments and check.missing == ()


def test_unknown_instrument_is_missing() -> None:
    check = check_scope("《汽车数据处理若干规定》对摄像头有什么要求？", SOURCES)
    assert [i.name for i in check.missing] == ["汽车数据处理若干规定"]


def test_instrument_known_only_by_digest_is_held() -> None:
    check = check_scope("按《示例跨境规定》，自贸区清单以外的数据可以免申报吗？", SOURCES)
    assert [i.known.source for i in check.instruments if i.known] == ["cn-sample-provisions"]
    assert check.missing == ()


def test_instrument_known_only_by_name_is_missing() -> None:
    check = check_scope("按《示例备案办法》，备案要交什么材料？", SOURCES)
    missing = check.missing
    assert len(missing) == 1 and missing[0].known is not None
    assert missing[0].known.source == "cn-sample-measures"


def test_foreign_act_and_standard_numbers_are_missing() -> None:
    act = check_scope("What fine does the UK Data Protection Act 2018 set?", SOURCES)
    assert [i.name for i in act.missing] == ["UK Data Protection Act 2018"]
    standard = check_scope("What does GB/T 35273-2020 say about retention?", SOURCES)
    assert [i.name for i in standard.missing] == ["GB/T 35273-2020"]


def test_off_domain_subjects_and_product_questions_are_noticed() -> None:
    assert check_scope("年终奖的个人所得税怎么算？", SOURCES).off_domain == ("个人所得税",)
    assert check_scope("How do I export a CSV from Consentry?", SOURCES).about_product
    plain = check_scope("合并时客户资料怎么移交？", SOURCES)
    assert plain.instruments == () and plain.off_domain == () and not plain.about_product

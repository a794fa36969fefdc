"""A tiny invented corpus (not real law text) for the assistant's unit tests."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from assistant.passages import Passage, SourceInfo
from assistant.ports import ConsentLine, SubjectState, TransferLine


def official(article: int, label: str, text: str, **fields: object) -> Passage:
    values: dict[str, object] = {
        "passage_id": f"sdpl#art-{article}",
        "text": text,
        "source": "cn-sdpl",
        "title": "示例数据保护法",
        "law": "SDPL",
        "kind": "law",
        "jurisdiction": "CN",
        "language": "zh",
        "file": "cn-sdpl.md",
        "article": article,
        "article_label": label,
        "effective_from": date(2021, 1, 1),
    }
    values.update(fields)
    return Passage(**values)  # type: ignore[arg-type]


ART5 = official(
    5,
    "第五条",
    "第五条 企业因合并或者分立移交客户资料的，应当把接收方的名称和联系方式通知客户。"
    "接收方承继原企业的保护职责。接收方改变原定用途的，须重新征得客户同意。",
)
ART6 = official(
    6,
    "第六条",
    "第六条 向境外提供客户资料前，应当取得客户的单独同意，并告知境外接收方的身份和联系方式。",
)
ART7 = official(7, "第七条", "第七条 保存客户资料的期限不得超过实现处理目的所必需的时间。")
DIGEST5 = Passage(
    passage_id="digest-cn-sdpl#art-5",
    text=(
        "## Article 5 | 第五条 | Transfer on merger | 合并时移交\n\n"
        "**中文要点：** 合并或分立时移交资料，要告诉客户接收方是谁；用途不变的不必重新同意。\n\n"
        "**English digest:** When a company merges or splits, customers must be told who "
        "receives their data. The recipient keeps the same duties, and a new purpose needs "
        "fresh consent.\n\nKeywords: 合并; 分立; merger; division"
    ),
    source="digest-cn-sdpl",
    title="示例数据保护法 条文要点 / SDPL digests",
    law="SDPL",
    kind="digest",
    jurisdiction="CN",
    language="zh-en",
    file="cn-sdpl.md",
    article=5,
    article_label="第五条",
    article_title="Transfer on merger | 合并时移交",
)
EU3 = Passage(
    passage_id="sgr#art-3",
    text=(
        "Article 3\n\nBreach notice\n\n1. A controller shall tell the supervisory office "
        "about a breach within three days of learning of it. 2. The notice shall describe "
        "the breach and the people affected."
    ),
    source="eu-sgr",
    title="Sample General Regulation",
    law="SGR",
    kind="regulation",
    jurisdiction="EU",
    language="en",
    file="eu-sgr.md",
    article=3,
    article_label="Article 3",
)
ORPHAN_DIGEST = Passage(
    passage_id="digest-cn-sample-provisions#art-2",
    text=(
        "## Article 2 | 第二条 | Free zones | 自贸区清单\n\n"
        "**中文要点：** 自贸区负面清单以外的数据出境可免于申报。\n\n"
        "**English digest:** Data outside a free zone's negative list may leave "
        "without filings."
    ),
    source="digest-cn-sample-provisions",
    title="示例跨境规定 条文要点",
    law="Sample Provisions",
    kind="digest",
    jurisdiction="CN",
    language="zh-en",
    file=None,
    article=2,
    article_label="第二条",
)
SOURCES = [
    SourceInfo(
        "cn-sdpl",
        "中华人民共和国示例数据保护法",
        "SDPL",
        "CN",
        True,
        ("Sample Data Protection Law",),
        articles=7,
    ),
    SourceInfo("eu-sgr", "Sample General Regulation", "SGR", "EU", True, articles=3),
    SourceInfo(
        "cn-sample-provisions", "示例跨境规定", "Sample Provisions", "CN", False, has_digest=True
    ),
    SourceInfo("cn-sample-measures", "示例备案办法", "Sample Measures", "CN", False),
    SourceInfo("cn-sdpl-rules", "示例数据保护法实施细则", "SDPL Rules", "CN", False, articles=30),
]
CORPUS = [ART5, ART6, ART7, DIGEST5, EU3, ORPHAN_DIGEST]


@dataclass(frozen=True)
class User:
    role: str
    key_id: str = "key-1"
    label: str = "tester"


STATE = SubjectState(
    subject_ref="C-1001",
    as_of=datetime(2026, 1, 1, tzinfo=UTC),
    consents=(ConsentLine("marketing", "withdrawn", 2, "2025-03-01", 17),),
    transfers=(TransferLine("flow-sg", "SG", "approved", "standard-contract", 21),),
)

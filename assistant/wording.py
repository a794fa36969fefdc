"""The words of answers and refusals, in Chinese or English after the question (used by
`assistant.stages.compose`)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.extractive import ArticleEvidence, body_sentences, quote_for
from assistant.grouping import ArticleGroup
from assistant.named_articles import NamedArticle
from assistant.passages import Passage

NO_BASIS = {
    "zh": "在检索到的法规和制度中没有找到回答这个问题的依据（no basis found in the sources）。",
    "en": "No basis found in the sources for this question.",
}
NEAREST = {"zh": "最接近的条文：", "en": "Nearest articles:"}
LEAD = {
    "zh": "依据检索到的条文（原文摘录，供合规参考，不构成法律意见）：",
    "en": "From the retrieved provisions (quoted extracts for compliance reference, "
    "not legal advice):",
}
GIST = {"zh": "要点", "en": "In short"}
SUMMARY = {
    "zh": "Consentry 摘要（非法规原文）",
    "en": "Consentry's summary (not the official text)",
}
SUMMARY_NOTE = {
    "zh": "注：以下条文的正式文本未编入索引，引号内的文字是 Consentry 对该条的摘要，不是法规原文。",
    "en": "Note: the official text of these articles is not indexed; the quoted words are "
    "Consentry's summary of each article, not the official text.",
}
TEXT = {"zh": "原文", "en": "Text"}
RELATED = {"zh": "相关条文：", "en": "Related:"}


def article_name(passage: Passage, language: str) -> str:
    """`PIPL 第二十二条` / `PIPL Art. 22`; a policy section by its title."""
    if passage.article is None:
        title = passage.article_title or passage.article_label
        return f"{passage.law} · {title}" if title else passage.law
    if language == "zh":
        label = passage.article_label or ""
        return f"{passage.law} {label if label.startswith('第') else f'第{passage.article}条'}"
    return f"{passage.law} Art. {passage.article}"


def article_title(group: ArticleGroup, language: str) -> str | None:
    """The article's short title in the question's language, taken from its digest."""
    for passage in group.passages:
        if not passage.article_title:
            continue
        parts = [part.strip() for part in passage.article_title.split("|") if part.strip()]
        for part in parts:
            if _is_chinese(part) == (language == "zh"):
                return part
    return None


def render_answer(
    evidence: Sequence[ArticleEvidence], language: str, related: Sequence[ArticleGroup] = ()
) -> str:
    lines = [LEAD[language], ""]
    if any(not item.group.official for item in evidence):
        lines[1:1] = [SUMMARY_NOTE[language]]
    for number, item in enumerate(evidence, start=1):
        lines.extend(_article_lines(number, item, language))
    if related:
        names = "; ".join(article_name(group.citable, language) for group in related)
        lines.extend(["", f"{RELATED[language]} {names}"])
    return "\n".join(lines).strip()


def _article_lines(number: int, item: ArticleEvidence, language: str) -> list[str]:
    name = article_name(item.group.citable, language)
    title = article_title(item.group, language)
    heading = f"{number}. {name}" + (f"（{title}）" if title and language == "zh" else "")
    heading += f" ({title})" if title and language == "en" else ""
    body = [s.text for s in body_sentences(item)]
    gist = item.digest_part(language)
    lines = [heading]
    same_language = body and all(_is_chinese(text) == (language == "zh") for text in body)
    if body and (same_language or not gist):
        lines.append(f"   {TEXT[language]}: " + " ".join(f"「{text}」" for text in body))
    elif body:
        quote = quote_for(item, language)
        lines.append(f"   {TEXT[language]}: 「{quote.text if quote else body[0]}」")
    if gist:
        label = GIST[language] if item.group.official else SUMMARY[language]
        lines.append(f"   {label}: {gist}")
    if not body and not gist:
        best = quote_for(item, language)
        if best:
            lines.append(f"   「{best.text}」")
    return lines


def render_refusal(nearest: Sequence[ArticleGroup], language: str, reason: str = "") -> str:
    lines = [NO_BASIS[language]]
    if reason:
        lines.append(reason)
    if nearest:
        lines.append(NEAREST[language])
        lines.extend(f"- {article_name(group.citable, language)}" for group in nearest)
    return "\n".join(lines)


def missing_note(names: Sequence[str], language: str) -> str:
    """Why a named instrument cannot be answered from: its text is not in the corpus."""
    if not names:
        return ""
    if language == "zh":
        return (
            "语料库中没有以下文件的正式文本：" + "、".join(f"《{name}》" for name in names) + "。"
        )
    return "The corpus does not hold the text of: " + "; ".join(names) + "."


def render_absent(absent: Sequence[NamedArticle], language: str) -> str:
    """ "No such article": each named article its instrument does not have, with the
    instrument's article count; nothing is cited in its place."""
    if language == "zh":
        lines = [
            f"{_zh_names(named)}没有{named.written}：{_counts(named, 'zh')}。" for named in absent
        ]
        lines.append("因此不引用其他条文代替。")
    else:
        lines = [
            f"{' / '.join(info.law for info in named.sources)} has no Article {named.article}: "
            f"{_counts(named, 'en')}."
            for named in absent
        ]
        lines.append("No other article is cited in its place.")
    return "\n".join(lines)


def _counts(named: NamedArticle, language: str) -> str:
    if len(named.sources) == 1:
        count = named.sources[0].articles
        return f"该法共 {count} 条" if language == "zh" else f"it has {count} articles"
    if language == "zh":
        return "；".join(f"{info.law} 共 {info.articles} 条" for info in named.sources)
    return "; ".join(f"{info.law} has {info.articles} articles" for info in named.sources)


def _zh_names(named: NamedArticle) -> str:
    return "、".join(f"《{info.title}》（{info.law}）" for info in named.sources)


def _is_chinese(text: str) -> bool:
    cjk = sum(1 for char in text if "\u3400" <= char <= "\u9fff")
    return cjk * 3 >= sum(1 for char in text if char.isascii() and char.isalpha())

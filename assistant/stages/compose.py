"""Stage 5: the answer worded (`Draft`): "no such article", a refusal listing the nearest
articles, the chosen articles quoted, or the chat model's answer keeping only the
citations that verify against the passages it was given.

A chat model's failure (`ModelAnswerError`) falls back to the quoted answer, with the
reason. The words are Chinese or English after the question.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.citations import Citation, verify
from assistant.errors import ModelAnswerError
from assistant.extractive import ArticleEvidence, body_sentences, quote_for
from assistant.grouping import ArticleGroup
from assistant.named_articles import NamedArticle
from assistant.passages import Passage
from assistant.ports import Drafter
from assistant.stages.select import Selection
from assistant.subjects import render_subjects

EXTRACTIVE = "extractive"
LLM = "llm"
FALLBACK = "extractive-fallback"

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


@dataclass(frozen=True)
class Draft:
    """The answer's words, its citations, and the names of the articles it rests on."""

    selection: Selection
    answer: str
    citations: list[Citation]
    refused: bool
    mode: str
    articles: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    fallback_reason: str | None = None


class Compose:
    def __init__(self, drafter: Drafter | None, fuzzy_quote_threshold: float) -> None:
        self.drafter = drafter
        self.threshold = fuzzy_quote_threshold

    @property
    def mode(self) -> str:
        return LLM if self.drafter else EXTRACTIVE

    def __call__(self, selection: Selection) -> Draft:
        verdict, language = selection.judged.verdict, selection.judged.found.asked.language
        absent = verdict.signals.scope.absent
        if absent:
            return Draft(selection, render_absent(absent, language), [], True, self.mode)
        if verdict.refused:
            missing = [item.name for item in verdict.signals.scope.missing]
            return _refusal(
                selection, selection.nearest, self.mode, missing_note(missing, language)
            )
        if self.drafter is None:
            return _quoted(selection, EXTRACTIVE)
        try:
            return self._with_model(self.drafter, selection)
        except ModelAnswerError as error:
            return replace(_quoted(selection, FALLBACK), fallback_reason=error.reason)

    def _with_model(self, drafter: Drafter, selection: Selection) -> Draft:
        """The chat model's answer, keeping only citations that verify; raises
        `ModelAnswerError`."""
        found = selection.judged.found
        language, evidence = found.asked.language, selection.judged.evidence
        passages = [p for item in evidence for p in item.group.passages]
        state = render_subjects(found.subjects, language)
        draft = drafter.draft(found.asked.question, passages, language, state)
        groups = [item.group for item in evidence]
        if draft.insufficient_context:
            return _refusal(selection, groups, LLM)
        kept, rejected = verify(draft.citations, passages, self.threshold)
        reasons = [f"{r.citation.source} {r.citation.article}: {r.reason}" for r in rejected]
        if not kept:
            return replace(_refusal(selection, groups, LLM), rejected=reasons)
        if not draft.answer:
            raise ModelAnswerError("empty answer text")
        cited = {c.passage_id for c in kept}
        used = [g for g in groups if any(p.passage_id in cited for p in g.passages)]
        return Draft(selection, draft.answer, kept, False, LLM, _names(used, language), reasons)


def _quoted(selection: Selection, mode: str) -> Draft:
    language = selection.judged.found.asked.language
    answer = render_answer(selection.chosen, language, selection.related)
    names = _names([item.group for item in selection.chosen], language)
    return Draft(selection, answer, selection.quotes, False, mode, names)


def _refusal(
    selection: Selection, nearest: Sequence[ArticleGroup], mode: str, note: str = ""
) -> Draft:
    language = selection.judged.found.asked.language
    text = render_refusal(nearest, language, note)
    return Draft(selection, text, [], True, mode, _names(nearest, language))


def _names(groups: Sequence[ArticleGroup], language: str) -> list[str]:
    return [article_name(group.citable, language) for group in groups]


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

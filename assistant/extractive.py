"""The extractive answer: the sentences of the best articles that answer the question.

Each article's sentences are scored against the question (`scoring`); the answer quotes the
best of them, cites law and article, and adds the article's digest paragraph in the
question's language when one was retrieved. Quotes are always verbatim passage text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.citations import Citation, cite
from assistant.grouping import ArticleGroup
from assistant.passages import Passage
from assistant.scoring import DenseScorer, lexical_score, term_weights
from assistant.sentences import Sentence, language_part, split_sentences
from assistant.tokens import key_terms

BODY_SENTENCES = 4
BODY_KEEP_RATIO = 0.55


@dataclass(frozen=True)
class ScoredSentence:
    passage: Passage
    sentence: Sentence
    score: float

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass
class ArticleEvidence:
    """One article's scored sentences, and how well the article answers the question."""

    group: ArticleGroup
    sentences: list[ScoredSentence]

    @property
    def best(self) -> float:
        return max((s.score for s in self.sentences), default=0.0)

    def official_sentences(self) -> list[ScoredSentence]:
        return [s for s in self.sentences if s.passage.is_official]

    def digest_part(self, language: str) -> str | None:
        for passage in self.group.digests:
            span = language_part(passage.text, language)
            if span and passage.text[span[0] : span[1]].strip():
                return passage.text[span[0] : span[1]].strip()
        return None


class SentenceRanker:
    """Scores every quotable sentence of the given article groups against a question."""

    def __init__(self, dense: DenseScorer | None = None, dense_weight: float = 0.6) -> None:
        self.dense = dense
        self.dense_weight = dense_weight

    def evidence(self, question: str, groups: Sequence[ArticleGroup]) -> list[ArticleEvidence]:
        found = [(group, p, s) for group in groups for p in group.passages for s in _quotable(p)]
        weights = term_weights(key_terms(question), [s.text for _, _, s in found])
        lexical = [lexical_score(set(key_terms(s.text)), weights) for _, _, s in found]
        dense = self._dense(question, [s.text for _, _, s in found])
        by_group: dict[tuple[str, int | None], ArticleEvidence] = {
            group.key: ArticleEvidence(group, []) for group in groups
        }
        for (group, passage, sentence), lex, cos in zip(found, lexical, dense, strict=True):
            score = lex + self.dense_weight * cos
            by_group[group.key].sentences.append(ScoredSentence(passage, sentence, score))
        return [by_group[group.key] for group in groups]

    def _dense(self, question: str, sentences: list[str]) -> list[float]:
        if self.dense is None or not sentences:
            return [0.0] * len(sentences)
        # e5 cosines sit in a narrow band; centre them so unrelated text adds nothing.
        return [max(0.0, (cos - 0.75) * 4) for cos in self.dense.similarities(question, sentences)]


def _quotable(passage: Passage) -> list[Sentence]:
    if passage.kind != "digest":
        return split_sentences(passage.text)
    sentences: list[Sentence] = []
    for language in ("zh", "en"):
        span = language_part(passage.text, language)
        if span:
            sentences.extend(split_sentences(passage.text, start=span[0], end=span[1]))
    return sentences or split_sentences(passage.text)


def quote_for(evidence: ArticleEvidence, language: str) -> ScoredSentence | None:
    """The sentence to quote: the best of the official text, else of the digest."""
    pool = evidence.official_sentences() or [
        s for s in evidence.sentences if s.sentence.language == language
    ]
    pool = pool or evidence.sentences
    return max(pool, key=lambda s: s.score, default=None)


def body_sentences(evidence: ArticleEvidence) -> list[ScoredSentence]:
    """The official sentences that carry the answer, in the order of the text."""
    official = evidence.official_sentences()
    if not official:
        return []
    best = max(s.score for s in official)
    chosen = sorted(official, key=lambda s: s.score, reverse=True)[:BODY_SENTENCES]
    chosen = [s for s in chosen if s.score >= best * BODY_KEEP_RATIO]
    return sorted(chosen, key=lambda s: (s.passage.passage_id, s.sentence.start))


def cite_evidence(evidence: Sequence[ArticleEvidence], language: str) -> list[Citation]:
    """One citation per article, quoting its best sentence."""
    citations: list[Citation] = []
    for item in evidence:
        chosen = quote_for(item, language)
        if chosen is not None:
            citations.append(cite(chosen.passage, chosen.text))
    return citations

from assistant_corpus import ART5, ART6

from assistant.extractive import SentenceRanker
from assistant.grouping import group_passages
from assistant.scoring import DenseScorer, lexical_score, term_weights


class KeywordEncoder:
    """Vectors of three features, counting how often each text is embedded."""

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vector(self, text: str) -> list[float]:
        return [float("合并" in text or "merge" in text), float("境外" in text), 0.1]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return [self._vector(text) for text in texts]


def test_rare_question_terms_weigh_more_than_common_ones() -> None:
    weights = term_weights(["客户", "合并"], ["客户资料 合并", "客户资料", "客户同意"])
    assert weights["合并"] > weights["客户"] > 0
    assert lexical_score({"合并"}, weights) > lexical_score({"客户"}, weights)
    assert lexical_score(set(), {}) == 0.0


def test_dense_scorer_caches_sentence_vectors() -> None:
    encoder = KeywordEncoder()
    scorer = DenseScorer(encoder, cache_size=10)
    first = scorer.similarities("merge", ["合并时移交", "向境外提供"])
    again = scorer.similarities("merge", ["合并时移交", "向境外提供"])
    assert first == again and first[0] > first[1]
    assert encoder.embedded == ["合并时移交", "向境外提供"]


def test_dense_similarity_lifts_the_sentence_it_matches() -> None:
    groups = group_passages([ART5, ART6])
    plain = SentenceRanker().evidence("When companies merge, what applies?", groups)
    dense = SentenceRanker(DenseScorer(KeywordEncoder())).evidence(
        "When companies merge, what applies?", groups
    )
    assert plain[0].best == 0.0
    assert dense[0].best > dense[1].best

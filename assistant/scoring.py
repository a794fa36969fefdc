"""Score sentences against a question with the signals retrieval uses.

Lexical: the question's key terms found in the sentence, each weighted by how rare it is
among the retrieved sentences (a term every sentence shares says little). Dense: the cosine
of e5 embeddings of question and sentence, when an encoder is available; the extractive
answerer adds the two, the dense one weighted. Sentences are embedded once and cached by
text.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Sequence

from assistant.ports import TextEncoder
from assistant.tokens import key_terms


def term_weights(question_terms: Sequence[str], texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of each question term over `texts` (smoothed, > 0)."""
    return bag_weights(question_terms, [set(key_terms(text)) for text in texts])


def bag_weights(question_terms: Sequence[str], bags: Sequence[set[str]]) -> dict[str, float]:
    """`term_weights` over texts already cut into sets of terms."""
    total = len(bags) or 1
    weights = {}
    for term in question_terms:
        seen = sum(1 for bag in bags if term in bag)
        weights[term] = math.log(1 + (total + 1) / (seen + 0.5))
    return weights


def lexical_score(terms: set[str], weights: dict[str, float]) -> float:
    """Share of the question's weight that a sentence's terms carry (0..1)."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(weight for term, weight in weights.items() if term in terms) / total


class DenseScorer:
    """Cosine similarity of a question to sentences, with an LRU cache of sentence vectors."""

    def __init__(self, encoder: TextEncoder, cache_size: int = 20000) -> None:
        self.encoder = encoder
        self.cache_size = cache_size
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def similarities(self, question: str, sentences: Sequence[str]) -> list[float]:
        query = self.encoder.embed_query(question)
        vectors = self._vectors(sentences)
        return [_cosine(query, vector) for vector in vectors]

    def _vectors(self, sentences: Sequence[str]) -> list[list[float]]:
        with self._lock:
            missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if missing:
            fresh = self.encoder.embed_documents(missing)
            with self._lock:
                for sentence, vector in zip(missing, fresh, strict=True):
                    self._cache[sentence] = list(vector)
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        with self._lock:
            for sentence in sentences:
                self._cache.move_to_end(sentence)
            return [self._cache[sentence] for sentence in sentences]


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0

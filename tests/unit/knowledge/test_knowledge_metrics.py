import pytest

from knowledge.evaluation import Ranking, Scores
from knowledge.questions import Question


def ranking(
    gold: tuple[tuple[str, int], ...], cited: list[tuple[str, int | None]], ms: float = 1
) -> Ranking:
    question = Question("q", "zh", "multi", "?", gold)
    return Ranking(question, tuple(cited), ms / 1000)


def test_recall_and_reciprocal_rank() -> None:
    r = ranking((("a.md", 1), ("b.md", 2)), [("x.md", 9), ("b.md", 2), ("y.md", None), ("a.md", 1)])
    assert (r.recall(1), r.recall(3), r.recall(5)) == (0.0, 0.5, 1.0)
    assert r.reciprocal_rank() == 0.5
    assert not r.all_gold(3) and r.all_gold(4)


def test_a_miss_scores_zero() -> None:
    r = ranking((("a.md", 1),), [("a.md", 2), ("b.md", 1)])
    assert (r.recall(10), r.reciprocal_rank()) == (0.0, 0.0)


def test_scores_average_and_split() -> None:
    hit = ranking((("a.md", 1),), [("a.md", 1)], ms=10)
    miss = ranking((("a.md", 1),), [], ms=30)
    scores = Scores([hit, miss])
    assert (scores.recall(5), scores.mrr()) == (0.5, 0.5)
    assert scores.where("kind", "multi").rankings == [hit, miss]
    assert scores.where("kind", "lookup").rankings == []
    assert scores.latency_ms(0.5) == pytest.approx(20.0)

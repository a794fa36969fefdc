"""Build a throwaway index over a corpus and evaluate retrieval on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from knowledge.embeddings import Embedder, make_embedder
from knowledge.eval_report import print_misses, print_report
from knowledge.evaluation import Scores, evaluate
from knowledge.ingest import Ingestor, IngestReport
from knowledge.questions import Question, load_questions
from knowledge.search import KnowledgeSearch
from knowledge.settings import PACKAGE_DIR, KnowledgeSettings

SHARED_REGULATIONS = PACKAGE_DIR.parent.parent / "shared" / "regulations"
Items = TypeVar("Items")
Outcome = TypeVar("Outcome")


@dataclass(frozen=True)
class NamedSet(Generic[Items]):
    """One questions file (or pair of files), loaded: `name` says where it came from."""

    name: str
    size: int
    items: Items


def score_sets(
    sets: Sequence[NamedSet[Items]],
    score: Callable[[NamedSet[Items], bool], Outcome],
    out: Callable[[str], None] = print,
) -> list[Outcome]:
    """Score each loaded set in turn; with several, a header goes before each, and `score`
    is told so (its `RESULT` line then names its file, so each line stands on its own)."""
    several = len(sets) > 1
    outcomes = []
    for named in sets:
        if several:
            out(f"== questions: {named.name} ({named.size})")
        outcomes.append(score(named, several))
    return outcomes


def default_corpus() -> list[Path]:
    """The package's corpus, plus the shared official texts beside the repository if present."""
    return [PACKAGE_DIR, *([SHARED_REGULATIONS] if SHARED_REGULATIONS.is_dir() else [])]


def build_index(
    corpus: list[Path], data_dir: Path, embedder: Embedder | None = None, *, progress: bool = True
) -> tuple[KnowledgeSearch, IngestReport]:
    """Ingest `corpus` into an embedded index under `data_dir` and open it for search."""
    settings = KnowledgeSettings(data_dir=data_dir, chroma_url=None, knowledge_paths=[])
    embedder = embedder or make_embedder(settings)
    report = Ingestor(settings, embedder, progress=progress).run(corpus)
    return KnowledgeSearch(settings, embedder), report


def run_retrieval_evaluation(
    questions_files: Sequence[Path],
    corpus: list[Path],
    data_dir: Path,
    *,
    k: int = 10,
    misses: bool = False,
) -> list[tuple[dict[str, Scores], dict[str, Any]]]:
    """Score each questions file over one index of `corpus`, built (or updated) once.

    Every file is loaded before the index is built, so a bad file fails fast. Each file gets
    its own tables and `RESULT` line; with several files the line names its file
    (`"questions"`), so each line stands on its own.
    """
    loaded = [(path, load_questions(path)) for path in questions_files]
    question_sets = [NamedSet(str(path), len(questions), questions) for path, questions in loaded]
    search, report = build_index(corpus, data_dir)

    def score(
        named: NamedSet[list[Question]], several: bool
    ) -> tuple[dict[str, Scores], dict[str, Any]]:
        results = evaluate(search, named.items, k)
        if misses:
            print_misses(results)
        label = named.name if several else None
        return results, print_report(results, report, questions=label)

    return score_sets(question_sets, score)

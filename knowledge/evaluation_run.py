"""Build a throwaway index over a corpus and evaluate retrieval on it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from knowledge.embeddings import Embedder, make_embedder
from knowledge.eval_report import print_misses, print_report
from knowledge.evaluation import Scores, evaluate
from knowledge.ingest import Ingestor, IngestReport
from knowledge.questions import load_questions
from knowledge.search import KnowledgeSearch
from knowledge.settings import PACKAGE_DIR, KnowledgeSettings

SHARED_REGULATIONS = PACKAGE_DIR.parent.parent / "shared" / "regulations"


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
    question_sets = [(path, load_questions(path)) for path in questions_files]
    search, report = build_index(corpus, data_dir)
    outcomes = []
    for path, questions in question_sets:
        if len(question_sets) > 1:
            print(f"== questions: {path} ({len(questions)})")
        results = evaluate(search, questions, k)
        if misses:
            print_misses(results)
        label = str(path) if len(question_sets) > 1 else None
        outcomes.append((results, print_report(results, report, questions=label)))
    return outcomes

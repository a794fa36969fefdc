"""`consentry eval retrieval`: score retrieval on one or more questions files over one index."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from knowledge.errors import KnowledgeError


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subcommands.add_parser("eval", help="evaluate the assistant's parts")
    targets = parser.add_subparsers(dest="target", required=True, metavar="TARGET")
    retrieval = targets.add_parser("retrieval", help="recall@k and MRR of BM25, dense and hybrid")
    retrieval.add_argument(
        "--questions",
        type=Path,
        nargs="+",
        required=True,
        help="JSON Lines questions files, each scored on its own over the same index",
    )
    retrieval.add_argument(
        "--corpus",
        type=Path,
        nargs="+",
        help="corpus folders (default: knowledge/ and ../shared/regulations)",
    )
    retrieval.add_argument(
        "--index-dir", type=Path, help="keep the index here and reuse it (default: temporary)"
    )
    retrieval.add_argument("--k", type=int, default=10, help="hits per question (default 10)")
    retrieval.add_argument(
        "--misses", action="store_true", help="list questions missing gold in the top 5"
    )
    retrieval.set_defaults(handler=run_retrieval)


def run_retrieval(args: argparse.Namespace) -> int:
    from knowledge.evaluation_run import default_corpus, run_retrieval_evaluation

    corpus = args.corpus or default_corpus()
    print(f"corpus folders: {', '.join(str(path) for path in corpus)}")
    try:
        with index_folder(args.index_dir) as folder:
            run_retrieval_evaluation(args.questions, corpus, folder, k=args.k, misses=args.misses)
    except KnowledgeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


@contextmanager
def index_folder(kept: Path | None) -> Iterator[Path]:
    """The folder to build an evaluation's index in: `kept` when given (reused by the next
    run, ingest being incremental), else a temporary one removed afterwards."""
    if kept is not None:
        yield kept
        return
    with tempfile.TemporaryDirectory(prefix="consentry-eval-") as folder:
        yield Path(folder)

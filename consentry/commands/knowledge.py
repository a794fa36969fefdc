"""`consentry knowledge ingest|fetch|status`: build and inspect the assistant's corpus index."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from knowledge.errors import KnowledgeError

Handler = Callable[[argparse.Namespace], int]


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subcommands.add_parser("knowledge", help="index and inspect the knowledge corpus")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    ingest = actions.add_parser("ingest", help="index the corpus (incremental unless --rebuild)")
    ingest.add_argument("paths", nargs="*", type=Path, help="corpus folders or files")
    ingest.add_argument(
        "--rebuild", action="store_true", help="re-embed everything into a fresh collection"
    )
    ingest.add_argument("--no-progress", action="store_true", help="no progress bar")
    ingest.set_defaults(handler=_guarded(run_ingest))
    fetch = actions.add_parser("fetch", help="download the official texts listed in the manifest")
    fetch.add_argument("--dest", type=Path, help="folder to write (default: DATA_DIR/regulations)")
    fetch.add_argument("--manifest", type=Path, help="manifest file (default: the package's)")
    fetch.add_argument("--only", nargs="*", default=[], metavar="ID", help="only these source ids")
    fetch.set_defaults(handler=_guarded(run_fetch))
    status = actions.add_parser("status", help="show what is indexed")
    status.set_defaults(handler=_guarded(run_status))


def _guarded(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except KnowledgeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1

    return run


def run_ingest(args: argparse.Namespace) -> int:
    from knowledge.embeddings import make_embedder
    from knowledge.ingest import Ingestor
    from knowledge.settings import KnowledgeSettings

    settings = KnowledgeSettings()
    ingestor = Ingestor(settings, make_embedder(settings), progress=not args.no_progress)
    report = ingestor.run(args.paths or None, rebuild=args.rebuild)
    print(
        f"{report.documents} documents: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.removed)} removed"
        + (" (rebuilt)" if report.rebuilt else "")
    )
    print(f"{report.chunks} chunks, {report.embedded} embedded, {report.seconds:.1f} s")
    for chunk_id, flags in report.flagged:
        print(
            f"warning: {chunk_id} reads like instructions to an assistant ({flags})",
            file=sys.stderr,
        )
    return 0


def run_fetch(args: argparse.Namespace) -> int:
    from knowledge.fetch import fetch_sources
    from knowledge.manifest import load_manifest
    from knowledge.settings import KnowledgeSettings

    settings = KnowledgeSettings()
    dest = args.dest or settings.fetched_dir
    results = fetch_sources(load_manifest(args.manifest), dest, only=args.only)
    for result in results:
        if result.error:
            print(f"failed  {result.source_id}: {result.url}: {result.error}", file=sys.stderr)
        else:
            print(f"fetched {result.source_id}: {result.articles} articles -> {result.path}")
    print(f"{sum(not r.error for r in results)} of {len(results)} sources written to {dest}")
    return 1 if any(r.error for r in results) else 0


def run_status(args: argparse.Namespace) -> int:
    from knowledge.settings import KnowledgeSettings
    from knowledge.status import index_status

    status = index_status(KnowledgeSettings())
    print(f"index: {status.location} (collection {status.collection})")
    print(f"embeddings model: {status.model or 'none'}; keyword index: {status.keyword_index}")
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(status.kinds.items()))
    print(f"{len(status.documents)} documents, {status.chunks} chunks ({kinds or 'empty'})")
    for doc_id, (kind, count) in status.documents.items():
        print(f"  {doc_id:<48} {kind:<10} {count:>5} chunks")
    for chunk_id in status.flagged:
        print(f"flagged: {chunk_id}")
    return 0

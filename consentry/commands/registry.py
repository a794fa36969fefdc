"""`consentry import FILE` and `consentry registry rebuild|expire`: the registry's batch jobs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from registry.errors import ImportRejected, RegistryError

if TYPE_CHECKING:
    from registry.application import Registry

Handler = Callable[[argparse.Namespace], int]


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    importing = subcommands.add_parser(
        "import", help="import consent records from a CSV or JSON Lines file"
    )
    importing.add_argument("file", type=Path, help="a .csv, .jsonl or .ndjson file")
    importing.add_argument("--batch-events", type=int, default=5000, help="events per transaction")
    importing.add_argument("--no-progress", action="store_true", help="no progress bar")
    importing.set_defaults(handler=_guarded(run_import))
    parser = subcommands.add_parser("registry", help="maintain the consent registry")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    rebuild = actions.add_parser("rebuild", help="rebuild the current-consent read model")
    rebuild.set_defaults(handler=_guarded(run_rebuild))
    expire = actions.add_parser("expire", help="record consents past their validity as expired")
    expire.set_defaults(handler=_guarded(run_expire))


def _guarded(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except ImportRejected as error:
            print(f"error: {error.source}: nothing imported", file=sys.stderr)
            for row_error in error.errors:
                print(f"  {row_error}", file=sys.stderr)
            return 1
        except RegistryError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1

    return run


def run_import(args: argparse.Namespace) -> int:
    from registry.importer import import_file

    with _registry() as registry:
        report = import_file(
            registry, args.file, batch_events=args.batch_events, progress=not args.no_progress
        )
    print(
        f"{report.rows} rows imported: {report.events} events, "
        f"{report.subjects_registered} new subjects, last position {report.last_position}"
    )
    return 0


def run_rebuild(args: argparse.Namespace) -> int:
    with _registry() as registry:
        processed = registry.app.read_model.rebuild()
    print(f"read model rebuilt from {processed} consent and purpose events")
    return 0


def run_expire(args: argparse.Namespace) -> int:
    with _registry() as registry:
        positions = registry.consents.expire_consents()
    print(f"expiries recorded in {len(positions)} batch(es)")
    return 0


def _registry() -> Registry:
    from registry.application import make_registry
    from registry.settings import RegistrySettings

    return make_registry(RegistrySettings())

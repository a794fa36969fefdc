"""`consentry verify FILE --public-key KEY`: check an audit export offline.

`consentry audit export FILE` and `consentry audit verify` work on the configured store."""

import argparse
import json
import sys
from pathlib import Path

from registry.audit.errors import AuditError


def register(subcommands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    verify = subcommands.add_parser(
        "verify", help="verify an audit export offline, with only the public key"
    )
    verify.add_argument("file", type=Path, help="NDJSON export (GET /v1/audit/export)")
    verify.add_argument(
        "--public-key", type=Path, required=True, help="PEM file (GET /v1/audit/public-key)"
    )
    verify.set_defaults(handler=run_verify)

    audit = subcommands.add_parser("audit", help="hash chain of the configured store")
    actions = audit.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write the log, links and checkpoint as NDJSON")
    export.add_argument("file", type=Path)
    export.set_defaults(handler=run_export)
    check = actions.add_parser("verify", help="verify the store's chain and checkpoints")
    check.set_defaults(handler=run_store_verify)


def run_verify(args: argparse.Namespace) -> int:
    from registry.audit.export import verify_export
    from registry.audit.signing import load_public_key

    try:
        public_key = load_public_key(args.public_key.read_bytes())
        with args.file.open(encoding="utf-8") as lines:
            result = verify_export(lines, public_key)
    except (OSError, AuditError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(vars(result)))
    return 0 if result.ok else 1


def run_export(args: argparse.Namespace) -> int:
    from consentry.services import open_services
    from consentry.settings import Settings
    from registry.audit.export import export_lines

    services = open_services(Settings())
    try:
        with args.file.open("w", encoding="utf-8") as out:
            out.writelines(export_lines(services.ledger))
    finally:
        services.close()
    print(f"wrote {args.file}")
    return 0


def run_store_verify(args: argparse.Namespace) -> int:
    from consentry.services import open_services
    from consentry.settings import Settings

    services = open_services(Settings())
    try:
        services.ledger.catch_up()
        result = services.ledger.verify()
    finally:
        services.close()
    print(json.dumps(vars(result)))
    return 0 if result.ok else 1

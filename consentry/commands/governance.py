"""`consentry succession|category|pipia|incident|controllers|processors …`: governance
from the command line.

Reports print as JSON, or as CSV with `--format csv`. Errors print the field at fault and
exit 1; nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TypeAlias

from consentry.commands import governance_runs as runs
from consentry.commands import register_runs
from registry.errors import RegistryError

Handler = Callable[[argparse.Namespace], int]
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
REASONS = ("merger", "division", "dissolution", "bankruptcy", "sale_of_business")
LEVELS = ("public", "internal", "personal", "sensitive_personal")
OUTCOMES = ("acceptable", "acceptable_with_measures", "not_acceptable")
SEVERITIES = ("especially_major", "major", "relatively_major", "general")


def register(subcommands: Subparsers) -> None:
    _successions(_group(subcommands, "succession", "company transfers (PIPL Art. 22)"))
    _categories(_group(subcommands, "category", "the data classification register"))
    _pipias(_group(subcommands, "pipia", "impact assessments (PIPL Art. 55-56)"))
    _incidents(_group(subcommands, "incident", "the incident register (PIPL Art. 57)"))
    due = subcommands.add_parser("due", help="what falls due by a date, with its article")
    due.set_defaults(handler=_guarded(runs.due_list))
    due.add_argument("--until", type=date.fromisoformat, required=True, help="ISO date")
    _format(due)
    _controllers(_group(subcommands, "controllers", "the controller register"))
    _processors(_group(subcommands, "processors", "processors and recipients (Art. 21, 23)"))


def _group(subcommands: Subparsers, name: str, text: str) -> Subparsers:
    parser = subcommands.add_parser(name, help=text)
    return parser.add_subparsers(dest="action", required=True, metavar="ACTION")


def _action(actions: Subparsers, name: str, text: str, handler: Handler) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=text)
    parser.set_defaults(handler=_guarded(handler))
    return parser


def _format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("json", "csv"), default="json")


def _successions(actions: Subparsers) -> None:
    start = _action(actions, "start", "start a succession", runs.succession_start)
    start.add_argument("succession", help="a reference for this transfer")
    start.add_argument("--from", dest="from_controller", required=True)
    start.add_argument("--to", dest="to_controller", required=True)
    start.add_argument("--reason", required=True, choices=REASONS)
    start.add_argument("--effective-on", type=date.fromisoformat, required=True)
    start.add_argument("--keep", action="append", default=[], metavar="PURPOSE")
    start.add_argument("--change", action="append", default=[], metavar="PURPOSE=NEW")
    start.add_argument("--customers", type=Path, help="only these refs move (one per line)")
    execute = _action(actions, "execute", "move the subjects", runs.succession_execute)
    execute.add_argument("succession")
    execute.add_argument("--batch", type=int, default=2000, help="subjects per transaction")
    execute.add_argument("--no-progress", action="store_true", help="no progress bar")
    notices = _action(
        actions, "notices", "record Art. 22 notices from a CSV file", runs.succession_notices
    )
    notices.add_argument("succession")
    notices.add_argument("file", type=Path, help="customer_ref,status,at,channel,reason")
    respond = _action(
        actions, "respond", "record customers' responses from a CSV file", runs.succession_respond
    )
    respond.add_argument("succession")
    respond.add_argument(
        "file",
        type=Path,
        help="customer_ref,response,at,channel,note,purposes (response: acknowledged, "
        "objected, withdrew or erasure; purposes space-separated, default all)",
    )
    excepted = _action(
        actions,
        "exceptions",
        "close customers without a delivered notice",
        runs.succession_exceptions,
    )
    excepted.add_argument("succession")
    excepted.add_argument("customer_refs", nargs="+")
    excepted.add_argument("--reason", required=True)
    complete = _action(actions, "complete", "complete a succession", runs.succession_complete)
    complete.add_argument("succession")
    report = _action(actions, "report", "a succession's report", runs.succession_report)
    report.add_argument("succession")
    report.add_argument("--as-of", type=datetime.fromisoformat, help="ISO-8601 with offset")
    report.add_argument(
        "--with-contacts",
        action="store_true",
        help="name each customer (reference, name, contact); each read is logged",
    )
    report.add_argument("--standing", action="store_true", help="CSV: the counts, not customers")
    _format(report)


def _categories(actions: Subparsers) -> None:
    classify = _action(actions, "classify", "classify a data category", runs.category_classify)
    classify.add_argument("category")
    classify.add_argument("--level", required=True, choices=LEVELS)
    classify.add_argument("--rationale", required=True)
    classify.add_argument("--article")
    _format(_action(actions, "list", "the register", runs.category_list))


def _pipias(actions: Subparsers) -> None:
    record = _action(actions, "record", "record an impact assessment", runs.pipia_record)
    record.add_argument("pipia")
    for name in ("--scope", "--conclusion", "--reviewer"):
        record.add_argument(name, required=True)
    record.add_argument("--outcome", required=True, choices=OUTCOMES)
    record.add_argument("--completed-on", type=date.fromisoformat, required=True)
    for name in ("--risk", "--measure", "--succession", "--flow", "--purpose"):
        record.add_argument(name, action="append", default=[])
    _format(_action(actions, "list", "every assessment", runs.pipia_list))
    delete = _action(
        actions, "delete", "delete (or --archive) after three years", runs.pipia_delete
    )
    delete.add_argument("pipia")
    delete.add_argument("--reason", required=True)
    delete.add_argument("--archive", action="store_true")


def _incidents(actions: Subparsers) -> None:
    opened = _action(actions, "open", "open an incident", runs.incident_open)
    opened.add_argument("incident")
    opened.add_argument("--controller", required=True)
    opened.add_argument("--title", required=True)
    opened.add_argument("--severity", required=True, choices=SEVERITIES)
    opened.add_argument("--operator", choices=("ciio", "state_organ", "other"))
    opened.add_argument("--discovered-at", type=datetime.fromisoformat, required=True)
    opened.add_argument("--subjects-affected", type=int, required=True)
    for name in ("--category", "--customer", "--measure"):
        opened.add_argument(name, action="append", default=[])
    notify = _action(actions, "notify", "record a notification", runs.incident_notify)
    notify.add_argument("incident")
    notify.add_argument("--to", choices=("authority", "individuals"), required=True)
    notify.add_argument("--recipient", required=True)
    notify.add_argument("--channel", required=True)
    notify.add_argument("--at", type=datetime.fromisoformat, required=True)
    notify.add_argument("--count", type=int)
    close = _action(actions, "close", "close with a conclusion", runs.incident_close)
    close.add_argument("incident")
    close.add_argument("--conclusion", required=True)
    close.add_argument("--ended-at", type=datetime.fromisoformat, required=True)
    report = _action(actions, "report", "deadlines met or missed", runs.incident_report)
    report.add_argument("incident", nargs="?", help="one incident (default: all)")
    _format(report)


def _guarded(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except RegistryError as error:
            field = f" [{error.field}]" if error.field else ""
            print(f"error{field}: {error}", file=sys.stderr)
            return 1

    return run


def _controllers(actions: Subparsers) -> None:
    add = _action(actions, "add", "register a controller", register_runs.controller_add)
    update = _action(actions, "update", "change its details", register_runs.controller_update)
    for parser, required in ((add, True), (update, False)):
        parser.add_argument("controller", help="its reference")
        parser.add_argument("--name", required=required)
        parser.add_argument("--contact", required=required, help="given in Art. 22 notices")
        parser.add_argument("--jurisdiction", required=required, help="ISO 3166 code, or EU")
        parser.add_argument("--dpo-contact")
    add.add_argument("--ciio", action="store_true", help="a CII operator")
    update.add_argument("--ciio", action=argparse.BooleanOptionalAction, default=None)
    _format(_action(actions, "list", "the register", register_runs.controller_list))
    shown = _action(
        actions, "show", "one controller and its changes", register_runs.controller_show
    )
    shown.add_argument("controller")


def _processors(actions: Subparsers) -> None:
    add = _action(actions, "add", "register a processor or recipient", register_runs.processor_add)
    add.add_argument("--role", required=True, choices=("entrusted", "recipient"))
    update = _action(actions, "update", "change the terms given", register_runs.processor_update)
    for parser, required in ((add, True), (update, False)):
        parser.add_argument("processor", help="its reference")
        parser.add_argument("--name", required=required)
        parser.add_argument("--contract", required=required, help="the contract's reference")
        parser.add_argument("--starts-on", type=date.fromisoformat, required=required)
        parser.add_argument("--until", type=date.fromisoformat)
        parser.add_argument("--country", required=required, help="ISO 3166 alpha-2")
        parser.add_argument("--purpose", action="append", default=[], required=required)
        for name in ("--category", "--measure"):
            parser.add_argument(name, action="append", default=[])
    end = _action(actions, "end", "end the contract", register_runs.processor_end)
    end.add_argument("processor")
    end.add_argument("--ended-on", type=date.fromisoformat, required=True)
    end.add_argument("--reason", required=True)
    _format(_action(actions, "list", "the register", register_runs.processor_list))
    shown = _action(actions, "show", "one processor and its terms", register_runs.processor_show)
    shown.add_argument("processor")

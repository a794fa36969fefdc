"""`consentry transfers assess|volumes|flows`: transfer assessments and data flows from the
command line, with the same rules as the API (`--json` prints what the API would)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from registry.domain.crossborder.rules import Scenario
from registry.domain.crossborder.values import Derogation, Origin, Safeguard
from registry.errors import RegistryError

if TYPE_CHECKING:
    from registry.application import Registry
    from registry.domain.crossborder.dataflow import DataFlow

Handler = Callable[[argparse.Namespace], int]


def register(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subcommands.add_parser("transfers", help="assess transfers abroad; data flows")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    _add_assess(actions.add_parser("assess", help="the mechanism a transfer needs"))
    volumes = actions.add_parser("volumes", help="a controller's distinct individuals in a year")
    volumes.add_argument("controller")
    volumes.add_argument("--year", type=int, default=None, help="default: this year")
    volumes.add_argument("--as-of", type=date.fromisoformat, default=None)
    volumes.set_defaults(handler=_guarded(run_volumes))
    flows = actions.add_parser("flows", help="list or show data flows; record expiries")
    which = flows.add_subparsers(dest="flows_action", required=True, metavar="ACTION")
    listing = which.add_parser("list", help="every flow, or one controller's")
    listing.add_argument("--controller", default=None)
    listing.add_argument("--destination", default=None)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_guarded(run_flows_list))
    show = which.add_parser("show", help="one flow in full")
    show.add_argument("flow")
    show.set_defaults(handler=_guarded(run_flows_show))
    expire = which.add_parser("expire", help="record flows whose mechanism lapsed as expired")
    expire.set_defaults(handler=_guarded(run_flows_expire))


def _add_assess(assess: argparse.ArgumentParser) -> None:
    assess.add_argument("--controller", required=True)
    assess.add_argument("--destination", required=True, help="ISO 3166 alpha-2, e.g. SG")
    assess.add_argument("--recipient", required=True)
    assess.add_argument("--purposes", required=True, help="comma-separated")
    assess.add_argument("--data-categories", default="", help="comma-separated")
    assess.add_argument("--individuals", type=int, default=0, help="distinct persons it adds")
    assess.add_argument("--individuals-processed", type=int, default=None)
    assess.add_argument("--sensitive", action="store_true")
    assess.add_argument("--ciio", action="store_true")
    assess.add_argument("--important-data", action="store_true")
    assess.add_argument("--scenario", choices=[s.value for s in Scenario], default=None)
    assess.add_argument("--origin", choices=[o.value for o in Origin], default=Origin.CN.value)
    assess.add_argument(
        "--safeguard",
        choices=[g.value for g in Safeguard],
        default=None,
        help="from the EU: the Art. 46/47 safeguard in place",
    )
    assess.add_argument(
        "--derogation",
        choices=[d.value for d in Derogation],
        default=None,
        help="from the EU: the Art. 49(1) ground relied on",
    )
    assess.add_argument(
        "--recipient-certified",
        action="store_true",
        help="from the EU: the recipient holds a certification (Art. 45(9))",
    )
    assess.add_argument("--date", type=date.fromisoformat, default=None, help="default today")
    assess.add_argument("--json", action="store_true")
    assess.set_defaults(handler=_guarded(run_assess))


def _guarded(handler: Handler) -> Handler:
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except RegistryError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1

    return run


def run_assess(args: argparse.Namespace) -> int:
    from registry.application.transfers import TransferQuery

    same = (
        "destination",
        "recipient",
        "sensitive",
        "individuals",
        "ciio",
        "important_data",
        "scenario",
        "individuals_processed",
        "origin",
        "safeguard",
        "derogation",
        "recipient_certified",
    )
    query = TransferQuery(
        controller_ref=args.controller,
        purposes=_items(args.purposes),
        data_categories=_items(args.data_categories),
        **{name: getattr(args, name) for name in same},
    )
    with _registry() as registry:
        result = registry.transfers.assess_transfer(query, args.date)
    if args.json:
        _print_json(result)
        return 0
    exempt = f" (exempt: {result.exempt_reason})" if result.exempt_reason else ""
    print(f"mechanism: {result.mechanism.value}{exempt}   rules: {result.rule_version}")
    for reason in result.reasons:
        print(f"  reason  {reason.article}: {reason.text}")
    for duty in result.duties:
        print(f"  duty    {duty.article}: {duty.text}")
    return 0


def run_volumes(args: argparse.Namespace) -> int:
    with _registry() as registry:
        year = args.year or (args.as_of.year if args.as_of else registry.app.clock().year)
        volumes = registry.transfers.yearly_volumes(args.controller, year, args.as_of)
    counts = volumes.counts
    print(
        f"{args.controller} {year} as of {volumes.as_of}: {counts.non_sensitive:,} "
        f"non-sensitive, {counts.sensitive:,} sensitive, {counts.total:,} in all"
    )
    return 0


def run_flows_list(args: argparse.Namespace) -> int:
    with _registry() as registry:
        flows = registry.flows.data_flows(args.controller, args.destination)
        today = registry.app.clock().date()
    if args.json:
        _print_json([_summary(flow, today) for flow in flows])
        return 0
    for flow in flows:
        line = _summary(flow, today)
        print(
            f"{line['flow']:24} {line['controller']:16} {line['destination']}  "
            f"{line['status']:10} {line['mechanism'] or '-':36} {line['subjects']:>9,}"
        )
    return 0


def run_flows_show(args: argparse.Namespace) -> int:
    with _registry() as registry:
        flow = registry.flows.data_flow(args.flow)
        _print_json({**_summary(flow, registry.app.clock().date()), "detail": _detail(flow)})
    return 0


def run_flows_expire(args: argparse.Namespace) -> int:
    with _registry() as registry:
        positions = registry.flows.expire_flows()
    print(f"{len(positions)} flow(s) recorded as expired")
    return 0


def _summary(flow: DataFlow, today: date) -> dict[str, Any]:
    closed = flow.closed_because(today)
    return {
        "flow": flow.flow_ref,
        "controller": flow.controller_ref,
        "destination": flow.proposal.destination,
        "recipient": flow.proposal.recipient,
        "status": flow.status.value,
        "mechanism": flow.assessment.mechanism.value if flow.assessment else None,
        "subjects": flow.included,
        "open_today": closed is None,
        "closed_because": closed[1] if closed else None,
    }


def _detail(flow: DataFlow) -> dict[str, Any]:
    return {
        "proposal": flow.proposal.to_fields(),
        "proposed_on": flow.proposed_on,
        "assessment": flow.assessment.to_fields() if flow.assessment else None,
        "mechanism_in_place": flow.mechanism.to_fields() if flow.mechanism else None,
        "approved_on": flow.approved_on,
        "suspension": list(flow.suspension) if flow.suspension else None,
        "expired_on": flow.expired_on,
    }


def _print_json(value: object) -> None:
    print(json.dumps(value, default=_plain, indent=2, ensure_ascii=False))


def _plain(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _registry() -> Registry:
    from registry.application import make_registry
    from registry.settings import RegistrySettings

    return make_registry(RegistrySettings())

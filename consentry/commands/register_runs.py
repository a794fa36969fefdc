"""What the `controllers` and `processors` subcommands do (their parsers are in `governance`)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from consentry.commands.governance_runs import opened, show

if TYPE_CHECKING:
    from registry.governance_views import Table

T = TypeVar("T")
T_contra = TypeVar("T_contra", contravariant=True)


class ToJson(Protocol[T_contra]):
    def __call__(self, entry: T_contra, /, *, history: bool = True) -> dict[str, Any]: ...


CONTROLLER_FIELDS = ("name", "contact", "jurisdiction", "ciio", "dpo_contact")


def controller_add(args: argparse.Namespace) -> int:
    with opened() as registry:
        registry.controllers.register_controller(
            args.controller, **{field: getattr(args, field) for field in CONTROLLER_FIELDS}
        )
    print(f"controller {args.controller} registered")
    return 0


def controller_update(args: argparse.Namespace) -> int:
    with opened() as registry:
        position = registry.controllers.update_controller(
            args.controller, **{field: getattr(args, field) for field in CONTROLLER_FIELDS}
        )
    print(f"controller {args.controller} " + ("unchanged" if position is None else "updated"))
    return 0


def controller_list(args: argparse.Namespace) -> int:
    from registry.register_views import controller_json, controllers_table

    with opened() as registry:
        return show_all(registry.controllers.all(), controller_json, controllers_table, args.format)


def controller_show(args: argparse.Namespace) -> int:
    from registry.register_views import controller_json

    with opened() as registry:
        return show_one(registry.controllers.controller(args.controller), controller_json)


def processor_add(args: argparse.Namespace) -> int:
    from registry.domain.governance.processor import ProcessorTerms

    terms = ProcessorTerms(
        name=args.name,
        contract_ref=args.contract,
        starts_on=args.starts_on,
        until=args.until,
        purposes=tuple(args.purpose),
        data_categories=tuple(args.category),
        security_measures=tuple(args.measure),
        country=args.country,
    )
    with opened() as registry:
        registry.processors.register_processor(args.processor, role=args.role, terms=terms)
    print(f"processor {args.processor} registered")
    return 0


def processor_update(args: argparse.Namespace) -> int:
    from dataclasses import replace

    given = {
        "name": args.name,
        "contract_ref": args.contract,
        "starts_on": args.starts_on,
        "until": args.until,
        "purposes": args.purpose or None,
        "data_categories": args.category or None,
        "security_measures": args.measure or None,
        "country": args.country,
    }
    with opened() as registry:
        terms = registry.processors.processor(args.processor).terms
        changed = replace(terms, **{k: v for k, v in given.items() if v is not None})
        position = registry.processors.update_processor(args.processor, changed)
    print(f"processor {args.processor} " + ("unchanged" if position is None else "updated"))
    return 0


def processor_end(args: argparse.Namespace) -> int:
    with opened() as registry:
        registry.processors.end_contract(args.processor, args.ended_on, reason=args.reason)
    print(f"processor {args.processor}: contract ended on {args.ended_on.isoformat()}")
    return 0


def processor_list(args: argparse.Namespace) -> int:
    from registry.register_views import processor_json, processors_table

    with opened() as registry:
        return show_all(registry.processors.all(), processor_json, processors_table, args.format)


def processor_show(args: argparse.Namespace) -> int:
    from registry.register_views import processor_json

    with opened() as registry:
        return show_one(registry.processors.processor(args.processor), processor_json)


def show_all(
    found: list[T], to_json: ToJson[T], to_table: Callable[[list[T]], Table], fmt: str
) -> int:
    return show([to_json(entry, history=False) for entry in found], to_table(found), fmt)


def show_one(found: T, to_json: ToJson[T]) -> int:
    print(json.dumps(to_json(found), indent=2, ensure_ascii=False))
    return 0

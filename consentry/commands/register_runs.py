"""What the `controllers` and `processors` subcommands do (their parsers are in `governance`)."""

from __future__ import annotations

import argparse

from consentry.commands.governance_runs import opened, show

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
        found = registry.controllers.all()
    body = [controller_json(controller, history=False) for controller in found]
    return show(body, controllers_table(found), args.format)


def controller_show(args: argparse.Namespace) -> int:
    from registry.register_views import controller_json, controllers_table

    with opened() as registry:
        found = registry.controllers.controller(args.controller)
    return show(controller_json(found), controllers_table([found]), "json")


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
        found = registry.processors.all()
    body = [processor_json(processor, history=False) for processor in found]
    return show(body, processors_table(found), args.format)


def processor_show(args: argparse.Namespace) -> int:
    from registry.register_views import processor_json, processors_table

    with opened() as registry:
        found = registry.processors.processor(args.processor)
    return show(processor_json(found), processors_table([found]), "json")

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

"""Subcommand modules; each exposes `register(subcommands)` and sets `handler` on its parsers."""

from types import ModuleType

from consentry.commands import (
    assistant,
    audit,
    evaluate,
    governance,
    knowledge,
    projector,
    registry,
    serve,
    transfers,
)

COMMAND_MODULES: list[ModuleType] = [
    serve,
    projector,
    audit,
    knowledge,
    evaluate,
    registry,
    transfers,
    governance,
    assistant,
]

"""Subcommand modules; each exposes `register(subcommands)` and sets `handler` on its parsers."""

from types import ModuleType

from consentry.commands import serve

COMMAND_MODULES: list[ModuleType] = [serve]

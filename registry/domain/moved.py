"""Old topics of the aggregates, from before the domain was split into subpackages.

A stored event names its class by topic (`module:Class.Event`). The library resolves a
moved module through `eventsourcing.utils.register_topic` (its documented way to rename or
move a class), so stores written with the flat layout keep opening.
"""

from collections.abc import Iterable
from types import ModuleType

from eventsourcing.utils import register_topic

from registry.domain.consent import controller, purpose, subject
from registry.domain.crossborder import dataflow
from registry.domain.governance import classification, incident, pipia, succession

FLAT_MODULES: dict[str, ModuleType] = {
    "registry.domain.controller": controller,
    "registry.domain.purpose": purpose,
    "registry.domain.subject": subject,
    "registry.domain.dataflow": dataflow,
    "registry.domain.classification": classification,
    "registry.domain.incident": incident,
    "registry.domain.assessment": pipia,
    "registry.domain.succession": succession,
}

FLAT_NAMES = {module.__name__: flat for flat, module in FLAT_MODULES.items()}


def register_flat_topics() -> None:
    for old_name, module in FLAT_MODULES.items():
        register_topic(old_name, module)


def with_flat_topics(topics: Iterable[str]) -> list[str]:
    """The topics given and, for each in a moved module, its flat-layout name: every name an
    event of those classes may be stored under."""
    names: list[str] = []
    for topic in topics:
        module_name, _, rest = topic.partition(":")
        names.append(topic)
        if module_name in FLAT_NAMES:
            names.append(f"{FLAT_NAMES[module_name]}:{rest}")
    return names

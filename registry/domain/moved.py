"""Old topics of the aggregates, from before the domain was split into subpackages.

A stored event names its class by topic (`module:Class.Event`). The library resolves a
moved module through `eventsourcing.utils.register_topic` (its documented way to rename or
move a class), so stores written with the flat layout keep opening.
"""

from types import ModuleType

from eventsourcing.utils import get_topic, register_topic

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


def register_flat_topics() -> None:
    for old_name, module in FLAT_MODULES.items():
        register_topic(old_name, module)


def stored_topics(cls: type) -> list[str]:
    """Every topic a stored event of this class may carry: today's, and the flat layout's
    for stores written before the move. Filters over the log by topic must use all of them."""
    topic = get_topic(cls)
    module_name, _, name = topic.partition(":")
    old = [flat for flat, module in FLAT_MODULES.items() if module.__name__ == module_name]
    return [topic, *(f"{flat}:{name}" for flat in old)]

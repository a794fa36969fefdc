"""Every stored class of the domain states the version of its shape, and every version past the
first has the upcaster that reads the one before it.

eventsourcing stores `class_version` with an event when it is above 1 and, reading an older
event, calls `upcast_v1_v2`, `upcast_v2_v3`, ... on the stored state. Aggregates carry one
too: a snapshot stores the aggregate's state with its class's version.
"""

import importlib
import pkgutil
from collections.abc import Iterator

import pytest
from eventsourcing.domain import Aggregate

import registry.domain


def aggregates() -> Iterator[type[Aggregate]]:
    for module in pkgutil.walk_packages(registry.domain.__path__, "registry.domain."):
        for value in vars(importlib.import_module(module.name)).values():
            defined_here = getattr(value, "__module__", None) == module.name
            if isinstance(value, type) and issubclass(value, Aggregate) and defined_here:
                yield value


AGGREGATES = sorted(set(aggregates()), key=lambda kind: kind.__qualname__)
EVENTS = [
    kind
    for aggregate in AGGREGATES
    for name, kind in vars(aggregate).items()
    if isinstance(kind, type)
    and issubclass(kind, Aggregate.Event)
    and name not in {"Event", "Created"}  # each aggregate's own bases, never stored
]


def declared_version(kind: type) -> int | None:
    """The version the class itself states (the library subclasses each event it finds in an
    aggregate, so the statement is on the class of that name in its bases)."""
    for klass in kind.__mro__:
        if klass.__qualname__ == kind.__qualname__ and "class_version" in vars(klass):
            return int(vars(klass)["class_version"])
    return None


def test_the_domain_has_the_aggregates_and_events_it_stores() -> None:
    names = [kind.__qualname__ for kind in AGGREGATES]
    assert names == [
        "Controller",
        "DataCategory",
        "DataFlow",
        "ImpactAssessment",
        "Incident",
        "Processor",
        "Purpose",
        "Subject",
        "Succession",
    ]
    assert len(EVENTS) == 42


@pytest.mark.parametrize("kind", AGGREGATES + EVENTS, ids=lambda kind: kind.__qualname__)
def test_each_states_its_version_and_upcasts_every_older_one(kind: type) -> None:
    version = declared_version(kind)
    assert version is not None and version >= 1
    for older in range(1, version):
        assert callable(getattr(kind, f"upcast_v{older}_v{older + 1}", None))

"""The knowledge index builds of a test session, with their times, for the end-of-run summary
(`pytest_terminal_summary` in conftest.py): they are the slowest set-up steps of the suite."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

BUILDS: list[tuple[str, float]] = []


@contextmanager
def timed_build(label: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        BUILDS.append((label, time.perf_counter() - started))

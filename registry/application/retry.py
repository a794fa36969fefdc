"""The one retry of the registry's writes: a command that lost a race is run again.

A command reads an aggregate, decides, and saves; when another writer saved the same
aggregate in between, the save fails with eventsourcing's `RecordConflictError` and nothing
is written. `retry_on_conflict` then runs the whole command again (it reads the aggregate
afresh and decides again), after a pause drawn at random below a ceiling that doubles each
time (FIRST_PAUSE_S, then twice that, …, at most MAX_PAUSE_S), so that many writers to one
subject spread out instead of colliding again.

Limit: ATTEMPTS = 40 runs in all, the first and up to 39 retries, with pauses of at most
about 8.6 s in total. The conflict of the last run propagates, and the API answers
it 409. Nothing else in the registry or the API retries, so retries never nest.

Why so many: sixteen writers answering for one subject at once needed up to 22 runs on
PostgreSQL (11 on SQLite) in `tests/integration/api/test_api_concurrency.py`; a conflict costs
one read and one refused insert, so a generous limit is cheap.
"""

import random
import time
from collections.abc import Callable
from typing import TypeVar

from eventsourcing.persistence import RecordConflictError

T = TypeVar("T")
ATTEMPTS = 40
FIRST_PAUSE_S = 0.005
MAX_PAUSE_S = 0.25


def retry_on_conflict(command: Callable[[], T]) -> T:
    """Run `command`; after a version conflict, pause and run it again (see the module)."""
    for retry in range(ATTEMPTS - 1):
        try:
            return command()
        except RecordConflictError:
            time.sleep(random.uniform(0, min(MAX_PAUSE_S, FIRST_PAUSE_S * 2**retry)))
    return command()

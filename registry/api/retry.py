"""Writes that lost a race for the same record are run again, a little later each time.

The registry retries a conflicting save at once; when many writers contend for one subject
they keep colliding, so the API spreads them out with a growing, jittered pause.
"""

import random
import time
from collections.abc import Callable
from typing import TypeVar

from eventsourcing.persistence import RecordConflictError

T = TypeVar("T")
FIRST_PAUSE_S = 0.005


def retry_conflicts(write: Callable[[], T], retries: int) -> T:
    """Run `write`; on a version conflict wait and run it again, at most `retries` more
    times. The last conflict propagates (answered 409)."""
    for attempt in range(retries):
        try:
            return write()
        except RecordConflictError:
            time.sleep(random.uniform(0, FIRST_PAUSE_S * 2**attempt))
    return write()

"""Two API processes over one PostgreSQL schema, writing to the same few subjects at once."""

from pathlib import Path

import pytest
from fault_checks import check_rebuild, check_served, check_stored
from fault_load import Load, define_purposes, plan
from fault_service import Server, Store

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

COMMANDS = 2000
SUBJECTS = 25
THREADS = 8
LOAD_TIMEOUT_S = 300


def test_two_replicas_lose_no_event(postgres_store: Store, tmp_path: Path) -> None:
    # One data directory: the replicas share the checkpoint-signing key, as in production.
    commands = plan(COMMANDS, SUBJECTS, "replica")
    first = Server(postgres_store, tmp_path / "first.log").start()
    second = Server(postgres_store, tmp_path / "second.log").start()
    try:
        with first.client() as admin:
            define_purposes(admin)
        load = Load([first.base_url, second.base_url], commands, THREADS).run(LOAD_TIMEOUT_S)
        failed = [o for o in load.outcomes if not o.acked]
        assert not failed, [(o.http_status, o.error) for o in failed[:5]]
        assert len(load.acked()) == COMMANDS

        # Every answer acknowledged is stored, and no other (nothing was in doubt).
        log = check_stored(second, commands, load.acked(), in_doubt=0)
        for server in (first, second):
            assert check_served(server, log, (c.ref for c in commands)) == SUBJECTS
    finally:
        first.stop()
        second.stop()
    check_rebuild(postgres_store, at_least=SUBJECTS)

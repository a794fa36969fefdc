"""kill -9 of the server during a load of consent commands, then a restart on the same store."""

import random
from pathlib import Path

import pytest
from fault_checks import check_rebuild, check_served, check_stored
from fault_load import Load, define_purposes, plan, wait_until
from fault_service import Server, Store

pytestmark = pytest.mark.slow

COMMANDS = 5000
SUBJECTS = 800
THREADS = 6
LOAD_TIMEOUT_S = 600


def test_kill_9_during_load_loses_no_acknowledged_command(store: Store, tmp_path: Path) -> None:
    commands = plan(COMMANDS, SUBJECTS, "kill")
    # Keys of requests cut off by the kill are free again a few seconds after it.
    server = Server(store, tmp_path / "server.log", CONSENTRY_IDEMPOTENCY_LEASE_S="3")
    server.start()
    try:
        with server.client() as admin:
            define_purposes(admin)
        first = Load([server.base_url], commands, THREADS, stop_on_disconnect=True).start()
        kill_after = random.randrange(COMMANDS // 4, COMMANDS // 2)
        wait_until(lambda: first.count_acked() >= kill_after, LOAD_TIMEOUT_S)
        server.kill()
        first.join(60)
        in_doubt = [o.command for o in first.outcomes if not o.acked]
        assert all(o.http_status is None for o in first.outcomes if not o.acked)
        assert 1 <= len(in_doubt) <= THREADS

        # The restarted server gets the commands whose answer was lost (same keys), then the
        # rest; a key still held by the dead process is answered 409 with Retry-After.
        server.start()
        second = Load([server.base_url], in_doubt + first.unsent(), THREADS, resends=10)
        second.run(LOAD_TIMEOUT_S)
        refused = [o for o in second.outcomes if not o.acked]
        assert {o.command.number for o in refused} <= {c.number for c in in_doubt}
        assert all(o.http_status == 409 for o in refused), [o.error for o in refused]
        acked = first.acked() + second.acked()
        assert {o.command.number for o in acked} == set(range(COMMANDS))

        log = check_stored(server, commands, acked, in_doubt=len(in_doubt))
        subjects = check_served(server, log, (c.ref for c in commands))
    finally:
        server.stop()
    check_rebuild(store, at_least=subjects)

"""PostgreSQL stops (abruptly) and starts again while the server is under load: while it is
down, requests are answered 503 problem+json within a bounded time; once it is back, they
succeed, and every acknowledged write is in the store."""

import time
from pathlib import Path

import pytest
from fault_checks import check_rebuild, check_served, check_stored
from fault_load import Load, define_purposes, plan, wait_until
from fault_service import PrivatePostgres, Server, Store

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

COMMANDS = 3000
SUBJECTS = 300
THREADS = 4
DOWN_S = 15.0
"""Longer than a store call's retries (ten attempts, each waiting about a second for a
connection), so that requests meeting the outage anywhere are answered 503."""
ANSWER_WITHIN_S = 20.0
"""No request may take longer than this, whether the store is up or down."""
RECOVER_S = 5.0
"""Requests sent this long after PostgreSQL is back must all succeed."""


def test_postgres_restart_during_load(private_postgres: PrivatePostgres, tmp_path: Path) -> None:
    store = Store(tmp_path / "data", private_postgres.url)
    commands = plan(COMMANDS, SUBJECTS, "restart")
    server = Server(store, tmp_path / "server.log").start()
    try:
        with server.client() as admin:
            define_purposes(admin)
        load = Load([server.base_url], commands, THREADS, timeout=60).start()
        wait_until(lambda: load.count_acked() >= 300, 120)
        down_at = time.monotonic()
        private_postgres.stop("immediate")
        time.sleep(DOWN_S)
        private_postgres.start()
        up_at = time.monotonic()
        wait_until(
            lambda: any(o.started > up_at + RECOVER_S and o.acked for o in load.outcomes), 120
        )
        time.sleep(2)
        load.stop.set()
        load.join(90)

        outcomes = load.outcomes
        slow = [o for o in outcomes if o.seconds > ANSWER_WITHIN_S or o.http_status is None]
        assert not slow, [(o.http_status, round(o.seconds, 1), o.error) for o in slow[:5]]
        assert {o.http_status for o in outcomes} <= {201, 503}, {o.http_status for o in outcomes}
        refused = [o for o in outcomes if o.http_status == 503]
        assert refused, "no request was refused while PostgreSQL was down"
        for outcome in refused:
            assert outcome.content_type == "application/problem+json", outcome.content_type
            assert outcome.retry_after is not None
            assert down_at <= outcome.started + outcome.seconds, "503 before the stop"
        late = [o for o in outcomes if o.started > up_at + RECOVER_S]
        assert late and all(o.acked for o in late), [o.error for o in late if not o.acked][:3]

        log = check_stored(server, commands, load.acked(), in_doubt=len(refused))
        subjects = check_served(server, log, (o.command.ref for o in outcomes))
    finally:
        server.stop()
    check_rebuild(store, at_least=subjects)

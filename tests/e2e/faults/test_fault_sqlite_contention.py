"""Two server processes on one SQLite file, many client threads on each, writing to the same
subjects while others read them: lock waits and version conflicts are retried, never a 500,
and nothing acknowledged is lost."""

import threading
from collections import Counter
from pathlib import Path

import httpx
import pytest
from fault_checks import check_rebuild, check_served, check_stored
from fault_load import PURPOSES, Load, define_purposes, plan
from fault_service import KEYS, Server, Store

pytestmark = pytest.mark.slow

COMMANDS = 1500
SUBJECTS = 20
WRITERS = 8
READERS = 4
LOAD_TIMEOUT_S = 300


def read_while(urls: list[str], refs: list[str], stop: threading.Event) -> Counter[int]:
    """Permission checks, state and history reads in a loop until `stop`; their statuses."""
    statuses: Counter[int] = Counter()
    headers = {"Authorization": f"Bearer {KEYS['admin']}"}
    clients = [httpx.Client(base_url=url, headers=headers, timeout=60) for url in urls]
    try:
        for n in range(1_000_000):
            if stop.is_set():
                break
            client, ref = clients[n % len(clients)], refs[n % len(refs)]
            path = (
                f"/v1/subjects/{ref}/permission?purpose={PURPOSES[n % len(PURPOSES)]}",
                f"/v1/subjects/{ref}/consents",
                f"/v1/subjects/{ref}/history",
            )[n % 3]
            statuses[client.get(path).status_code] += 1
    finally:
        for client in clients:
            client.close()
    return statuses


def test_two_processes_on_one_sqlite_file(tmp_path: Path) -> None:
    store = Store(tmp_path / "data")
    commands = plan(COMMANDS, SUBJECTS, "lite")
    refs = sorted({c.ref for c in commands})
    first = Server(store, tmp_path / "first.log").start()
    second = Server(store, tmp_path / "second.log").start()
    urls = [first.base_url, second.base_url]
    try:
        with first.client() as admin:
            define_purposes(admin)
        stop = threading.Event()
        read_statuses: list[Counter[int]] = []
        readers = [
            threading.Thread(target=lambda: read_statuses.append(read_while(urls, refs, stop)))
            for _ in range(READERS)
        ]
        for reader in readers:
            reader.start()
        try:
            load = Load(urls, commands, WRITERS).run(LOAD_TIMEOUT_S)
        finally:
            stop.set()
            for reader in readers:
                reader.join(60)

        failed = [o for o in load.outcomes if not o.acked]
        assert not failed, [(o.http_status, o.error) for o in failed[:5]]
        reads = sum(read_statuses, Counter())
        # A subject not yet registered is a 404; anything else but 200 is a failure.
        assert set(reads) <= {200, 404}, reads
        assert reads[200] > 0

        # Every answer acknowledged is stored, and no other (nothing was in doubt).
        log = check_stored(first, commands, load.acked(), in_doubt=0)
        for server in (first, second):
            assert check_served(server, log, refs) == SUBJECTS
    finally:
        first.stop()
        second.stop()
    check_rebuild(store, at_least=SUBJECTS)

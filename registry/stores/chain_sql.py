"""The audit hash chain's links as SQL rows in the service database (SQLite or PostgreSQL).

Links are written by the chain's tracked view: each batch of record hashes is linked to the
head link in the transaction that moves the position, so concurrent chainers (API replicas,
a projector) never link an event twice or out of order. A store chained before the links
had a tracked position starts from its last link.
"""

from collections.abc import Sequence
from typing import Any

from registry.audit.chain import GENESIS, link_hash
from registry.projections.audit_chain import PROJECTION_NAME
from registry.stores.dialect import Dialect
from registry.stores.tracked_sql import SqlTrackedView


class ChainStatements:
    def __init__(self, d: Dialect) -> None:
        q = d.placeholder
        links, checkpoints = d.table("audit_links"), d.table("audit_checkpoints")
        self.tables = [
            f"CREATE TABLE IF NOT EXISTS {links} ("
            " position BIGINT PRIMARY KEY, record_hash TEXT NOT NULL, link_hash TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {checkpoints} ("
            " position BIGINT PRIMARY KEY, link_hash TEXT NOT NULL, events BIGINT NOT NULL,"
            " signed_at TEXT NOT NULL, signature TEXT NOT NULL)",
        ]
        self.clear = [f"DELETE FROM {links}"]
        """Signed checkpoints stay: a rebuilt chain must match them."""
        self.dump = [f"SELECT * FROM {links} ORDER BY position"]
        self.link_before = (
            f"SELECT link_hash FROM {links} WHERE position < {q} ORDER BY position DESC LIMIT 1"
        )
        # Replicas that chained before the position was tracked compute identical links.
        self.insert = f"INSERT INTO {links} VALUES ({q}, {q}, {q}) ON CONFLICT DO NOTHING"
        self.last_position = f"(SELECT COALESCE(MAX(position), 0) FROM {links})"


class SqlAuditChain(SqlTrackedView[str]):
    """The chain's links and position."""

    name = PROJECTION_NAME
    sql: ChainStatements

    def start_position(self) -> str:
        return self.sql.last_position

    def prepare(self, items: Sequence[tuple[int, str]]) -> Sequence[tuple[int, str]]:
        return items

    def write(self, c: Any, prepared: Sequence[tuple[int, str]]) -> None:
        if not prepared:
            return
        c.execute(self.sql.link_before, (prepared[0][0],))
        before = c.fetchone()
        previous = GENESIS if before is None else before["link_hash"]
        links = []
        for position, record in prepared:
            previous = link_hash(previous, record)
            links.append((position, record, previous))
        c.executemany(self.sql.insert, links)

    def statements(self) -> ChainStatements:
        return ChainStatements(self.dialect)

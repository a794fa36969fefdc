"""Many aggregates' events in a few reads, for bulk work (company transfers move every
subject of a controller; reading them one by one would cost a round trip each)."""

import sys
from collections import defaultdict
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder

CHUNK = 500
"""Ids per statement: below SQLite's bound-parameter limit, small enough for one round trip."""


def select_streams(
    recorder: ApplicationRecorder, originator_ids: Sequence[UUID]
) -> dict[UUID, list[StoredEvent]]:
    """Every stored event of each aggregate, in version order; absent ids are left out."""
    if isinstance(recorder, SQLiteApplicationRecorder):
        return _sqlite(recorder, originator_ids)
    if _is_postgres(recorder):
        return _postgres(recorder, originator_ids)
    streams: dict[UUID, list[StoredEvent]] = {}
    for originator_id in originator_ids:
        if stored := list(recorder.select_events(originator_id)):
            streams[originator_id] = stored
    return streams


def _sqlite(
    recorder: SQLiteApplicationRecorder, originator_ids: Sequence[UUID]
) -> dict[UUID, list[StoredEvent]]:
    streams: dict[UUID, list[StoredEvent]] = defaultdict(list)
    table = recorder.events_table_name
    with recorder.datastore.transaction(commit=False) as c:
        for start in range(0, len(originator_ids), CHUNK):
            chunk = [i.hex for i in originator_ids[start : start + CHUNK]]
            marks = ", ".join("?" * len(chunk))
            c.execute(
                "SELECT originator_id, originator_version, topic, state "
                f"FROM {table} WHERE originator_id IN ({marks}) "
                "ORDER BY originator_id, originator_version",
                chunk,
            )
            _collect(streams, c.fetchall(), recorder.convert_originator_id)
    return dict(streams)


def _is_postgres(recorder: ApplicationRecorder) -> bool:
    """Without importing PostgreSQL's driver when no PostgreSQL store was opened."""
    module = sys.modules.get("registry.stores.postgres")
    return module is not None and isinstance(recorder, module.PostgresRegistryRecorder)


def _postgres(recorder: Any, originator_ids: Sequence[UUID]) -> dict[UUID, list[StoredEvent]]:
    streams: dict[UUID, list[StoredEvent]] = defaultdict(list)
    statement = (
        f"SELECT originator_id, originator_version, topic, state FROM {recorder.events} "
        "WHERE originator_id = ANY(%s) ORDER BY originator_id, originator_version"
    )
    with recorder.datastore.transaction(commit=False) as curs:
        for start in range(0, len(originator_ids), CHUNK * 4):
            curs.execute(statement, (list(originator_ids[start : start + CHUNK * 4]),))
            _collect(streams, curs.fetchall(), lambda value: value)
    return dict(streams)


def _collect(streams: dict[UUID, list[StoredEvent]], rows: Sequence[Any], key: Any) -> None:
    for row in rows:
        originator_id = key(row["originator_id"])
        streams[originator_id].append(
            StoredEvent(
                originator_id=originator_id,
                originator_version=row["originator_version"],
                topic=row["topic"],
                state=bytes(row["state"]),
            )
        )

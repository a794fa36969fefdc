"""Where the transfer read model lives: beside the events in the recorder's own database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.popo import POPOApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder

from registry.stores.volume_memory import MemoryTransferVolumes
from registry.stores.volume_sql import SqlTransferVolumes
from registry.stores.volume_statements import VolumeDialect
from registry.volume_projection import TransferVolumeView


def transfer_volume_view(recorder: ApplicationRecorder) -> TransferVolumeView:
    """The view for `recorder`'s store, its tables created if missing."""
    view: TransferVolumeView
    if isinstance(recorder, POPOApplicationRecorder):
        view = MemoryTransferVolumes(recorder._database_lock, recorder)
    elif isinstance(recorder, SQLiteApplicationRecorder):
        dialect = VolumeDialect(
            "?",
            "",
            joined=False,
            events_table=recorder.events_table_name,
            notification_id="rowid",
            table_options=" WITHOUT ROWID",
        )
        view = SqlTransferVolumes(dialect, _transaction(recorder))
    else:
        from eventsourcing.postgres import PostgresApplicationRecorder

        assert isinstance(recorder, PostgresApplicationRecorder), recorder
        schema = f'"{recorder.datastore.schema}".'
        events = f'{schema}"{recorder.events_table_name}"'
        dialect = VolumeDialect(
            "%s",
            schema,
            joined=True,
            events_table=events,
            notification_id="notification_id",
            id_cast="::uuid[]",
        )
        view = SqlTransferVolumes(dialect, _transaction(recorder, reads_alone=True))
    view.create()
    return view


def _transaction(recorder: Any, *, reads_alone: bool = False) -> Any:
    """`transaction(commit)`; with `reads_alone`, reads run on the pool's autocommit
    connection, one round trip each instead of three (begin, select, rollback)."""

    def transaction(commit: bool) -> Any:
        if reads_alone and not commit:
            return _autocommit_cursor(recorder.datastore)
        return recorder.datastore.transaction(commit=commit)

    return transaction


@contextmanager
def _autocommit_cursor(datastore: Any) -> Iterator[Any]:
    with datastore.get_connection() as connection, connection.cursor() as cursor:
        yield cursor

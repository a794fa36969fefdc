"""Where the transfer read model lives: beside the events in the recorder's own database."""

from __future__ import annotations

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
            "?", "", joined=False, events_table=recorder.events_table_name,
            table_options=" WITHOUT ROWID",
        )  # fmt: skip
        view = SqlTransferVolumes(dialect, _transaction(recorder))
    else:
        from eventsourcing.postgres import PostgresApplicationRecorder

        assert isinstance(recorder, PostgresApplicationRecorder), recorder
        schema = f'"{recorder.datastore.schema}".'
        events = f'{schema}"{recorder.events_table_name}"'
        dialect = VolumeDialect("%s", schema, joined=True, events_table=events, id_cast="::uuid[]")
        view = SqlTransferVolumes(dialect, _transaction(recorder))
    view.create()
    return view


def _transaction(recorder: Any) -> Any:
    def transaction(commit: bool) -> Any:
        return recorder.datastore.transaction(commit=commit)

    return transaction

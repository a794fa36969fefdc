"""Where the transfer read model lives: beside the events in the recorder's own database."""

from __future__ import annotations

from eventsourcing.persistence import ApplicationRecorder
from eventsourcing.popo import POPOApplicationRecorder

from registry.stores.dialect import dialect_for, transaction_for
from registry.stores.volume_memory import MemoryTransferVolumes
from registry.stores.volume_sql import SqlTransferVolumes
from registry.volume_projection import TransferVolumeView


def transfer_volume_view(recorder: ApplicationRecorder) -> TransferVolumeView:
    """The view for `recorder`'s store, its tables created if missing."""
    view: TransferVolumeView
    if isinstance(recorder, POPOApplicationRecorder):
        view = MemoryTransferVolumes(recorder._database_lock, recorder)
    else:
        view = SqlTransferVolumes(dialect_for(recorder), transaction_for(recorder))
    view.create()
    return view

"""Where the transfer read model lives: beside the events in the recorder's own database."""

from eventsourcing.persistence import ApplicationRecorder

from registry.projections.transfer_volumes import TransferVolumeView
from registry.stores.dialect import dialect_for, transaction_for
from registry.stores.memory import MemoryRegistryRecorder
from registry.stores.volumes_memory import MemoryTransferVolumes
from registry.stores.volumes_sql import SqlTransferVolumes


def transfer_volume_view(recorder: ApplicationRecorder) -> TransferVolumeView:
    """The view for `recorder`'s store, its tables created if missing."""
    view: TransferVolumeView
    if isinstance(recorder, MemoryRegistryRecorder):
        view = MemoryTransferVolumes(recorder.lock, recorder)
    else:
        view = SqlTransferVolumes(dialect_for(recorder), transaction_for(recorder))
    view.create()
    return view

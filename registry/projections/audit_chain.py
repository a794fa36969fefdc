"""The audit hash chain as a read model: one link per stored event, in the log's order.

A tracked view (registry/projections/tracked.py) of every event, as stored: what an event
adds is its record hash (registry/audit/chain.py), which the view links to the hash of the
link before it. The links live in the service database (registry/stores/chain_sql.py); the
ledger (registry/audit/ledger.py) signs checkpoints of the chain's head and verifies it.
"""

from registry.audit.chain import record_hash
from registry.projections.tracked import ReadModel

PROJECTION_NAME = "audit_chain"

AUDIT_CHAIN = ReadModel(PROJECTION_NAME, (), record_hash, decoded=False)
"""Every event (no topics), hashed as stored: ciphertext when encrypted, never decoded."""

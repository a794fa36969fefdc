"""The registry's read models, each a tracked view of the event log (tracked.py):

* consent_state.py: which answer holds now, per subject and purpose (written inline);
* transfer_volumes.py: the data flows, who is in which, and yearly volumes per controller;
* audit_chain.py: the hash chain over every stored event (signed by registry/audit).

Their rows live in registry/stores (one memory and one SQL implementation of the view).
"""

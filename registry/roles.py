"""The roles an API key carries, and the sets of them that may do each kind of thing.

The API's routes, the assistant's reads of a customer's consents and the adapter between
them all check these sets, so a role reads the same consents wherever it asks."""

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    SYSTEM = "system"
    REGULATOR = "regulator"


PEOPLE = frozenset({Role.ADMIN, Role.STAFF, Role.REGULATOR})
"""Roles held by persons: their reads of a subject's data are recorded in the access log."""
WRITERS = frozenset({Role.ADMIN, Role.STAFF, Role.SYSTEM})
"""Record answers, register subjects, run data flows."""
CONSENT_READERS = frozenset({Role.ADMIN, Role.STAFF, Role.SYSTEM, Role.REGULATOR})
"""Read a subject's current (or past) consents and the data flows."""
HISTORY_READERS = frozenset({Role.ADMIN, Role.STAFF, Role.REGULATOR})
"""Read a subject's full history and the governance registers."""
COMPLIANCE = frozenset({Role.ADMIN, Role.STAFF})
"""Keep the governance registers (PIPIAs, incidents, notices)."""
AUDITORS = frozenset({Role.ADMIN, Role.REGULATOR})
"""Read the audit log, verify the hash chain, review the assistant's answers."""

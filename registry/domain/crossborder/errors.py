"""Errors of the cross-border rule engine.

Every error names the request field it is about, so the API can point at it::

    CrossBorderError (ValueError)   base; `.field`, `.message`
    ├── InvalidTransferRequest      a field holds a malformed or out-of-range value
    ├── MissingTransferInput        the rule set in force needs a field that was not given
    ├── DateNotCovered              no rule set of the origin covers the decision date
    └── UnknownRuleVersion          a rule-version string this engine does not know
"""

from __future__ import annotations


class CrossBorderError(ValueError):
    """Base of the cross-border errors; `field` names the offending input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class InvalidTransferRequest(CrossBorderError):
    """A field of the transfer request is malformed or out of range."""


class MissingTransferInput(CrossBorderError):
    """The rule set in force needs a field the caller left empty."""


class DateNotCovered(CrossBorderError):
    """The decision date precedes every rule set this engine knows for the origin."""


class UnknownRuleVersion(CrossBorderError):
    """A rule-version string that names no rule set of this engine."""

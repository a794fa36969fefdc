"""The privacy package's errors.

Every error carries the values that locate it::

    PrivacyError               base
    └── MasterKeyError         a configured master key that is missing, unreadable or not the
                               key this store was written with; `.source`, `.reason`
"""


class PrivacyError(Exception):
    """Root of the privacy errors."""


class MasterKeyError(PrivacyError):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"master key ({source}): {reason}")
        self.source = source
        self.reason = reason

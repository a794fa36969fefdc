"""The privacy package's errors."""


class PrivacyError(Exception):
    """Root of the privacy errors."""


class MasterKeyError(PrivacyError):
    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"master key ({source}): {reason}")
        self.source = source
        self.reason = reason

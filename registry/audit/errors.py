"""The audit package's errors.

Every error carries the values that locate it::

    AuditError                 base
    ├── SigningKeyError        a configured signing key that is missing, unreadable or not an
    │                          Ed25519 private key; `.path`, `.reason`
    └── ExportFormatError      an export line that cannot be read; `.line`, `.reason`
"""


class AuditError(Exception):
    """Root of the audit errors."""


class SigningKeyError(AuditError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"signing key {path}: {reason}")
        self.path = path
        self.reason = reason


class ExportFormatError(AuditError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"export line {line}: {reason}")
        self.line = line
        self.reason = reason

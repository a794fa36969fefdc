"""The roots of the registry's error tree (drawn in `registry.errors`), and the bulk-import
rejection that gathers errors row by row."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


class RegistryError(Exception):
    field: str | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(RegistryError):
    field = "id"


class AlreadyExistsError(RegistryError):
    pass


class InvalidValueError(RegistryError):
    def __init__(self, field: str, value: object, problem: str) -> None:
        super().__init__(f"{field}: {problem} (got {value!r})")
        self.field = field
        self.value = value
        self.problem = problem


class OccursInFuture(InvalidValueError):
    def __init__(self, field: str, value: datetime, now: datetime) -> None:
        super().__init__(field, value.isoformat(), f"is later than now ({now.isoformat()})")
        self.now = now


class RuleViolation(RegistryError):
    def __init__(self, message: str, *, field: str, article: str | None) -> None:
        super().__init__(message)
        self.field = field
        self.article = article


class StatusForbids(RuleViolation):
    """A command the current status of a flow, succession or incident does not allow."""

    def __init__(self, what: str, ref: str, status: str, action: str, *, field: str) -> None:
        super().__init__(
            f"{what} {ref!r} is {status}: it cannot be {action}", field=field, article=None
        )
        self.status = status


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


class ImportRejected(RegistryError):
    def __init__(self, source: str, errors: Sequence[RowError]) -> None:
        shown = "; ".join(str(error) for error in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{source}: nothing imported, {len(errors)} bad row(s): {shown}{more}")
        self.source = source
        self.errors = tuple(errors)
        self.field = errors[0].field if errors else None

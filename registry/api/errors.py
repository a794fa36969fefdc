"""How the registry's own errors become HTTP problems (the one mapping, used by the app)."""

import sqlite3
from collections.abc import Callable

import psycopg
from eventsourcing.persistence import (
    ConnectionPoolClosedError,
    InterfaceError,
    OperationalError,
    RecordConflictError,
)
from psycopg_pool import PoolClosed, PoolTimeout

from registry.api.problems import ProblemError
from registry.errors import (
    AlreadyExistsError,
    CrossBorderError,
    InvalidValueError,
    NotFoundError,
    RegistryError,
    RuleViolation,
)


def _fields(error: RegistryError) -> list[dict[str, str]]:
    return [{"field": error.field, "message": error.message}] if error.field else []


def _registry(error: Exception) -> ProblemError:
    assert isinstance(error, RegistryError)
    if isinstance(error, NotFoundError):
        return ProblemError(404, error.message, code="not_found", errors=_fields(error))
    if isinstance(error, AlreadyExistsError):
        return ProblemError(409, error.message, code="already_exists", errors=_fields(error))
    if isinstance(error, RuleViolation):
        detail = f"{error.message} ({error.article})" if error.article else error.message
        return ProblemError(422, detail, code="rule_violation", errors=_fields(error))
    if isinstance(error, InvalidValueError):
        return ProblemError(422, error.message, code="invalid_value", errors=_fields(error))
    return ProblemError(422, error.message, code="rejected", errors=_fields(error))


def _crossborder(error: Exception) -> ProblemError:
    assert isinstance(error, CrossBorderError)
    return ProblemError(
        422,
        str(error),
        code="invalid_transfer",
        errors=[{"field": error.field, "message": error.problem}],
    )


def _conflict(error: Exception) -> ProblemError:
    return ProblemError(
        409, "another write changed the same record; retry the request", code="conflict"
    )


STORE_ERRORS: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionPoolClosedError,
    sqlite3.OperationalError,
    psycopg.OperationalError,
    PoolTimeout,
    PoolClosed,
)
"""The store did not answer (down, restarting, locked, pool exhausted): 503, retry later."""


def store_unavailable(error: Exception | None = None) -> ProblemError:
    return ProblemError(
        503,
        "the store is unavailable; retry shortly",
        code="store_unavailable",
        headers={"Retry-After": "1"},
    )


DOMAIN_ERRORS: dict[type[Exception], Callable[[Exception], ProblemError]] = {
    RegistryError: _registry,
    CrossBorderError: _crossborder,
    RecordConflictError: _conflict,
    **dict.fromkeys(STORE_ERRORS, store_unavailable),
}

"""problem+json (RFC 9457) for every error the API returns: the one place where exceptions
become HTTP answers.

Every error answer has `type`, `title`, `status`, `detail`, and, for input errors, `errors`:
a list of `{field, message}` naming what was wrong, by the request's own field names.

    ProblemError                  its own status, code and errors (routes, dependencies)
    RegistryError
    ├── NotFoundError             404 not_found
    ├── AlreadyExistsError        409 already_exists
    ├── RuleViolation             422 rule_violation (the article in the detail)
    │   └── SubjectMovedToSuccessor  409 moved_to_successor (names the successor)
    ├── CrossBorderError          422 invalid_transfer
    ├── InvalidValueError         422 invalid_value
    └── any other                 422 rejected
    RecordConflictError           409 conflict
    STORE_ERRORS                  503 store_unavailable, Retry-After
    RequestValidationError        400 malformed_json, or 422 with each field
    OverflowError                 422 out_of_range
    HTTPException                 its status
    another package's errors      the translator its router gives (the assistant's)
    anything else                 500, logged with its traceback
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import psycopg
from eventsourcing.persistence import (
    ConnectionPoolClosedError,
    InterfaceError,
    OperationalError,
    RecordConflictError,
)
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from psycopg_pool import PoolClosed, PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from registry.api.errors import ProblemError
from registry.api.openapi import PROBLEM_JSON
from registry.errors import (
    AlreadyExistsError,
    CrossBorderError,
    InvalidValueError,
    NotFoundError,
    RegistryError,
    RuleViolation,
    SubjectAlreadyTransferred,
    SubjectMovedToSuccessor,
)

log = logging.getLogger("consentry.api")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
Translator = Callable[[Exception], ProblemError]

TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


def problem_document(
    status: int, detail: str, *, code: str | None = None, errors: Iterable[dict[str, str]] = ()
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://consentry.dev/problems/{code or status}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if code:
        body["code"] = code
    errors = list(errors)
    if errors:
        body["errors"] = errors
    return body


def problem_response(problem: ProblemError) -> JSONResponse:
    body = problem_document(
        problem.status, problem.detail, code=problem.code, errors=problem.errors
    )
    return JSONResponse(
        body, status_code=problem.status, media_type=PROBLEM_JSON, headers=problem.headers
    )


# The field the API reports, where it is not the domain's own word for the input at fault.
REPORTED_FIELDS: dict[tuple[type[RegistryError], str], str] = {
    # A subject that left before its succession moved it: executing a succession takes no
    # body, and its answer counts the moved "subjects".
    (SubjectAlreadyTransferred, "subject"): "subjects",
}


def reported_field(error: RegistryError) -> str | None:
    """The field an answer names for `error`: the request's (JSON) name for it."""
    if error.field is None:
        return None
    for (kind, field), name in REPORTED_FIELDS.items():
        if isinstance(error, kind) and error.field == field:
            return name
    return error.field


def _fields(error: RegistryError, message: str) -> list[dict[str, str]]:
    field = reported_field(error)
    return [{"field": field, "message": message}] if field else []


def registry_problem(error: Exception) -> ProblemError:
    assert isinstance(error, RegistryError)
    message = error.message
    if isinstance(error, NotFoundError):
        return ProblemError(404, message, code="not_found", errors=_fields(error, message))
    if isinstance(error, AlreadyExistsError):
        return ProblemError(409, message, code="already_exists", errors=_fields(error, message))
    if isinstance(error, RuleViolation):
        detail = f"{message} ({error.article})" if error.article else message
        return ProblemError(422, detail, code="rule_violation", errors=_fields(error, message))
    if isinstance(error, CrossBorderError):
        return ProblemError(
            422, message, code="invalid_transfer", errors=_fields(error, error.problem)
        )
    if isinstance(error, InvalidValueError):
        return ProblemError(422, message, code="invalid_value", errors=_fields(error, message))
    return ProblemError(422, message, code="rejected", errors=_fields(error, message))


def unknown_in_body(error: NotFoundError, *, field: str | None = None) -> ProblemError:
    """A reference in the request body that names nothing: the request is at fault (422),
    not the resource it is addressed to (404). `field` is the body's name for it where that
    is not the error's own (a list of references: `purposes` for a `purpose`)."""
    errors = [{"field": field, "message": error.message}] if field else None
    return ProblemError(
        422,
        error.message,
        code=f"unknown_{error.field}",
        errors=errors or _fields(error, error.message),
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


def moved_problem(error: Exception) -> ProblemError:
    """The customer is another controller's now: a conflict with the resource's state."""
    assert isinstance(error, SubjectMovedToSuccessor)
    detail = f"{error.message} ({error.article})"
    return ProblemError(
        409, detail, code="moved_to_successor", errors=_fields(error, error.message)
    )


DOMAIN_ERRORS: dict[type[Exception], Translator] = {
    RegistryError: registry_problem,
    SubjectMovedToSuccessor: moved_problem,
    RecordConflictError: _conflict,
    **dict.fromkeys(STORE_ERRORS, store_unavailable),
}


def field_name(location: Iterable[Any]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def validation_problem(error: RequestValidationError) -> ProblemError:
    for item in error.errors():
        # A body that is not JSON at all: a bad request (400), not an invalid value (422).
        if item.get("type") == "json_invalid":
            location = list(item.get("loc", ()))
            reason = item.get("ctx", {}).get("error", "JSON decode error")
            where = f" at character {location[-1]}" if len(location) > 1 else ""
            syntax = {"field": "body", "message": f"not valid JSON{where}: {reason}"}
            return ProblemError(400, syntax["message"], code="malformed_json", errors=[syntax])
    errors = [
        {"field": field_name(item.get("loc", ())), "message": str(item.get("msg", "invalid"))}
        for item in error.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return ProblemError(422, detail or "invalid request", errors=errors)


def overflow_problem(error: OverflowError) -> ProblemError:
    # Only a request's own numbers or dates get this large; routes bound their fields,
    # this answers for any that does not.
    message = f"a number or date in the request is out of range ({error})"
    return ProblemError(
        422, message, code="out_of_range", errors=[{"field": "request", "message": message}]
    )


def allowed_methods(request: Request) -> str:
    """Every method the request's path answers. Starlette's 405 names only those of the
    first route on the path, and a path has a route per method."""
    routes = request.app.router.routes
    return ", ".join(
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    )


def install_problem_handlers(app: FastAPI, others: Mapping[type[Exception], Translator]) -> None:
    """Answer every error with a problem document (`document_problems` says so in the
    OpenAPI document): the registry's own errors, FastAPI's and Starlette's, and `others`
    (another package's errors, translated by that package's router)."""

    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(validation_problem(exc))

    @app.exception_handler(OverflowError)
    async def _overflow(_: Request, exc: OverflowError) -> JSONResponse:
        return problem_response(overflow_problem(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(ProblemError(exc.status_code, str(exc.detail), headers=headers))

    for error_type, translate in {**DOMAIN_ERRORS, **others}.items():

        async def _domain(_: Request, exc: Exception, translate: Any = translate) -> JSONResponse:
            return problem_response(translate(exc))

        app.add_exception_handler(error_type, _domain)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged with its traceback; the client gets a problem document, never a stack trace.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(ProblemError(500, "internal error; it has been logged"))

"""problem+json (RFC 9457) for every error the API returns.

Every error answer has `type`, `title`, `status`, `detail`, and, for input errors, `errors`:
a list of `{field, message}` naming what was wrong. This is the one place where exceptions
become HTTP answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("consentry.api")

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


class ProblemError(Exception):
    """Raised by routes and dependencies to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str | None = None,
        errors: Iterable[dict[str, str]] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.errors = list(errors)
        self.headers = headers or {}


def problem_response(
    status: int,
    detail: str,
    *,
    code: str | None = None,
    errors: Iterable[dict[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> JSONResponse:
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
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def field_name(location: Iterable[Any]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


def _validation_errors(error: RequestValidationError) -> list[dict[str, str]]:
    return [
        {"field": field_name(item.get("loc", ())), "message": str(item.get("msg", "invalid"))}
        for item in error.errors()
    ]


def _json_syntax_error(error: RequestValidationError) -> dict[str, str] | None:
    """A body that is not JSON at all: a bad request (400), not an invalid value (422)."""
    for item in error.errors():
        if item.get("type") == "json_invalid":
            location = list(item.get("loc", ()))
            reason = item.get("ctx", {}).get("error", "JSON decode error")
            where = f" at character {location[-1]}" if len(location) > 1 else ""
            return {"field": "body", "message": f"not valid JSON{where}: {reason}"}
    return None


def install_problem_handlers(
    app: FastAPI, domain_errors: dict[type[Exception], Callable[[Exception], ProblemError]]
) -> None:
    """Map FastAPI's, Starlette's and the packages' own errors to problem documents."""

    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            exc.status, exc.detail, code=exc.code, errors=exc.errors, headers=exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        syntax = _json_syntax_error(exc)
        if syntax is not None:
            return problem_response(400, syntax["message"], code="malformed_json", errors=[syntax])
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem_response(422, detail or "invalid request", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem_response(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))

    for error_type, translate in domain_errors.items():

        async def _domain(_: Request, exc: Exception, translate: Any = translate) -> JSONResponse:
            problem = translate(exc)
            return problem_response(
                problem.status,
                problem.detail,
                code=problem.code,
                errors=problem.errors,
                headers=problem.headers,
            )

        app.add_exception_handler(error_type, _domain)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Logged with its traceback; the client gets a problem document, never a stack trace.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "internal error; it has been logged")

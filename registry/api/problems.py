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


PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}
PROBLEM_RESPONSE = {
    "description": "an error, as a problem document (RFC 9457)",
    "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}},
}
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "patch", "head", "options"})


def _document_problems(document: dict[str, Any]) -> None:
    """Every operation may answer a problem document; FastAPI's own 422 shape is not used."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["Problem"] = PROBLEM_SCHEMA
    for schema_name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(schema_name, None)
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method in HTTP_METHODS:
                responses = operation.setdefault("responses", {})
                responses.pop("422", None)
                responses["default"] = PROBLEM_RESPONSE


def _openapi_with_problems(app: FastAPI) -> Callable[[], dict[str, Any]]:
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _document_problems(build())
        assert app.openapi_schema is not None
        return app.openapi_schema

    return openapi


def install_problem_handlers(
    app: FastAPI, domain_errors: dict[type[Exception], Callable[[Exception], ProblemError]]
) -> None:
    """Map FastAPI's, Starlette's and the packages' own errors to problem documents, and say
    so in the OpenAPI document."""
    app.openapi = _openapi_with_problems(app)  # type: ignore[method-assign]

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

    @app.exception_handler(OverflowError)
    async def _overflow(_: Request, exc: OverflowError) -> JSONResponse:
        # Only a request's own numbers or dates get this large; routes bound their fields,
        # this answers for any that does not.
        message = f"a number or date in the request is out of range ({exc})"
        return problem_response(
            422, message, code="out_of_range", errors=[{"field": "request", "message": message}]
        )

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

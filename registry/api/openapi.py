"""The problem document in the OpenAPI document: every operation may answer one, FastAPI's
own 422 shape is not used, and each operation names the error statuses it can answer, by
rule: any write 409 (a concurrent write, an Idempotency-Key in use) and 413 (body too
large); any operation with a key 401, 429 (rate limit) and 503 (store unavailable); the
assistant's also 503 while the knowledge index is not built."""

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts

PROBLEM_JSON = "application/problem+json"
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
WRITES = frozenset({"put", "post", "delete", "patch"})
WRITE_STATUSES = {
    "409": "conflict: another write changed the record, or the Idempotency-Key is in use",
    "413": "the request body is larger than the limit",
}
KEYED_STATUSES = {
    "401": "no key, or a key that is not known",
    "429": "rate limit exceeded for this key; Retry-After says when to retry",
    "503": "store_unavailable: the store did not answer; Retry-After says when to retry",
}
KNOWLEDGE_UNAVAILABLE = (
    "knowledge_unavailable: the knowledge index is not built yet; or store_unavailable"
)


def with_problems(document: dict[str, Any]) -> None:
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


def _problem(description: str) -> dict[str, Any]:
    return {**PROBLEM_RESPONSE, "description": description}


def with_statuses(document: dict[str, Any], keyed: set[tuple[str, str]]) -> None:
    """Name the statuses each operation can answer; `keyed`: the (path, method) of the
    operations that take a key."""
    for path, path_item in document.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in HTTP_METHODS:
                continue
            statuses: dict[str, str] = {}
            if method in WRITES:
                statuses |= WRITE_STATUSES
            if (path, method) in keyed:
                statuses |= KEYED_STATUSES
            if "assistant" in operation.get("tags", ()):
                statuses["503"] = KNOWLEDGE_UNAVAILABLE
            responses = operation.setdefault("responses", {})
            for status, description in statuses.items():
                responses.setdefault(status, _problem(description))


def _calls(dependant: Dependant) -> Iterable[Any]:
    yield dependant.call
    for inner in dependant.dependencies:
        yield from _calls(inner)


def keyed_operations(app: FastAPI, authenticate: Callable[..., Any]) -> set[tuple[str, str]]:
    """The (path, method) of the routes that depend on `authenticate`."""
    keyed: set[tuple[str, str]] = set()
    for context in iter_route_contexts(app.routes):
        dependant = getattr(context, "dependant", None)
        if dependant is not None and authenticate in _calls(dependant):
            methods = getattr(context.original_route, "methods", ())
            keyed |= {(str(context.path), method.lower()) for method in methods}
    return keyed


def document_problems(app: FastAPI, authenticate: Callable[..., Any]) -> None:
    """Make `app.openapi()` document the problem answers, and which statuses each
    operation can answer (`authenticate`: the dependency that checks a key)."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            with_problems(document)
            with_statuses(document, keyed_operations(app, authenticate))
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

"""Who may call what: bearer-key authentication, role checks, rate limit, and the log of
every read of a subject's data by a person."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request

from registry.api.auth import KeyRing, Principal
from registry.api.errors import ProblemError
from registry.api.limits import RateLimiter
from registry.roles import Role
from registry.servicedb import ServiceDatabase

ALL_ROLES = frozenset(Role)

ACCESS_LOG_SCHEMA = """
CREATE TABLE IF NOT EXISTS api_access_log (
    at TEXT NOT NULL,
    key_id TEXT NOT NULL,
    role TEXT NOT NULL,
    label TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    endpoint TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class AccessEntry:
    at: str
    key_id: str
    role: str
    label: str
    subject_id: str
    endpoint: str


class AccessLog:
    def __init__(self, db: ServiceDatabase) -> None:
        self.db = db
        db.execute(ACCESS_LOG_SCHEMA)

    def record(self, principal: Principal, subject_id: str, endpoint: str) -> None:
        self.db.execute(
            "INSERT INTO api_access_log VALUES (?, ?, ?, ?, ?, ?)",
            (
                datetime.now(UTC).isoformat(),
                principal.key_id,
                principal.role.value,
                principal.label,
                subject_id,
                endpoint,
            ),
        )

    def record_many(self, principal: Principal, subject_ids: list[str], endpoint: str) -> None:
        """One entry per subject, written in one transaction (a list of many customers)."""
        at = datetime.now(UTC).isoformat()
        self.db.execute_many(
            "INSERT INTO api_access_log VALUES (?, ?, ?, ?, ?, ?)",
            [
                (at, principal.key_id, principal.role.value, principal.label, subject, endpoint)
                for subject in subject_ids
            ],
        )

    def entries(
        self, subject_id: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[AccessEntry]:
        where, params = ("WHERE subject_id = ?", [subject_id]) if subject_id else ("", [])
        rows = self.db.execute(
            f"SELECT at, key_id, role, label, subject_id, endpoint FROM api_access_log {where}"
            " ORDER BY at LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [AccessEntry(*row) for row in rows]


@dataclass
class AccessControl:
    keys: KeyRing
    limiter: RateLimiter
    log: AccessLog


def _control(request: Request) -> AccessControl:
    control: AccessControl = request.app.state.access
    return control


async def authenticate(request: Request) -> Principal:
    # A coroutine on purpose, like every cheap dependency: FastAPI runs a plain function
    # in its thread pool, and those hand-offs cost more than the check itself.
    control = _control(request)
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ProblemError(
            401,
            "missing bearer key",
            code="unauthenticated",
            errors=[{"field": "Authorization", "message": "send 'Authorization: Bearer <key>'"}],
            headers={"WWW-Authenticate": "Bearer"},
        )
    principal = control.keys.authenticate(key.strip())
    if principal is None:
        raise ProblemError(
            401,
            "unknown key",
            code="unauthenticated",
            errors=[{"field": "Authorization", "message": "the key is not known"}],
            headers={"WWW-Authenticate": "Bearer"},
        )
    wait = control.limiter.retry_after(principal.key_id)
    if wait > 0:
        raise ProblemError(
            429,
            "rate limit exceeded for this key",
            code="rate_limited",
            headers={"Retry-After": str(max(1, round(wait)))},
        )
    return principal


def require(*roles: Role) -> Callable[..., Awaitable[Principal]]:
    allowed = frozenset(roles) or ALL_ROLES

    async def dependency(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(sorted(r.value for r in allowed))
            raise ProblemError(
                403,
                f"role {principal.role.value!r} may not do this (allowed: {names})",
                code="forbidden",
            )
        return principal

    return dependency


def log_subject_read(request: Request, principal: Principal, subject_id: Any) -> None:
    """Record a person's read of a subject's data (systems' reads are not personal access)."""
    if principal.is_person:
        route = request.scope.get("route")
        endpoint = f"{request.method} {getattr(route, 'path', request.url.path)}"
        _control(request).log.record(principal, str(subject_id), endpoint)


def log_subject_reads(request: Request, principal: Principal, subject_ids: list[Any]) -> None:
    """`log_subject_read` for many subjects read at once (a notice list)."""
    if principal.is_person and subject_ids:
        route = request.scope.get("route")
        endpoint = f"{request.method} {getattr(route, 'path', request.url.path)}"
        _control(request).log.record_many(principal, [str(s) for s in subject_ids], endpoint)

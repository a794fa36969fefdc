"""Idempotent writes: a retried request with the same `Idempotency-Key` gets the first answer.

Keys are scoped to the caller's credentials. The first request reserves the key; a
successful (2xx) answer is stored and replayed to retries with the same body; the same key
with another body is refused (422); a retry while the first is still running gets 409.
Failed requests release the key so that a retry runs again.

A reservation whose request never finished (its process died) is taken over by a retry once
it is older than the lease; until then retries get 409 with `Retry-After`. Answers are kept
for `retention_s` (a day by default) and then swept, at most once per `sweep_every_s`; a key
used again after that runs as a new request. The store is
called off the event loop, and a store that does not answer is a 503, as everywhere else.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registry.api.openapi import PROBLEM_JSON
from registry.api.problems import (
    STORE_ERRORS,
    problem_document,
    problem_response,
    store_unavailable,
)
from registry.servicedb import Row, ServiceDatabase

log = logging.getLogger("consentry.api")

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HEADER = b"idempotency-key"
MAX_KEY_LENGTH = 255

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER,
    content_type TEXT,
    body TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
)
"""


def _problem(status: int, detail: str, field: str = "Idempotency-Key") -> tuple[int, bytes]:
    body = problem_document(status, detail, errors=[{"field": field, "message": detail}])
    return status, json.dumps(body).encode()


class IdempotencyMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        db: ServiceDatabase,
        lease_s: float = 60.0,
        retention_s: float = 86_400.0,
        sweep_every_s: float = 600.0,
    ) -> None:
        self.app = app
        self.db = db
        self.lease = timedelta(seconds=lease_s)
        self.retention = timedelta(seconds=retention_s)
        self.sweep_every_s = sweep_every_s
        self._next_sweep = 0.0
        db.execute(SCHEMA)

    def sweep(self) -> int:
        """Delete the answers older than the retention; returns how many went."""
        cutoff = (datetime.now(UTC) - self.retention).isoformat()
        rows = self.db.execute(
            "DELETE FROM api_idempotency WHERE status IS NOT NULL AND created_at < ? RETURNING key",
            (cutoff,),
        )
        return len(rows)

    async def _sweep_when_due(self) -> None:
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.sweep_every_s
        try:
            swept = await run_in_threadpool(self.sweep)
        except STORE_ERRORS as error:
            log.warning("idempotency answers not swept (%s); next try later", error)
            return
        if swept:
            log.info("swept %d idempotency answers older than %s", swept, self.retention)

    async def _sql(self, sql: str, params: Sequence[Any]) -> list[Row]:
        return await run_in_threadpool(self.db.execute, sql, params)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        key = headers.get(HEADER, b"").decode("latin-1").strip()
        credentials = headers.get(b"authorization", b"")
        if not key or not credentials:
            await self.app(scope, receive, send)
            return
        if len(key) > MAX_KEY_LENGTH:
            await _send(send, *_problem(400, f"Idempotency-Key longer than {MAX_KEY_LENGTH}"))
            return
        body = await _read_body(receive)
        caller = hashlib.sha256(credentials).hexdigest()[:32]
        digest = hashlib.sha256(
            b"\n".join(
                [
                    scope["method"].encode(),
                    scope["path"].encode(),
                    scope.get("query_string", b""),
                    body,
                ]
            )
        ).hexdigest()
        try:
            await self._sweep_when_due()
            reserved = await self._reserve(caller, key, digest)
            if not reserved:
                await self._answer_retry(send, caller, key, digest)
                return
        except STORE_ERRORS as error:
            answer = problem_response(store_unavailable(error))
            await answer(scope, receive, send)
            return
        await self._run_first(scope, body, send, caller, key)

    async def _reserve(self, caller: str, key: str, digest: str) -> bool:
        """Reserve the key, or take over a reservation of the same request whose lease ran
        out (compare-and-set on its time, so that one retry wins)."""
        now = datetime.now(UTC)
        if await self._sql(
            "INSERT INTO api_idempotency (scope, key, request_hash, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING key",
            (caller, key, digest, now.isoformat()),
        ):
            return True
        taken = await self._sql(
            "UPDATE api_idempotency SET created_at = ? WHERE scope = ? AND key = ?"
            " AND status IS NULL AND request_hash = ? AND created_at < ? RETURNING key",
            (now.isoformat(), caller, key, digest, (now - self.lease).isoformat()),
        )
        return bool(taken)

    async def _answer_retry(self, send: Send, caller: str, key: str, digest: str) -> None:
        rows = await self._sql(
            "SELECT request_hash, status, content_type, body, created_at FROM api_idempotency"
            " WHERE scope = ? AND key = ?",
            (caller, key),
        )
        if not rows:  # released between our insert and this read: ask the client to retry
            await _send(send, *_problem(409, "request with this Idempotency-Key was retried"))
            return
        stored_hash, status, content_type, stored_body, created_at = rows[0]
        if stored_hash != digest:
            await _send(send, *_problem(422, "Idempotency-Key already used for another request"))
        elif status is None:
            held = datetime.fromisoformat(created_at) + self.lease - datetime.now(UTC)
            wait = str(max(1, min(int(held.total_seconds()) + 1, 60)))
            problem = _problem(409, "a request with this Idempotency-Key is in progress")
            await _send(send, *problem, headers={"Retry-After": wait})
        else:
            await _send(send, status, stored_body.encode(), content_type, replayed=True)

    async def _run_first(
        self, scope: Scope, body: bytes, send: Send, caller: str, key: str
    ) -> None:
        delivered = False
        captured: dict[str, object] = {"chunks": []}

        async def replay_receive() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["content_type"] = (
                    dict(message.get("headers", []))
                    .get(b"content-type", b"application/json")
                    .decode("latin-1")
                )
            elif message["type"] == "http.response.body":
                captured["chunks"].append(message.get("body", b""))  # type: ignore[attr-defined]
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        finally:
            await self._settle(caller, key, captured)

    async def _settle(self, caller: str, key: str, captured: dict[str, object]) -> None:
        """Keep a 2xx answer for replays, release the key otherwise. The answer has been
        sent already: if the store fails now, the lease frees the key later."""
        status = captured.get("status")
        try:
            if isinstance(status, int) and 200 <= status < 300:
                await self._sql(
                    "UPDATE api_idempotency SET status = ?, content_type = ?, body = ?"
                    " WHERE scope = ? AND key = ?",
                    (
                        status,
                        captured["content_type"],
                        b"".join(captured["chunks"]).decode(),  # type: ignore[arg-type]
                        caller,
                        key,
                    ),
                )
            else:
                await self._sql(
                    "DELETE FROM api_idempotency WHERE scope = ? AND key = ?", (caller, key)
                )
        except STORE_ERRORS as error:
            log.warning("idempotency key %s not settled (%s); its lease will free it", key, error)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)


async def _send(
    send: Send,
    status: int,
    body: bytes,
    content_type: str = PROBLEM_JSON,
    replayed: bool = False,
    headers: dict[str, str] | None = None,
) -> None:
    fields = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    if replayed:
        fields.append((b"idempotent-replayed", b"true"))
    extra = headers or {}
    fields.extend((name.lower().encode(), value.encode()) for name, value in extra.items())
    await send({"type": "http.response.start", "status": status, "headers": fields})
    await send({"type": "http.response.body", "body": body})

"""Idempotent writes: a retried request with the same `Idempotency-Key` gets the first answer.

Keys are scoped to the caller's credentials. The first request reserves the key; a
successful (2xx) answer is stored and replayed to retries with the same body; the same key
with another body is refused (422); a retry while the first is still running gets 409.
Failed requests release the key so that a retry runs again.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registry.api.problems import PROBLEM_JSON, TITLES
from registry.servicedb import ServiceDatabase

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
    body = {
        "type": f"https://consentry.dev/problems/{status}",
        "title": TITLES[status],
        "status": status,
        "detail": detail,
        "errors": [{"field": field, "message": detail}],
    }
    return status, json.dumps(body).encode()


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, db: ServiceDatabase) -> None:
        self.app = app
        self.db = db
        db.execute(SCHEMA)

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
        reserved = self.db.execute(
            "INSERT INTO api_idempotency (scope, key, request_hash, created_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING key",
            (caller, key, digest, datetime.now(UTC).isoformat()),
        )
        if not reserved:
            await self._answer_retry(send, caller, key, digest)
            return
        await self._run_first(scope, body, send, caller, key)

    async def _answer_retry(self, send: Send, caller: str, key: str, digest: str) -> None:
        rows = self.db.execute(
            "SELECT request_hash, status, content_type, body FROM api_idempotency"
            " WHERE scope = ? AND key = ?",
            (caller, key),
        )
        if not rows:  # released between our insert and this read: ask the client to retry
            await _send(send, *_problem(409, "request with this Idempotency-Key was retried"))
            return
        stored_hash, status, content_type, stored_body = rows[0]
        if stored_hash != digest:
            await _send(send, *_problem(422, "Idempotency-Key already used for another request"))
        elif status is None:
            await _send(send, *_problem(409, "a request with this Idempotency-Key is in progress"))
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
            status = captured.get("status")
            if isinstance(status, int) and 200 <= status < 300:
                self.db.execute(
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
                self.db.execute(
                    "DELETE FROM api_idempotency WHERE scope = ? AND key = ?", (caller, key)
                )


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
    send: Send, status: int, body: bytes, content_type: str = PROBLEM_JSON, replayed: bool = False
) -> None:
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    if replayed:
        headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})

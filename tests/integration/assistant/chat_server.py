"""A scripted OpenAI-compatible chat server on loopback (uvicorn, real HTTP).

It speaks `POST /v1/chat/completions` with the response shape of the real API: a JSON
message content when the client asks for `response_format` (json_schema / json_object),
a tool call when it sends `tools`. Each test sets `server.reply` to a function from the
request body to the structured answer (a dict), a raw string, or a delay.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

Reply = Callable[[dict[str, Any]], Any]


@dataclass
class Raw:
    """Send this text as the message content, unparsed (for malformed output)."""

    content: str


@dataclass
class Slow:
    """Wait this long before answering (for timeouts)."""

    seconds: float


@dataclass
class ChatServer:
    url: str = ""
    reply: Reply = lambda body: {"answer": "", "citations": [], "insufficient_context": True}
    requests: list[dict[str, Any]] = field(default_factory=list)

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def completions(request: Request) -> JSONResponse:
            body = await request.json()
            self.requests.append(body)
            result = self.reply(body)
            if isinstance(result, Slow):
                await asyncio.sleep(result.seconds)
                result = {"answer": "late", "citations": [], "insufficient_context": True}
            return JSONResponse(_completion(body, result))

        return app


def _completion(body: dict[str, Any], result: Any) -> dict[str, Any]:
    content = result.content if isinstance(result, Raw) else json.dumps(result, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": content, "refusal": None}
    finish = "stop"
    if body.get("tools") and not body.get("response_format"):
        name = body["tools"][0]["function"]["name"]
        call = {
            "id": "call_1",
            "type": "function",
            "function": {"name": name, "arguments": content},
        }
        message = {"role": "assistant", "content": None, "tool_calls": [call], "refusal": None}
        finish = "tool_calls"
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "test-model"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def passages_in(body: dict[str, Any]) -> list[dict[str, str]]:
    """The passages the client sent: source, article and text of each <passage> block."""
    text = "\n".join(str(m.get("content")) for m in body["messages"] if m.get("role") == "user")
    pattern = re.compile(
        r'<passage id="[^"]*" source="([^"]*)" law="[^"]*" article="([^"]*)" kind="[^"]*">\n'
        r"(.*?)\n</passage>",
        re.DOTALL,
    )
    return [{"source": s, "article": a, "text": t} for s, a, t in pattern.findall(text)]


@contextmanager
def running(server: ChatServer) -> Iterator[ChatServer]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(server.app(), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    server.url = f"http://127.0.0.1:{port}/v1"
    try:
        yield server
    finally:
        uv.should_exit = True
        thread.join(timeout=10)

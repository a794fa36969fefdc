"""The assistant over HTTP: ask, chat sessions, a server-sent-events stream, the advice log.

`make_router(assistant, caller=…, reviewer=…)`: `caller` and `reviewer` are FastAPI
dependencies returning the authenticated principal (role, key_id, label) — any role for
asking, admins and regulators for the advice log. The assistant's errors map to problem
documents through `ASSISTANT_PROBLEMS`, handed to the app's one problem mapping
(`registry.api.problems.install_problem_handlers`).
"""

import json
from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from assistant.errors import (
    ArticleNotFoundError,
    AssistantError,
    QuestionError,
    RetrievalUnavailableError,
    SessionNotFoundError,
)
from assistant.schemas import (
    AdvicePage,
    AnswerPublic,
    ArticlePublic,
    SessionPublic,
    answer_public,
)
from assistant.service import AskRequest, Assistant
from registry.api.errors import ProblemError

PREFIX = "/v1/assistant"


class AskIn(BaseModel):
    question: str = Field(min_length=1, max_length=4000)
    subject_ref: str | None = Field(default=None, min_length=1, max_length=64)
    as_of: date | None = None
    session_id: str | None = Field(default=None, min_length=1, max_length=64)
    jurisdiction: Literal["CN", "EU"] | None = None

    def request(self, session_id: str | None = None) -> AskRequest:
        return AskRequest(
            self.question,
            self.subject_ref,
            self.as_of,
            session_id or self.session_id,
            self.jurisdiction,
        )


def assistant_problem(error: Exception) -> ProblemError:
    """The problem document answering one of the assistant's errors."""
    assert isinstance(error, AssistantError)
    if isinstance(error, QuestionError):
        errors = [{"field": error.field, "message": error.reason}]
        return ProblemError(422, str(error), code="invalid_question", errors=errors)
    if isinstance(error, SessionNotFoundError):
        return ProblemError(404, str(error), code="session_not_found")
    if isinstance(error, ArticleNotFoundError):
        errors = [{"field": "article", "message": str(error)}]
        return ProblemError(404, str(error), code="article_not_found", errors=errors)
    if isinstance(error, RetrievalUnavailableError):
        return ProblemError(503, str(error), code="knowledge_unavailable")
    return ProblemError(500, "assistant error; it has been logged")


ASSISTANT_PROBLEMS: dict[type[Exception], Callable[[Exception], ProblemError]] = {
    AssistantError: assistant_problem
}


def make_router(
    assistant: Assistant, *, caller: Callable[..., Any], reviewer: Callable[..., Any]
) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["assistant"])

    @router.post("/ask", response_model=AnswerPublic)
    def ask(body: AskIn, principal: Annotated[Any, Depends(caller)]) -> AnswerPublic:
        return answer_public(assistant.ask(body.request(), principal))

    @router.post("/ask/stream", response_class=StreamingResponse)
    def ask_stream(body: AskIn, principal: Annotated[Any, Depends(caller)]) -> StreamingResponse:
        events = assistant.ask_stream(body.request(), principal)
        return StreamingResponse(_sse(events), media_type="text/event-stream")

    @router.get("/passages", response_model=ArticlePublic)
    def article_text(
        principal: Annotated[Any, Depends(caller)],
        source: Annotated[str, Query(min_length=1, max_length=200)],
        article: Annotated[int, Query(ge=1, le=10_000)],
    ) -> ArticlePublic:
        """The full indexed text of one article of one source (what a citation points at)."""
        return ArticlePublic.of(assistant.article(source, article))

    @router.post("/sessions", status_code=201, response_model=SessionPublic)
    def open_session(principal: Annotated[Any, Depends(caller)]) -> SessionPublic:
        return SessionPublic.of(assistant.open_session(principal))

    @router.get("/sessions/{session_id}", response_model=SessionPublic)
    def read_session(session_id: str, principal: Annotated[Any, Depends(caller)]) -> SessionPublic:
        return SessionPublic.of(assistant.session(session_id, principal))

    @router.post("/sessions/{session_id}/ask", response_model=AnswerPublic)
    def ask_in_session(
        session_id: str, body: AskIn, principal: Annotated[Any, Depends(caller)]
    ) -> AnswerPublic:
        return answer_public(assistant.ask(body.request(session_id), principal))

    @router.delete("/sessions/{session_id}", status_code=204)
    def close_session(session_id: str, principal: Annotated[Any, Depends(caller)]) -> Response:
        assistant.close_session(session_id, principal)
        return Response(status_code=204)

    @router.get("/advice", response_model=AdvicePage)
    def advice(
        principal: Annotated[Any, Depends(reviewer)],
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> AdvicePage:
        entries = assistant.advice_entries(limit, offset)
        return AdvicePage(entries=[e.as_dict() for e in entries], limit=limit, offset=offset)

    return router


def _sse(events: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[str]:
    for name, data in events:
        yield f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"

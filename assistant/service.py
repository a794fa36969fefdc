"""The assistant: one pass through the stages of `assistant.stages` for each question —
read the question, retrieve, judge the evidence (the refusal decision), choose articles and
quotes, compose, render, record — and the article, session and advice-log reads beside it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from langchain_core.retrievers import BaseRetriever

from assistant.advice_log import AdviceEntry, AdviceLog
from assistant.errors import ArticleNotFoundError
from assistant.extractive import SentenceRanker
from assistant.passages import Passage
from assistant.ports import Caller, ConsentLookup, Drafter, SourceCatalog
from assistant.result import Answer
from assistant.sessions import Session, SessionStore
from assistant.settings import AssistantSettings
from assistant.stages.compose import Compose
from assistant.stages.judge import Judge, RefusalPolicy
from assistant.stages.question import Asked, AskRequest, ReadQuestion
from assistant.stages.record import Record
from assistant.stages.render import render
from assistant.stages.retrieve import Retrieve
from assistant.stages.select import Select

__all__ = ["AskRequest", "Assistant"]
Event = tuple[str, dict[str, Any]]


class Assistant:
    def __init__(
        self,
        retriever: BaseRetriever,
        catalog: SourceCatalog,
        settings: AssistantSettings | None = None,
        *,
        ranker: SentenceRanker | None = None,
        consents: ConsentLookup | None = None,
        advice: AdviceLog | None = None,
        sessions: SessionStore | None = None,
        drafter: Drafter | None = None,
        policy: RefusalPolicy | None = None,
    ) -> None:
        self.settings = settings = settings or AssistantSettings()
        self.catalog = catalog
        self.ranker = ranker or SentenceRanker()
        self.advice = advice
        self.sessions = sessions or SessionStore(
            settings.session_ttl_s, settings.session_max, settings.session_max_turns
        )
        self.read = ReadQuestion(self.sessions, settings.question_max_chars)
        self.retrieve = Retrieve(retriever, consents, settings.retrieve_k)
        self.judge = Judge(catalog, self.ranker, policy or RefusalPolicy())
        self.select = Select(settings.answer_articles, settings.nearest_articles)
        self.compose = Compose(drafter, settings.fuzzy_quote_threshold)
        self.record = Record(advice, self.sessions, catalog)

    @property
    def mode(self) -> str:
        return self.compose.mode

    def ask(self, request: AskRequest, caller: Caller) -> Answer:
        asked = self.read(request, caller)
        found = self.retrieve(asked)
        judged = self.judge(found)
        selection = self.select(judged)
        draft = self.compose(selection)
        rendered = render(draft)
        return self.record(rendered)

    def ask_stream(self, request: AskRequest, caller: Caller) -> Iterator[Event]:
        """Events: status, sources, answer text in pieces, citations, then the whole answer.

        The request is read before the first event, so a bad one fails before streaming."""
        return self._stream(self.read(request, caller))

    def _stream(self, asked: Asked) -> Iterator[Event]:
        yield "status", {"stage": "searching"}
        judged = self.judge(self.retrieve(asked))
        nearest = [g.label for g in judged.found.groups[: self.settings.nearest_articles]]
        flagged = [p.source for p in judged.found.flagged]
        yield "sources", {"articles": nearest, "flagged": flagged}
        yield "status", {"stage": "answering", "mode": self.mode}
        answer = self.record(render(self.compose(self.select(judged))))
        for line in answer.answer.splitlines(keepends=True):
            yield "delta", {"text": line}
        for citation in answer.citations:
            yield "citation", citation.as_dict()
        yield "done", answer.as_dict()

    def warm_up(self, passages: Iterable[Passage]) -> int:
        """Tokenize the corpus ahead of the first questions (run it in the background at
        start-up); returns the number of sentences prepared."""
        return self.ranker.warm(passages)

    def article(self, source: str, article: int) -> list[Passage]:
        """The indexed text of one article of one source, in reading order."""
        passages = self.catalog.article(source, article)
        if not passages:
            raise ArticleNotFoundError(source, article)
        return passages

    def open_session(self, caller: Caller) -> Session:
        return self.sessions.open(caller.key_id)

    def session(self, session_id: str, caller: Caller) -> Session:
        return self.sessions.get(session_id, caller.key_id)

    def close_session(self, session_id: str, caller: Caller) -> None:
        self.sessions.close(session_id, caller.key_id)

    def advice_entries(self, limit: int = 100, offset: int = 0) -> list[AdviceEntry]:
        return self.advice.entries(limit, offset) if self.advice else []

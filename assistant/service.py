"""The assistant: retrieve, judge whether the sources answer, answer with checked citations,
add the named customer's registry state, log the advice, remember the chat turn."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from datetime import time as clock_time
from typing import Any

from langchain_core.retrievers import BaseRetriever

from assistant import answering
from assistant.advice_log import AdviceEntry, AdviceLog
from assistant.documents import passage_of
from assistant.errors import ArticleNotFoundError, ModelAnswerError, QuestionError
from assistant.extractive import SentenceRanker
from assistant.grouping import ArticleGroup, group_passages
from assistant.injection import instruction_flags, split_flagged
from assistant.named_articles import named_in
from assistant.parts import question_parts
from assistant.passages import Passage
from assistant.ports import Caller, ConsentLookup, Drafter, SourceCatalog
from assistant.refusal import RefusalPolicy, decide, measure
from assistant.result import Answer, Prepared
from assistant.scope import check_scope
from assistant.sessions import Session, SessionStore, Turn, search_query
from assistant.settings import AssistantSettings
from assistant.subjects import (
    named_subjects,
    read_subjects,
    refers_back,
    render_subjects,
    without_refs,
)
from assistant.tokens import language_of
from assistant.wording import missing_note, render_flagged

# Articles weighed for the answer, and policy sections beside them (policies are cited only
# when no article fits, so they must not crowd the articles out).
CANDIDATE_ARTICLES = 12
CANDIDATE_POLICIES = 4
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
        self.settings = settings or AssistantSettings()
        self.retriever = retriever
        self.catalog = catalog
        self.ranker = ranker or SentenceRanker()
        self.consents = consents
        self.advice = advice
        self.sessions = sessions or SessionStore(
            self.settings.session_ttl_s, self.settings.session_max, self.settings.session_max_turns
        )
        self.drafter = drafter
        self.policy = policy or RefusalPolicy()

    @property
    def mode(self) -> str:
        return answering.LLM if self.drafter else answering.EXTRACTIVE

    def ask(self, request: AskRequest, caller: Caller) -> Answer:
        started = time.perf_counter()
        prepared = self.prepare(request, caller)
        return self.finish(prepared, self.compose(prepared), caller, started)

    def ask_stream(self, request: AskRequest, caller: Caller) -> Iterator[Event]:
        """Events: status, sources, answer text in pieces, citations, then the whole answer.

        The request is checked before the first event, so a bad one fails before streaming."""
        _checked_question(request.question, self.settings.question_max_chars)
        self._session(request.session_id, caller)
        return self._stream(request, caller)

    def _stream(self, request: AskRequest, caller: Caller) -> Iterator[Event]:
        started = time.perf_counter()
        yield "status", {"stage": "searching"}
        prepared = self.prepare(request, caller)
        nearest = [g.label for g in prepared.groups[: self.settings.nearest_articles]]
        yield "sources", {"articles": nearest, "flagged": [p.source for p in prepared.flagged]}
        yield "status", {"stage": "answering", "mode": self.mode}
        answer = self.finish(prepared, self.compose(prepared), caller, started)
        for line in answer.answer.splitlines(keepends=True):
            yield "delta", {"text": line}
        for citation in answer.citations:
            yield "citation", citation.as_dict()
        yield "done", answer.as_dict()

    def prepare(self, request: AskRequest, caller: Caller) -> Prepared:
        question = _checked_question(request.question, self.settings.question_max_chars)
        session = self._session(request.session_id, caller)
        previous = session.last if session else None
        query = search_query(without_refs(question), previous)
        refs = named_subjects(question, request.subject_ref)
        if not refs and previous is not None and refers_back(question):
            refs = list(previous.subjects)
        k, as_of, where = self.settings.retrieve_k, request.as_of, request.jurisdiction
        documents = self.retriever.invoke(query, k=k, as_of=as_of, jurisdiction=where)
        usable, flagged = split_flagged(passage_of(document) for document in documents)
        catalog = self.catalog.sources()
        scope = check_scope(question, catalog)
        groups = group_passages(usable)
        candidates, named = _candidates(groups), named_in(question, catalog)
        evidence = self.ranker.evidence(query, candidates, named)
        parts = [self.ranker.evidence(part, candidates, named) for part in question_parts(query)]
        signals = measure(query, evidence, scope, self.catalog.vocabulary())
        verdict = decide(signals, self.policy)
        reports = read_subjects(refs, caller.role, _end_of(as_of), self.consents)
        return Prepared(
            question,
            query,
            language_of(question),
            session,
            reports,
            as_of,
            groups,
            evidence,
            flagged,
            verdict,
            instruction_flags(question),
            parts,
        )

    def compose(self, prepared: Prepared) -> answering.Draft:
        language, limit = prepared.language, self.settings.answer_articles
        nearest = prepared.groups[: self.settings.nearest_articles]
        absent = prepared.verdict.signals.scope.absent
        if absent:
            return answering.no_such_article(absent, language, self.mode)
        if prepared.verdict.refused:
            missing = [item.name for item in prepared.verdict.signals.scope.missing]
            note = missing_note(missing, language)
            return answering.refusal(nearest, language, self.mode, note)
        if self.drafter is None:
            return answering.extractive(prepared.evidence, language, limit, parts=prepared.parts)
        try:
            state = render_subjects(prepared.subjects, language)
            return answering.with_model(
                self.drafter,
                prepared.question,
                prepared.evidence,
                language,
                state,
                self.settings.fuzzy_quote_threshold,
            )
        except ModelAnswerError as error:
            draft = answering.extractive(
                prepared.evidence, language, limit, answering.FALLBACK, prepared.parts
            )
            draft.fallback_reason = error.reason
            return draft

    def finish(
        self, prepared: Prepared, draft: answering.Draft, caller: Caller, started: float
    ) -> Answer:
        parts = [draft.answer]
        if prepared.subjects:
            parts.append(render_subjects(prepared.subjects, prepared.language))
        if prepared.flagged:
            parts.append(render_flagged(prepared.flagged, prepared.language))
        text = "\n\n".join(parts)
        entry = self._log(prepared, draft, caller)
        if prepared.session is not None:
            turn = Turn(
                prepared.question,
                prepared.query,
                text,
                tuple(c.label for c in draft.citations),
                draft.refused,
                tuple(r.subject_ref for r in prepared.subjects),
                time.time(),
            )
            self.sessions.add(prepared.session, turn)
        return Answer.build(prepared, draft, text, entry, self._version(), started)

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

    def _session(self, session_id: str | None, caller: Caller) -> Session | None:
        return self.sessions.get(session_id, caller.key_id) if session_id else None

    def _version(self) -> str:
        return self.catalog.index_version()

    def _log(
        self, prepared: Prepared, draft: answering.Draft, caller: Caller
    ) -> AdviceEntry | None:
        if self.advice is None:
            return None
        return self.advice.record(
            key_id=caller.key_id,
            role=str(caller.role),
            label=caller.label,
            question=prepared.question,
            mode=draft.mode,
            refused=draft.refused,
            cited=[c.label for c in draft.citations],
            index_version=self._version(),
            session_id=prepared.session.session_id if prepared.session else None,
        )


@dataclass(frozen=True)
class AskRequest:
    question: str
    subject_ref: str | None = None
    as_of: date | None = None
    session_id: str | None = None
    jurisdiction: str | None = None


def _checked_question(question: str, limit: int) -> str:
    text = (question or "").strip()
    if not text:
        raise QuestionError("question", "must not be empty")
    if len(text) > limit:
        raise QuestionError("question", f"must be at most {limit} characters")
    return text


def _candidates(groups: list[ArticleGroup]) -> list[ArticleGroup]:
    articles = [g for g in groups if g.citable.article is not None][:CANDIDATE_ARTICLES]
    policies = [g for g in groups if g.citable.article is None][:CANDIDATE_POLICIES]
    return sorted([*articles, *policies], key=lambda group: group.rank)


def _end_of(day: date | None) -> datetime | None:
    return datetime.combine(day, clock_time.max, tzinfo=UTC) if day else None

"""Chat sessions: earlier turns give a follow-up question its context.

Sessions live in memory (bounded in number and age) and belong to the key that opened
them; another key asking for one gets "not found". A follow-up is searched with the key
terms of the previous question added, and inherits the customer it spoke about.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.errors import SessionNotFoundError
from assistant.tokens import key_terms

FOLLOW_UP_TERMS = 12
_ANAPHORA = re.compile(
    r"^(?:那|那么|那如果|如果|还有|另外|这|这个|这种|此|它|其|同样|再)|呢[？?]?$"
    r"|^(?:and|but|also|so|then|what about|how about|what if|and if|same)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Turn:
    question: str
    search_query: str
    answer: str
    cited: tuple[str, ...]
    refused: bool
    subjects: tuple[str, ...]
    at: float


@dataclass
class Session:
    session_id: str
    owner: str
    created: float
    updated: float
    turns: list[Turn] = field(default_factory=list)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None


class SessionStore:
    def __init__(
        self,
        ttl_s: float,
        max_sessions: int,
        max_turns: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.ttl_s = ttl_s
        self.max_sessions = max_sessions
        self.max_turns = max_turns
        self.clock = clock
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def open(self, owner: str) -> Session:
        now = self.clock()
        session = Session(uuid.uuid4().hex, owner, now, now)
        with self._lock:
            self._expire(now)
            self._sessions[session.session_id] = session
            while len(self._sessions) > self.max_sessions:
                self._sessions.popitem(last=False)
        return session

    def get(self, session_id: str, owner: str) -> Session:
        with self._lock:
            self._expire(self.clock())
            session = self._sessions.get(session_id)
            if session is None or session.owner != owner:
                raise SessionNotFoundError(session_id)
            return session

    def add(self, session: Session, turn: Turn) -> None:
        with self._lock:
            session.turns.append(turn)
            del session.turns[: -self.max_turns]
            session.updated = turn.at
            if session.session_id in self._sessions:
                self._sessions.move_to_end(session.session_id)

    def close(self, session_id: str, owner: str) -> None:
        session = self.get(session_id, owner)
        with self._lock:
            self._sessions.pop(session.session_id, None)

    def _expire(self, now: float) -> None:
        stale = [sid for sid, s in self._sessions.items() if now - s.updated > self.ttl_s]
        for sid in stale:
            del self._sessions[sid]


def is_follow_up(question: str) -> bool:
    short = len(key_terms(question)) <= 6
    return short or _ANAPHORA.search(question.strip()) is not None


def search_query(question: str, previous: Turn | None) -> str:
    """The text to retrieve with: a follow-up borrows the previous question's key terms."""
    if previous is None or not is_follow_up(question):
        return question
    own = set(key_terms(question))
    borrowed = [term for term in key_terms(previous.search_query) if term not in own]
    if not borrowed:
        return question
    return f"{question} {' '.join(borrowed[:FOLLOW_UP_TERMS])}"

import pytest

from assistant.errors import SessionNotFoundError
from assistant.sessions import SessionStore, Turn, is_follow_up, search_query


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def turn(question: str, at: float = 0.0) -> Turn:
    return Turn(question, question, "answer", ("SDPL Art. 5",), False, (), at)


def test_a_session_belongs_to_the_key_that_opened_it() -> None:
    store = SessionStore(ttl_s=60, max_sessions=10, max_turns=5)
    session = store.open("key-a")
    assert store.get(session.session_id, "key-a") is session
    with pytest.raises(SessionNotFoundError) as error:
        store.get(session.session_id, "key-b")
    assert error.value.session_id == session.session_id


def test_idle_sessions_expire_and_the_oldest_go_first_when_full() -> None:
    clock = Clock()
    store = SessionStore(ttl_s=60, max_sessions=2, max_turns=5, clock=clock)
    first, second = store.open("k"), store.open("k")
    clock.now += 61
    with pytest.raises(SessionNotFoundError):
        store.get(first.session_id, "k")
    third, fourth, fifth = store.open("k"), store.open("k"), store.open("k")
    assert {s.session_id for s in (fourth, fifth)} == set(store._sessions)
    assert second.session_id not in store._sessions and third.session_id not in store._sessions


def test_turns_are_capped() -> None:
    store = SessionStore(ttl_s=60, max_sessions=10, max_turns=2)
    session = store.open("k")
    for n in range(3):
        store.add(session, turn(f"q{n}", n))
    assert [t.question for t in session.turns] == ["q1", "q2"]


def test_follow_up_borrows_the_previous_key_terms() -> None:
    previous = turn("公司合并时客户资料移交需要重新取得同意吗？")
    query = search_query("那分立呢？", previous)
    assert query.startswith("那分立呢？")
    assert "合并" in query and "同意" in query


def test_a_new_full_question_is_searched_as_asked() -> None:
    previous = turn("公司合并时客户资料移交需要重新取得同意吗？")
    question = "向境外提供客户资料之前，公司必须取得客户的单独同意并告知境外接收方的身份吗？"
    assert not is_follow_up(question)
    assert search_query(question, previous) == question

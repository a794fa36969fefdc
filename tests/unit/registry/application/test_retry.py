"""The one retry of conflicting writes: how often it runs a command, and how long it waits."""

from collections.abc import Callable

import pytest
from eventsourcing.persistence import RecordConflictError

from registry.api.problems import DOMAIN_ERRORS
from registry.application import retry
from registry.application.retry import ATTEMPTS, MAX_PAUSE_S, retry_on_conflict


@pytest.fixture()
def pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses asked for, without waiting them out."""
    asked: list[float] = []
    monkeypatch.setattr(retry.time, "sleep", asked.append)
    return asked


def conflicting(times: int) -> tuple[list[int], Callable[[], str]]:
    runs: list[int] = []

    def command() -> str:
        runs.append(len(runs))
        if len(runs) <= times:
            raise RecordConflictError("another writer saved first")
        return "saved"

    return runs, command


def test_a_command_that_lost_a_few_races_is_run_until_it_saves(pauses: list[float]) -> None:
    runs, command = conflicting(3)
    assert retry_on_conflict(command) == "saved"
    assert len(runs) == 4
    assert len(pauses) == 3


def test_the_last_conflict_propagates_after_the_stated_number_of_runs(
    pauses: list[float],
) -> None:
    runs, command = conflicting(ATTEMPTS)
    with pytest.raises(RecordConflictError):
        retry_on_conflict(command)
    assert len(runs) == ATTEMPTS
    assert len(pauses) == ATTEMPTS - 1


def test_pauses_stay_under_a_ceiling_that_doubles_up_to_the_maximum(pauses: list[float]) -> None:
    _, command = conflicting(ATTEMPTS - 1)
    retry_on_conflict(command)
    ceilings = [min(MAX_PAUSE_S, retry.FIRST_PAUSE_S * 2**n) for n in range(ATTEMPTS - 1)]
    assert all(0 <= pause <= ceiling for pause, ceiling in zip(pauses, ceilings, strict=True))
    assert sum(ceilings) < 10


def test_a_conflict_that_exhausted_the_retries_is_answered_409() -> None:
    problem = DOMAIN_ERRORS[RecordConflictError](RecordConflictError("lost"))
    assert (problem.status, problem.code) == (409, "conflict")

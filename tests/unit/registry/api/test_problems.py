"""The one mapping from errors to problem documents: the domain names the input at fault in
its own words, the answer names it as the API's callers know it."""

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from registry.api.problems import problem_document, registry_problem
from registry.domain import Subject, controller_id_for
from registry.errors import InvalidTransferRequest, SubjectAlreadyTransferred

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def move(subject: Subject, from_ref: str, to_ref: str) -> None:
    subject.change_controller(
        controller_id_for(to_ref),
        from_controller_id=controller_id_for(from_ref),
        succession_id=uuid4(),
        effective_on=date(2025, 6, 1),
        occurred_at=NOW,
    )


def test_a_subject_moved_twice_is_the_domains_subject_and_the_answers_subjects() -> None:
    subject = Subject.register(controller_id_for("acme"), "CUST-1", jurisdiction="cn", now=NOW)
    move(subject, "acme", "beta")
    with pytest.raises(SubjectAlreadyTransferred) as moved:
        move(subject, "acme", "gamma")
    assert moved.value.field == "subject"
    problem = registry_problem(moved.value)
    assert (problem.status, problem.code) == (422, "rule_violation")
    assert problem.errors == [{"field": "subjects", "message": moved.value.message}]
    assert problem.detail == f"{moved.value.message} (PIPL Art. 22)"


def test_a_field_the_application_names_is_reported_as_it_is() -> None:
    error = SubjectAlreadyTransferred(uuid4(), None, field="customer_refs")
    assert registry_problem(error).errors[0]["field"] == "customer_refs"


def test_a_cross_border_error_keeps_its_own_answer() -> None:
    error = InvalidTransferRequest("date", "expected a calendar date, got 'soon'")
    problem = registry_problem(error)
    assert (problem.status, problem.code, problem.detail) == (
        422,
        "invalid_transfer",
        "date: expected a calendar date, got 'soon'",
    )
    assert problem.errors == [{"field": "date", "message": "expected a calendar date, got 'soon'"}]
    assert problem_document(problem.status, problem.detail, code=problem.code)["type"] == (
        "https://consentry.dev/problems/invalid_transfer"
    )

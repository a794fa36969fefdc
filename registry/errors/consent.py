"""Errors of subjects, purposes, controllers and consents (tree in `registry.errors`)."""

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from registry.errors.base import AlreadyExistsError, NotFoundError, RuleViolation


class SubjectNotFound(NotFoundError):
    field = "subject"

    def __init__(self, subject_id: UUID) -> None:
        super().__init__(f"subject {subject_id} is not registered")
        self.subject_id = subject_id


class PurposeNotFound(NotFoundError):
    field = "purpose"

    def __init__(self, purpose_id: str) -> None:
        super().__init__(f"purpose {purpose_id!r} is not defined")
        self.purpose_id = purpose_id


class ControllerNotFound(NotFoundError):
    field = "controller"

    def __init__(self, controller_ref: str) -> None:
        super().__init__(f"controller {controller_ref!r} is not registered")
        self.controller_ref = controller_ref


class SubjectAlreadyRegistered(AlreadyExistsError):
    field = "customer_ref"

    def __init__(self, subject_id: UUID) -> None:
        super().__init__(f"subject {subject_id} is already registered")
        self.subject_id = subject_id


class PurposeAlreadyDefined(AlreadyExistsError):
    field = "purpose"

    def __init__(self, purpose_id: str) -> None:
        super().__init__(f"purpose {purpose_id!r} is already defined")
        self.purpose_id = purpose_id


class ControllerAlreadyRegistered(AlreadyExistsError):
    field = "controller"

    def __init__(self, controller_ref: str) -> None:
        super().__init__(f"controller {controller_ref!r} is already registered")
        self.controller_ref = controller_ref


class PurposeRetired(RuleViolation):
    def __init__(self, purpose_id: str) -> None:
        super().__init__(f"purpose {purpose_id!r} is retired", field="purpose", article=None)
        self.purpose_id = purpose_id


class SeparateConsentRequired(RuleViolation):
    def __init__(self, purpose_id: str, reasons: Sequence[str], articles: Sequence[str]) -> None:
        super().__init__(
            f"purpose {purpose_id!r} needs separate consent ({', '.join(reasons)})",
            field="separate",
            article="; ".join(articles),
        )
        self.purpose_id = purpose_id
        self.reasons = tuple(reasons)


class GuardianConsentRequired(RuleViolation):
    def __init__(self, subject_id: UUID, age: int) -> None:
        super().__init__(
            f"subject {subject_id} was {age} years old: a parent or guardian must consent",
            field="guardian",
            article="PIPL Art. 31",
        )
        self.subject_id = subject_id
        self.age = age


class SubjectErased(RuleViolation):
    def __init__(self, subject_id: UUID) -> None:
        super().__init__(
            f"subject {subject_id} was erased: nothing more can be recorded about them",
            field="subject",
            article="PIPL Art. 47",
        )
        self.subject_id = subject_id


class RevisionOutOfOrder(RuleViolation):
    def __init__(self, purpose_id: str, effective_at: datetime, current: datetime) -> None:
        super().__init__(
            f"revision of {purpose_id!r} effective {effective_at.isoformat()} precedes the "
            f"terms in force since {current.isoformat()}",
            field="effective_at",
            article=None,
        )
        self.purpose_id = purpose_id


class ChildConsentNotSeparate(RuleViolation):
    def __init__(self, subject_id: UUID, age: int) -> None:
        super().__init__(
            f"subject {subject_id} was {age} years old: a child's personal data is sensitive, "
            "so consent must be separate",
            field="separate",
            article="PIPL Art. 28; PIPL Art. 29",
        )
        self.subject_id = subject_id
        self.age = age


class WrittenConsentRequired(RuleViolation):
    def __init__(self, purpose_id: str, article: str) -> None:
        super().__init__(
            f"purpose {purpose_id!r} needs written consent", field="written", article=article
        )
        self.purpose_id = purpose_id

"""Errors of company transfers, the classification register, PIPIAs and incidents (tree in
`registry.errors`)."""

from datetime import date
from uuid import UUID

from registry.errors.base import AlreadyExistsError, NotFoundError, RuleViolation, StatusForbids


class SuccessionNotFound(NotFoundError):
    field = "succession"

    def __init__(self, succession_ref: str) -> None:
        super().__init__(f"succession {succession_ref!r} is not started")
        self.succession_ref = succession_ref


class CategoryNotFound(NotFoundError):
    field = "category"

    def __init__(self, category_id: str) -> None:
        super().__init__(f"data category {category_id!r} is not classified")
        self.category_id = category_id


class PipiaNotFound(NotFoundError):
    field = "pipia"

    def __init__(self, pipia_ref: str) -> None:
        super().__init__(f"impact assessment {pipia_ref!r} is not recorded")
        self.pipia_ref = pipia_ref


class IncidentNotFound(NotFoundError):
    field = "incident"

    def __init__(self, incident_ref: str) -> None:
        super().__init__(f"incident {incident_ref!r} is not opened")
        self.incident_ref = incident_ref


class SuccessionAlreadyStarted(AlreadyExistsError):
    field = "succession"

    def __init__(self, succession_ref: str) -> None:
        super().__init__(f"succession {succession_ref!r} is already started")
        self.succession_ref = succession_ref


class PipiaAlreadyRecorded(AlreadyExistsError):
    field = "pipia"

    def __init__(self, pipia_ref: str) -> None:
        super().__init__(f"impact assessment {pipia_ref!r} is already recorded")
        self.pipia_ref = pipia_ref


class IncidentAlreadyOpened(AlreadyExistsError):
    field = "incident"

    def __init__(self, incident_ref: str) -> None:
        super().__init__(f"incident {incident_ref!r} is already opened")
        self.incident_ref = incident_ref


class SameController(RuleViolation):
    def __init__(self, controller_ref: str) -> None:
        super().__init__(
            f"a succession needs two controllers: {controller_ref!r} cannot succeed itself",
            field="to_controller",
            article="PIPL Art. 22",
        )
        self.controller_ref = controller_ref


class SubjectAlreadyTransferred(RuleViolation):
    def __init__(
        self, subject_id: UUID, succession_id: UUID | None, *, field: str = "subject"
    ) -> None:
        by = f" by succession {succession_id}" if succession_id else ""
        super().__init__(
            f"subject {subject_id} was already transferred{by}: it no longer belongs to the "
            "transferring controller",
            field=field,
            article="PIPL Art. 22",
        )
        self.subject_id = subject_id
        self.succession_id = succession_id


class SuccessionInProgress(RuleViolation):
    def __init__(self, controller_ref: str, succession_ref: str) -> None:
        super().__init__(
            f"controller {controller_ref!r} is already transferring its subjects in succession "
            f"{succession_ref!r}; complete it first",
            field="from_controller",
            article=None,
        )
        self.succession_ref = succession_ref


class SuccessionStatusForbids(StatusForbids):
    def __init__(self, succession_ref: str, status: str, action: str) -> None:
        super().__init__("succession", succession_ref, status, action, field="succession")
        self.succession_ref = succession_ref


class NoticesPending(RuleViolation):
    def __init__(self, succession_ref: str, pending: int, failed: int) -> None:
        super().__init__(
            f"succession {succession_ref!r} cannot be completed: {pending} subject(s) not yet "
            f"notified and {failed} failed notice(s) without a recorded exception",
            field="notices",
            article="PIPL Art. 22",
        )
        self.succession_ref = succession_ref
        self.pending = pending
        self.failed = failed


class NotInSuccession(RuleViolation):
    def __init__(self, succession_ref: str, customer_ref: str) -> None:
        super().__init__(
            f"customer {customer_ref!r} was not transferred by succession {succession_ref!r}",
            field="customer_ref",
            article=None,
        )
        self.customer_ref = customer_ref


class RetentionPeriodActive(RuleViolation):
    def __init__(self, pipia_ref: str, kept_until: date) -> None:
        super().__init__(
            f"impact assessment {pipia_ref!r} must be kept until {kept_until.isoformat()}",
            field="pipia",
            article="PIPL Art. 56",
        )
        self.pipia_ref = pipia_ref
        self.kept_until = kept_until


class IncidentStatusForbids(StatusForbids):
    def __init__(self, incident_ref: str, status: str, action: str) -> None:
        super().__init__("incident", incident_ref, status, action, field="incident")
        self.incident_ref = incident_ref


class SubjectMovedToSuccessor(RuleViolation):
    """A write by a controller for a customer a company transfer moved to another."""

    def __init__(self, customer_ref: str, controller_ref: str, successor_ref: str) -> None:
        super().__init__(
            f"customer {customer_ref!r} was transferred from controller {controller_ref!r} to "
            f"its successor {successor_ref!r}: only {successor_ref!r} records for them now",
            field="controller",
            article="PIPL Art. 22",
        )
        self.customer_ref = customer_ref
        self.controller_ref = controller_ref
        self.successor_ref = successor_ref


class ProcessorNotFound(NotFoundError):
    field = "processor"

    def __init__(self, processor_ref: str) -> None:
        super().__init__(f"processor {processor_ref!r} is not registered")
        self.processor_ref = processor_ref


class ProcessorAlreadyRegistered(AlreadyExistsError):
    field = "processor"

    def __init__(self, processor_ref: str) -> None:
        super().__init__(f"processor {processor_ref!r} is already registered")
        self.processor_ref = processor_ref


class NoProcessingContract(RuleViolation):
    """The named recipient has no contract on record covering the purpose on the day."""

    def __init__(self, message: str, article: str | None) -> None:
        super().__init__(message, field="recipient", article=article)

"""The registry's errors. Every error carries the values that explain it.

    RegistryError
    ├── NotFoundError                 a subject, purpose or controller that is not registered
    │   ├── SubjectNotFound
    │   ├── PurposeNotFound
    │   ├── ControllerNotFound
    │   └── FlowNotFound
    ├── AlreadyExistsError            registering something twice
    │   ├── SubjectAlreadyRegistered
    │   ├── PurposeAlreadyDefined
    │   ├── ControllerAlreadyRegistered
    │   └── FlowAlreadyProposed
    ├── InvalidValueError             a bad input value; `field` names it
    │   └── OccursInFuture
    ├── RuleViolation                 a command the rules forbid; `field` names the input at fault
    │   ├── PurposeRetired
    │   ├── SeparateConsentRequired
    │   ├── GuardianConsentRequired
    │   ├── SubjectErased
    │   ├── RevisionOutOfOrder
    │   ├── FlowStatusForbids         a data-flow command its current status does not allow
    │   ├── MechanismRequired         approval without the mechanism the assessment requires
    │   ├── MechanismNotSuitable      a mechanism that does not meet the flow's assessment
    │   └── FlowNotOpen               subjects included in a flow not approved and valid then
    └── ImportRejected                a bulk import with bad rows; nothing was imported

`field` is set on every error that one input value caused, so callers (the importer, the
HTTP layer) can point at it.

Governance (company transfers, the classification register, PIPIAs, incidents) hangs off the
same branches:

    NotFoundError        SuccessionNotFound, CategoryNotFound, AssessmentNotFound,
                         IncidentNotFound
    AlreadyExistsError   SuccessionAlreadyStarted, AssessmentAlreadyRecorded,
                         IncidentAlreadyOpened
    RuleViolation        SameController, SubjectAlreadyTransferred, SuccessionInProgress,
                         SuccessionStatusForbids, NoticesPending, NotInSuccession,
                         RetentionPeriodActive, IncidentStatusForbids
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID


class RegistryError(Exception):
    field: str | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFoundError(RegistryError):
    field = "id"


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


class AlreadyExistsError(RegistryError):
    pass


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


class InvalidValueError(RegistryError):
    def __init__(self, field: str, value: object, problem: str) -> None:
        super().__init__(f"{field}: {problem} (got {value!r})")
        self.field = field
        self.value = value
        self.problem = problem


class OccursInFuture(InvalidValueError):
    def __init__(self, field: str, value: datetime, now: datetime) -> None:
        super().__init__(field, value.isoformat(), f"is later than now ({now.isoformat()})")
        self.now = now


class RuleViolation(RegistryError):
    def __init__(self, message: str, *, field: str, article: str | None) -> None:
        super().__init__(message)
        self.field = field
        self.article = article


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


class FlowNotFound(NotFoundError):
    field = "flow"

    def __init__(self, flow_ref: str) -> None:
        super().__init__(f"data flow {flow_ref!r} is not proposed")
        self.flow_ref = flow_ref


class FlowAlreadyProposed(AlreadyExistsError):
    field = "flow"

    def __init__(self, flow_ref: str) -> None:
        super().__init__(f"data flow {flow_ref!r} is already proposed")
        self.flow_ref = flow_ref


class FlowStatusForbids(RuleViolation):
    def __init__(self, flow_ref: str, status: str, action: str) -> None:
        super().__init__(
            f"data flow {flow_ref!r} is {status}: it cannot be {action}", field="flow", article=None
        )
        self.flow_ref = flow_ref
        self.status = status


class MechanismRequired(RuleViolation):
    def __init__(self, flow_ref: str, required: str, problem: str, article: str) -> None:
        super().__init__(
            f"data flow {flow_ref!r} needs {required}: {problem}",
            field="mechanism",
            article=article,
        )
        self.flow_ref = flow_ref
        self.required = required


class MechanismNotSuitable(RuleViolation):
    def __init__(self, flow_ref: str, kind: str, required: str, article: str) -> None:
        super().__init__(
            f"data flow {flow_ref!r} was assessed as needing {required}; {kind} does not meet it",
            field="kind",
            article=article,
        )
        self.flow_ref = flow_ref


class FlowNotOpen(RuleViolation):
    def __init__(self, flow_ref: str, problem: str, *, field: str = "flow") -> None:
        super().__init__(
            f"data flow {flow_ref!r} takes no subjects: {problem}",
            field=field,
            article="PIPL Art. 38",
        )
        self.flow_ref = flow_ref


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


class ImportRejected(RegistryError):
    def __init__(self, source: str, errors: Sequence[RowError]) -> None:
        shown = "; ".join(str(error) for error in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{source}: nothing imported, {len(errors)} bad row(s): {shown}{more}")
        self.source = source
        self.errors = tuple(errors)
        self.field = errors[0].field if errors else None


# Governance: company transfers, the classification register, PIPIAs, incidents.


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


class AssessmentNotFound(NotFoundError):
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


class AssessmentAlreadyRecorded(AlreadyExistsError):
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
    def __init__(self, subject_id: UUID, succession_id: UUID | None, *, field: str) -> None:
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


class SuccessionStatusForbids(RuleViolation):
    def __init__(self, succession_ref: str, status: str, action: str) -> None:
        super().__init__(
            f"succession {succession_ref!r} is {status}: it cannot be {action}",
            field="succession",
            article=None,
        )
        self.succession_ref = succession_ref
        self.status = status


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


class IncidentStatusForbids(RuleViolation):
    def __init__(self, incident_ref: str, status: str, action: str) -> None:
        super().__init__(
            f"incident {incident_ref!r} is {status}: it cannot be {action}",
            field="incident",
            article=None,
        )
        self.incident_ref = incident_ref

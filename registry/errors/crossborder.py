"""Errors of data flows and of the cross-border rule engine (tree in `registry.errors`).

The rule engine's errors (`CrossBorderError` and below) name the transfer-request field at
fault; their `problem` text already quotes the value.
"""

from registry.errors.base import (
    AlreadyExistsError,
    InvalidValueError,
    NotFoundError,
    RegistryError,
    RuleViolation,
    StatusForbids,
)


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


class FlowStatusForbids(StatusForbids):
    def __init__(self, flow_ref: str, status: str, action: str) -> None:
        super().__init__("data flow", flow_ref, status, action, field="flow")
        self.flow_ref = flow_ref


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


class CrossBorderError(InvalidValueError):
    """A transfer request the rule engine cannot decide on; `field` names the input."""

    field: str

    def __init__(self, field: str, problem: str) -> None:
        # Not InvalidValueError's "(got …)" form: `problem` already quotes the value.
        RegistryError.__init__(self, f"{field}: {problem}")
        self.field = field
        self.value = None
        self.problem = problem


class InvalidTransferRequest(CrossBorderError):
    """A field of the transfer request is malformed or out of range."""


class MissingTransferInput(CrossBorderError):
    """The rule set in force needs a field the caller left empty."""


class DateNotCovered(CrossBorderError):
    """The decision date precedes every rule set this engine knows for the origin."""


class UnknownRuleVersion(CrossBorderError):
    """A rule-version string that names no rule set of this engine."""


class TransferConsentMissing(RuleViolation):
    """Subjects a flow would carry without the consent it needs; `shown` names some of them
    as the caller sent them (`field`: their customer references, or their ids)."""

    def __init__(
        self, flow_ref: str, field: str, shown: list[str], missing: int, article: str
    ) -> None:
        names = ", ".join(repr(name) for name in shown)
        more = f" and {missing - len(shown)} more" if missing > len(shown) else ""
        super().__init__(
            f"data flow {flow_ref!r}: {missing} subject(s) have not given separate consent to "
            f"the provision abroad: {names}{more}; include them with consent_override saying "
            "why the consent is not needed",
            field=field,
            article=article,
        )
        self.flow_ref = flow_ref
        self.shown = tuple(shown)

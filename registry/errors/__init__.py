"""The registry's errors. Every error carries the values that explain it.

    RegistryError
    ├── NotFoundError                 something named that is not registered
    │   ├── SubjectNotFound               consent
    │   ├── PurposeNotFound               consent
    │   ├── ControllerNotFound            consent
    │   ├── FlowNotFound                  crossborder
    │   ├── SuccessionNotFound            governance
    │   ├── CategoryNotFound              governance
    │   ├── PipiaNotFound                 governance
    │   ├── IncidentNotFound              governance
    │   └── ProcessorNotFound             governance
    ├── AlreadyExistsError            registering something twice
    │   ├── SubjectAlreadyRegistered      consent
    │   ├── PurposeAlreadyDefined         consent
    │   ├── ControllerAlreadyRegistered   consent
    │   ├── FlowAlreadyProposed           crossborder
    │   ├── SuccessionAlreadyStarted      governance
    │   ├── PipiaAlreadyRecorded          governance
    │   ├── IncidentAlreadyOpened         governance
    │   └── ProcessorAlreadyRegistered    governance
    ├── InvalidValueError             a bad input value; `field` names it
    │   ├── OccursInFuture
    │   └── CrossBorderError              crossborder: a transfer request the rule engine
    │       │                             cannot decide on
    │       ├── InvalidTransferRequest    a field is malformed or out of range
    │       ├── MissingTransferInput      the rule set in force needs a field not given
    │       ├── DateNotCovered            no rule set of the origin covers the date
    │       └── UnknownRuleVersion        a rule-version string the engine does not know
    ├── RuleViolation                 a command the rules forbid; `field` names the input at
    │   │                             fault, `article` the provision
    │   ├── PurposeRetired                consent
    │   ├── SeparateConsentRequired       consent
    │   ├── GuardianConsentRequired       consent
    │   ├── ChildConsentNotSeparate       consent: a child's data needs separate consent
    │   ├── WrittenConsentRequired        consent
    │   ├── SubjectErased                 consent
    │   ├── RevisionOutOfOrder            consent
    │   ├── StatusForbids                 a command the current status does not allow
    │   │   ├── FlowStatusForbids         crossborder
    │   │   ├── SuccessionStatusForbids   governance
    │   │   └── IncidentStatusForbids     governance
    │   ├── MechanismRequired             crossborder: approval without the required mechanism
    │   ├── MechanismNotSuitable          crossborder: a mechanism short of the assessment
    │   ├── FlowNotOpen                   crossborder: subjects for a flow not open then
    │   ├── TransferConsentMissing        crossborder: subjects without consent to a flow
    │   ├── SameController                governance
    │   ├── SubjectAlreadyTransferred     governance
    │   ├── SuccessionInProgress          governance
    │   ├── NoticesPending                governance
    │   ├── NotInSuccession               governance
    │   ├── SubjectMovedToSuccessor       governance: a write by the controller a customer left
    │   ├── RetentionPeriodActive         governance
    │   └── NoProcessingContract          governance: a recipient without a contract on
    │                                     record for the purpose (PIPL Art. 21, 23)
    └── ImportRejected                a bulk import with bad rows (`RowError`s); nothing was
                                      imported

`field` is set on every error that one input value caused, in the domain's own words, so
callers (the importer, the CLI, the HTTP layer) can point at it. The modules: `base` (the
branches and the import rejection), `consent`, `crossborder`, `governance`.

The subpackages whose errors are not the domain's draw their own trees beside them:
`registry.api.errors` (HTTP answers, key configuration), `registry.audit.errors` (signing
keys, exports), `registry.privacy.errors` (the master key).
"""

from registry.errors.base import (
    AlreadyExistsError,
    ImportRejected,
    InvalidValueError,
    NotFoundError,
    OccursInFuture,
    RegistryError,
    RowError,
    RuleViolation,
    StatusForbids,
)
from registry.errors.consent import (
    ChildConsentNotSeparate,
    ControllerAlreadyRegistered,
    ControllerNotFound,
    GuardianConsentRequired,
    PurposeAlreadyDefined,
    PurposeNotFound,
    PurposeRetired,
    RevisionOutOfOrder,
    SeparateConsentRequired,
    SubjectAlreadyRegistered,
    SubjectErased,
    SubjectNotFound,
    WrittenConsentRequired,
)
from registry.errors.crossborder import (
    CrossBorderError,
    DateNotCovered,
    FlowAlreadyProposed,
    FlowNotFound,
    FlowNotOpen,
    FlowStatusForbids,
    InvalidTransferRequest,
    MechanismNotSuitable,
    MechanismRequired,
    MissingTransferInput,
    TransferConsentMissing,
    UnknownRuleVersion,
)
from registry.errors.governance import (
    CategoryNotFound,
    IncidentAlreadyOpened,
    IncidentNotFound,
    IncidentStatusForbids,
    NoProcessingContract,
    NoticesPending,
    NotInSuccession,
    PipiaAlreadyRecorded,
    PipiaNotFound,
    ProcessorAlreadyRegistered,
    ProcessorNotFound,
    RetentionPeriodActive,
    SameController,
    SubjectAlreadyTransferred,
    SubjectMovedToSuccessor,
    SuccessionAlreadyStarted,
    SuccessionInProgress,
    SuccessionNotFound,
    SuccessionStatusForbids,
)

__all__ = [
    "AlreadyExistsError",
    "CategoryNotFound",
    "ChildConsentNotSeparate",
    "ControllerAlreadyRegistered",
    "ControllerNotFound",
    "CrossBorderError",
    "DateNotCovered",
    "FlowAlreadyProposed",
    "FlowNotFound",
    "FlowNotOpen",
    "FlowStatusForbids",
    "GuardianConsentRequired",
    "ImportRejected",
    "IncidentAlreadyOpened",
    "IncidentNotFound",
    "IncidentStatusForbids",
    "InvalidTransferRequest",
    "InvalidValueError",
    "MechanismNotSuitable",
    "MechanismRequired",
    "MissingTransferInput",
    "NoProcessingContract",
    "NotFoundError",
    "NotInSuccession",
    "NoticesPending",
    "OccursInFuture",
    "PipiaAlreadyRecorded",
    "PipiaNotFound",
    "ProcessorAlreadyRegistered",
    "ProcessorNotFound",
    "PurposeAlreadyDefined",
    "PurposeNotFound",
    "PurposeRetired",
    "RegistryError",
    "RetentionPeriodActive",
    "RevisionOutOfOrder",
    "RowError",
    "RuleViolation",
    "SameController",
    "SeparateConsentRequired",
    "StatusForbids",
    "SubjectAlreadyRegistered",
    "SubjectAlreadyTransferred",
    "SubjectErased",
    "SubjectMovedToSuccessor",
    "SubjectNotFound",
    "SuccessionAlreadyStarted",
    "SuccessionInProgress",
    "SuccessionNotFound",
    "SuccessionStatusForbids",
    "TransferConsentMissing",
    "UnknownRuleVersion",
    "WrittenConsentRequired",
]

"""ImpactAssessment: a personal information protection impact assessment (PIPIA).

The aggregate keeps the class name its stored events are filed under (their topic);
everything else calls it a PIPIA (`pipia_ref`, `PipiaNotFound`).

Done before risky processing (PIPL Art. 55): its scope, the risks found, the measures taken,
the conclusion, who reviewed it and when it was completed; linked to the successions, data
flows and purposes it covers. The report and the processing record are kept for at least
three years (Art. 56): deleting or archiving it earlier is refused.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.errors import InvalidValueError, RetentionPeriodActive

PIPIA_NAMESPACE = UUID("b7e0c9d4-21f5-4a83-b6d1-4c9e2f8a7035")
RETENTION_YEARS = 3
ARTICLES = ("PIPL Art. 55", "PIPL Art. 56")


def pipia_uuid(pipia_ref: str) -> UUID:
    return uuid5(PIPIA_NAMESPACE, pipia_ref)


class Outcome(StrEnum):
    ACCEPTABLE = "acceptable"
    ACCEPTABLE_WITH_MEASURES = "acceptable_with_measures"
    NOT_ACCEPTABLE = "not_acceptable"


class Disposal(StrEnum):
    DELETED = "deleted"
    ARCHIVED = "archived"


@dataclass(frozen=True)
class Links:
    successions: tuple[str, ...] = ()
    flows: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()

    def merged(self, other: "Links") -> "Links":
        def both(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys((*a, *b)))

        return Links(
            both(self.successions, other.successions),
            both(self.flows, other.flows),
            both(self.purposes, other.purposes),
        )


def kept_until(completed_on: date) -> date:
    """Three years after completion (29 February counts to 28 February)."""
    year = completed_on.year + RETENTION_YEARS
    try:
        return completed_on.replace(year=year)
    except ValueError:
        return completed_on.replace(year=year, day=28)


class ImpactAssessment(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(pipia_ref: str) -> UUID:
        return pipia_uuid(pipia_ref)

    @classmethod
    def record(
        cls,
        pipia_ref: str,
        *,
        scope: str,
        risks: list[str],
        measures: list[str],
        conclusion: str,
        outcome: Outcome | str,
        reviewer: str,
        completed_on: date,
        links: Links,
        now: datetime,
    ) -> "ImpactAssessment":
        for field, text in (
            ("pipia", pipia_ref),
            ("scope", scope),
            ("conclusion", conclusion),
            ("reviewer", reviewer),
        ):
            if not text.strip():
                raise InvalidValueError(field, text, "must not be empty")
        if completed_on > now.date():
            raise InvalidValueError("completed_on", completed_on.isoformat(), "is in the future")
        try:
            outcome = Outcome(outcome)
        except ValueError:
            allowed = ", ".join(o.value for o in Outcome)
            raise InvalidValueError("outcome", outcome, f"must be one of: {allowed}") from None
        return cls._create(
            cls.Recorded,
            id=pipia_uuid(pipia_ref),
            pipia_ref=pipia_ref,
            scope=scope,
            risks=list(risks),
            measures=list(measures),
            conclusion=conclusion,
            outcome=outcome.value,
            reviewer=reviewer,
            completed_on=completed_on,
            successions=list(links.successions),
            flows=list(links.flows),
            purposes=list(links.purposes),
            recorded_at=now,
        )

    class Recorded(Aggregate.Created):
        class_version = 1
        pipia_ref: str
        scope: str
        risks: list[str]
        measures: list[str]
        conclusion: str
        outcome: str
        reviewer: str
        completed_on: date
        successions: list[str]
        flows: list[str]
        purposes: list[str]
        recorded_at: datetime

    @event(Recorded)
    def __init__(
        self,
        pipia_ref: str,
        scope: str,
        risks: list[str],
        measures: list[str],
        conclusion: str,
        outcome: str,
        reviewer: str,
        completed_on: date,
        successions: list[str],
        flows: list[str],
        purposes: list[str],
        recorded_at: datetime,
    ) -> None:
        self.pipia_ref, self.scope, self.conclusion = pipia_ref, scope, conclusion
        self.risks, self.measures = tuple(risks), tuple(measures)
        self.outcome, self.reviewer = Outcome(outcome), reviewer
        self.completed_on, self.recorded_at = completed_on, recorded_at
        self.links = Links(tuple(successions), tuple(flows), tuple(purposes))
        self.disposal: tuple[Disposal, str, datetime] | None = None

    @property
    def kept_until(self) -> date:
        return kept_until(self.completed_on)

    class Linked(Aggregate.Event):
        class_version = 1
        successions: list[str]
        flows: list[str]
        purposes: list[str]

    def link(self, links: Links) -> bool:
        merged = self.links.merged(links)
        if merged == self.links:
            return False
        self._linked(list(merged.successions), list(merged.flows), list(merged.purposes))
        return True

    @event(Linked)
    def _linked(self, successions: list[str], flows: list[str], purposes: list[str]) -> None:
        self.links = Links(tuple(successions), tuple(flows), tuple(purposes))

    class Disposed(Aggregate.Event):
        class_version = 1
        action: str
        reason: str
        occurred_at: datetime

    def dispose(self, action: Disposal | str, *, reason: str, now: datetime) -> None:
        """Delete or archive: only once the retention period has passed (PIPL Art. 56)."""
        try:
            action = Disposal(action)
        except ValueError:
            raise InvalidValueError("action", action, "must be deleted or archived") from None
        if now.date() < self.kept_until:
            raise RetentionPeriodActive(self.pipia_ref, self.kept_until)
        if self.disposal is not None:
            raise InvalidValueError("pipia", self.pipia_ref, f"is already {self.disposal[0]}")
        if not reason.strip():
            raise InvalidValueError("reason", reason, "say why it is disposed of")
        self._disposed(action.value, reason, now)

    @event(Disposed)
    def _disposed(self, action: str, reason: str, occurred_at: datetime) -> None:
        self.disposal = (Disposal(action), reason, occurred_at)

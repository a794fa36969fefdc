"""DataCategory: one entry of the data classification register, with its level and why.

Levels follow the company's classification policy: public, internal, personal (PIPL Art. 4)
and sensitive personal (PIPL Art. 28). A purpose that uses a sensitive category needs the
person's separate consent (PIPL Art. 29); the application applies that when purposes are
defined or revised.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from registry.errors import InvalidValueError

CATEGORY_NAMESPACE = UUID("6a1d4e0b-58c3-4f27-9d62-0e8b3c7f5a19")
SENSITIVE_ARTICLE = "PIPL Art. 28"


def category_uuid(category_id: str) -> UUID:
    return uuid5(CATEGORY_NAMESPACE, category_id)


class DataLevel(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"
    PERSONAL = "personal"
    SENSITIVE_PERSONAL = "sensitive_personal"


@dataclass(frozen=True)
class Classification:
    level: DataLevel
    rationale: str
    article: str | None
    classified_at: datetime


def _checked(
    level: DataLevel | str, rationale: str, article: str | None
) -> tuple[str, str, str | None]:
    try:
        level = DataLevel(level)
    except ValueError:
        allowed = ", ".join(member.value for member in DataLevel)
        raise InvalidValueError("level", level, f"must be one of: {allowed}") from None
    if not rationale.strip():
        raise InvalidValueError("rationale", rationale, "say why the category has this level")
    if level is DataLevel.SENSITIVE_PERSONAL and not (article or "").strip():
        article = SENSITIVE_ARTICLE
    return level.value, rationale, article or None


class DataCategory(Aggregate):
    class_version = 1

    @staticmethod
    def create_id(category_id: str) -> UUID:
        return category_uuid(category_id)

    @classmethod
    def classify(
        cls,
        category_id: str,
        level: DataLevel | str,
        *,
        rationale: str,
        article: str | None = None,
        now: datetime,
    ) -> "DataCategory":
        if not category_id.strip():
            raise InvalidValueError("category", category_id, "must not be empty")
        level_value, rationale, article = _checked(level, rationale, article)
        return cls._create(
            cls.Classified,
            id=category_uuid(category_id),
            category_id=category_id,
            level=level_value,
            rationale=rationale,
            article=article,
            classified_at=now,
        )

    class Classified(Aggregate.Created):
        class_version = 1
        category_id: str
        level: str
        rationale: str
        article: str | None
        classified_at: datetime

    class Reclassified(Aggregate.Event):
        class_version = 1
        level: str
        rationale: str
        article: str | None
        classified_at: datetime

    @event(Classified)
    def __init__(
        self,
        category_id: str,
        level: str,
        rationale: str,
        article: str | None,
        classified_at: datetime,
    ) -> None:
        self.category_id = category_id
        self.history = [Classification(DataLevel(level), rationale, article, classified_at)]

    @property
    def current(self) -> Classification:
        return self.history[-1]

    @property
    def sensitive(self) -> bool:
        return self.current.level is DataLevel.SENSITIVE_PERSONAL

    def reclassify(
        self, level: DataLevel | str, *, rationale: str, article: str | None, now: datetime
    ) -> bool:
        """False (and no event) when level, rationale and article are unchanged."""
        checked = _checked(level, rationale, article)
        current = self.current
        if (current.level.value, current.rationale, current.article) == checked:
            return False
        self._reclassified(*checked, classified_at=now)
        return True

    @event(Reclassified)
    def _reclassified(
        self, level: str, rationale: str, article: str | None, classified_at: datetime
    ) -> None:
        self.history.append(Classification(DataLevel(level), rationale, article, classified_at))

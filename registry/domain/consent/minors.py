"""Children's answers: under 14, a parent or guardian consents (PIPL Art. 31), and the
child's personal data is sensitive (Art. 28), so consent to it must be separate (Art. 29).

Age is taken on the day of each answer, from the birth date whenever it becomes known: a
birth date learnt later voids the consents a child gave without what a child's need.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from registry.domain.consent.consent import ConsentDetails, ConsentRecord, ConsentStatus
from registry.errors import ChildConsentNotSeparate, GuardianConsentRequired

GUARDIAN_AGE = 14
"""Below this age a parent or guardian consents for the child (PIPL Art. 31)."""
GUARDIAN_ARTICLE = "PIPL Art. 31"
CHILD_DATA_ARTICLES = "PIPL Art. 28; PIPL Art. 29"


@dataclass(frozen=True)
class ChildConsentGap:
    """What a child's consent lacks: a guardian's consent, separateness, or both."""

    age: int
    no_guardian: bool
    not_separate: bool

    @property
    def article(self) -> str:
        articles = [GUARDIAN_ARTICLE] if self.no_guardian else []
        return "; ".join(articles + ([CHILD_DATA_ARTICLES] if self.not_separate else []))

    @property
    def reason(self) -> str:
        lacking = ["a parent's or guardian's consent"] if self.no_guardian else []
        if self.not_separate:
            lacking.append("separate consent (a child's data is sensitive)")
        return f"given at age {self.age} without " + " and ".join(lacking)


def age_on(birth_date: date, day: date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def child_consent_gap(
    birth_date: date | None, at: datetime, *, guardian: bool, separate: bool
) -> ChildConsentGap | None:
    """What a consent given at `at` lacks for a child born on `birth_date`; None if nothing."""
    if birth_date is None:
        return None
    age = age_on(birth_date, at.date())
    if age >= GUARDIAN_AGE or (guardian and separate):
        return None
    return ChildConsentGap(age, not guardian, not separate)


def check_child_consent(details: ConsentDetails, birth_date: date | None, subject: UUID) -> None:
    gap = child_consent_gap(
        birth_date, details.occurred_at, guardian=details.guardian, separate=details.separate
    )
    if gap is not None and gap.no_guardian:
        raise GuardianConsentRequired(subject, gap.age)
    if gap is not None:
        raise ChildConsentNotSeparate(subject, gap.age)


def voided_by_age(
    records: Iterable[ConsentRecord], birth_date: date | None
) -> Iterator[tuple[str, ChildConsentGap]]:
    """The consents still given that a child gave without what a child's consent needs."""
    for record in records:
        if record.status is not ConsentStatus.GIVEN:
            continue
        gap = child_consent_gap(
            birth_date, record.occurred_at, guardian=record.guardian, separate=record.separate
        )
        if gap is not None:
            yield record.purpose_id, gap

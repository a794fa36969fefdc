"""The period a question is about: a date given by the caller, or one named in the question.

"2025年" means the whole of 2025, "2025年6月" June 2025, "in 2026" the whole of 2026. A chunk
is kept when its [effective_from, effective_to] overlaps that period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {name: index for index, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name[:3]: index for name, index in list(_MONTHS.items())})
_ZH = re.compile(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?)?")
_ISO = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d/])")
_EN = re.compile(
    r"\b(?:in|during|as\s+of|on|by|before|after|until|since|from|throughout)\s+"
    r"(?:(?:early|late|mid)[\s-]+)?(?:(" + "|".join(_MONTHS) + r")\.?\s+(?:(\d{1,2}),?\s+)?)?"
    r"((?:19|20)\d{2})\b(?![/-]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def day(cls, day: date) -> Period:
        return cls(day, day)

    def overlaps(self, effective_from: date | None, effective_to: date | None) -> bool:
        begins = effective_from is None or effective_from <= self.end
        return begins and (effective_to is None or self.start <= effective_to)


def period_in(question: str) -> Period | None:
    """The first date named in the question, as the period it spans; None when there is none."""
    found: list[tuple[int, Period | None]] = []
    for match in _ZH.finditer(question):
        found.append((match.start(), _period(match.group(1), match.group(2), match.group(3))))
    for match in _ISO.finditer(question):
        found.append((match.start(), _period(*match.groups())))
    for match in _EN.finditer(question):
        month = match.group(1) and _MONTHS[match.group(1).capitalize()[:3]]
        found.append((match.start(), _period(match.group(3), month, match.group(2))))
    valid = [(position, period) for position, period in found if period is not None]
    return min(valid, key=lambda item: item[0])[1] if valid else None


def _period(year: str, month: str | int | None, day: str | None) -> Period | None:
    try:
        if month is None:
            return Period(date(int(year), 1, 1), date(int(year), 12, 31))
        if day is None:
            last = calendar.monthrange(int(year), int(month))[1]
            return Period(date(int(year), int(month), 1), date(int(year), int(month), last))
        return Period.day(date(int(year), int(month), int(day)))
    except ValueError:
        return None

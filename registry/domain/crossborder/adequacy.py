"""The dated table of EU adequacy decisions (GDPR Art. 45) the engine relies on.

Only decisions whose number and adoption date are certain are listed. Decisions adopted
under Directive 95/46/EC stay in force through Art. 45(9); later ones rest on Art. 45(3).
`until` is the first day a decision no longer covers; it is set where an expiry is known and
no later decision has been recorded here. Update this table when the Commission adopts,
renews or repeals a decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from registry.domain.crossborder.versions import GDPR_IN_FORCE


@dataclass(frozen=True)
class AdequacyDecision:
    country: str
    name: str
    decision: str
    adopted_on: date
    until: date | None = None
    scope: str = ""
    certified_recipients_only: bool = False

    @property
    def article(self) -> str:
        return "GDPR Art. 45(9)" if self.adopted_on < GDPR_IN_FORCE else "GDPR Art. 45(3)"


ADEQUACY_DECISIONS: tuple[AdequacyDecision, ...] = (
    AdequacyDecision("CH", "Switzerland", "Decision 2000/518/EC", date(2000, 7, 26)),
    AdequacyDecision(
        "CA",
        "Canada",
        "Decision 2002/2/EC",
        date(2001, 12, 20),
        scope="commercial organisations subject to PIPEDA",
    ),
    AdequacyDecision("AR", "Argentina", "Decision 2003/490/EC", date(2003, 6, 30)),
    AdequacyDecision("GG", "Guernsey", "Decision 2003/821/EC", date(2003, 11, 21)),
    AdequacyDecision("IM", "Isle of Man", "Decision 2004/411/EC", date(2004, 4, 28)),
    AdequacyDecision("JE", "Jersey", "Decision 2008/393/EC", date(2008, 5, 8)),
    AdequacyDecision("FO", "Faroe Islands", "Decision 2010/146/EU", date(2010, 3, 5)),
    AdequacyDecision("AD", "Andorra", "Decision 2010/625/EU", date(2010, 10, 19)),
    AdequacyDecision("IL", "Israel", "Decision 2011/61/EU", date(2011, 1, 31)),
    AdequacyDecision("UY", "Uruguay", "Decision 2012/484/EU", date(2012, 8, 21)),
    AdequacyDecision("NZ", "New Zealand", "Decision 2013/65/EU", date(2012, 12, 19)),
    AdequacyDecision(
        "JP",
        "Japan",
        "Implementing Decision (EU) 2019/419",
        date(2019, 1, 23),
        scope="private-sector recipients under the APPI and its supplementary rules",
    ),
    AdequacyDecision(
        "GB",
        "United Kingdom",
        "Implementing Decision (EU) 2021/1772",
        date(2021, 6, 28),
        # Sunset first set for 2025-06-27, extended by six months; a renewal is not recorded.
        until=date(2025, 12, 27),
    ),
    AdequacyDecision(
        "KR", "Republic of Korea", "Implementing Decision (EU) 2022/254", date(2021, 12, 17)
    ),
    AdequacyDecision(
        "US",
        "United States",
        "Implementing Decision (EU) 2023/1795",
        date(2023, 7, 10),
        scope="recipients certified under the EU-U.S. Data Privacy Framework",
        certified_recipients_only=True,
    ),
)

_BY_COUNTRY = {decision.country: decision for decision in ADEQUACY_DECISIONS}


def adequacy_for(country: str) -> AdequacyDecision | None:
    """The adequacy decision recorded for `country`, whatever its dates."""
    return _BY_COUNTRY.get(country)

"""The country codes a destination may carry: every code ISO 3166-1 has assigned as
alpha-2 (249), and no reserved, withdrawn or user-assigned one (no EU, UK, XK or XX).

Update the table when the ISO 3166 Maintenance Agency assigns or withdraws a code.
"""

import re

from registry.errors import InvalidValueError

_ASSIGNED = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
"""
ASSIGNED_CODES = frozenset(_ASSIGNED.split())
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


def country_problem(value: object) -> str | None:
    """Why `value` is not an assigned ISO 3166-1 alpha-2 code; None when it is one."""
    if not isinstance(value, str) or not _TWO_CAPITALS.fullmatch(value):
        return "expected an ISO 3166-1 alpha-2 code of two capital letters"
    if value not in ASSIGNED_CODES:
        return "is not a country code ISO 3166-1 has assigned"
    return None


EUROPEAN_UNION = "EU"
"""Exceptionally reserved in ISO 3166-1 for the Union: a jurisdiction, not a country."""


def check_country(field: str, value: str) -> str:
    """`value` as an assigned code (surrounding spaces and case forgiven), or refused."""
    code = value.strip().upper()
    problem = country_problem(code)
    if problem is not None:
        raise InvalidValueError(field, value, problem)
    return code


def check_jurisdiction(field: str, value: str) -> str:
    """A country, or the EU."""
    if value.strip().upper() == EUROPEAN_UNION:
        return EUROPEAN_UNION
    return check_country(field, value)

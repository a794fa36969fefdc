"""ISO 3166-1 alpha-2 country codes, and the checks that an input names one."""

from registry.errors import InvalidValueError

ASSIGNED = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ
    DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP
    GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG
    KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML
    MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE
    PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL
    SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM
    US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
ISO_3166 = frozenset(ASSIGNED.split())
"""The officially assigned codes."""
EUROPEAN_UNION = "EU"
"""Exceptionally reserved in ISO 3166-1 for the Union: a jurisdiction, not a country."""


def check_country(field: str, value: str) -> str:
    """`value` upper-cased, or `InvalidValueError` naming `field` if it is no assigned code."""
    code = value.strip().upper()
    if code not in ISO_3166:
        raise InvalidValueError(field, value, "must be an ISO 3166-1 alpha-2 country code")
    return code


def check_jurisdiction(field: str, value: str) -> str:
    """A country, or the EU."""
    if value.strip().upper() == EUROPEAN_UNION:
        return EUROPEAN_UNION
    return check_country(field, value)

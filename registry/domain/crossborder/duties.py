"""Duties that come with a transfer whatever mechanism it needs (or when it is exempt)."""

from __future__ import annotations

from registry.domain.crossborder.request import TransferRequest
from registry.domain.crossborder.values import Duty, Mechanism
from registry.domain.crossborder.versions import CN_2024

PROVISIONS = "CAC Cross-Border Provisions"
MEASURES = "CAC Security Assessment Measures"


def cn_duties(
    request: TransferRequest, rule_version: str, mechanism: Mechanism, *, personal: bool
) -> tuple[Duty, ...]:
    """CN duties; `personal` says whether personal information leaves the country."""
    duties = list(_personal_information_duties(request)) if personal else []
    if personal and request.sensitive:
        duties += _sensitive_duties()
    if mechanism is Mechanism.SECURITY_ASSESSMENT:
        duties.append(
            Duty(f"{MEASURES} Art. 5", "Carry out a self-assessment of the outbound risk first.")
        )
    if rule_version == CN_2024:
        duties += _provisions_duties(personal=personal)
    return tuple(duties)


def _personal_information_duties(request: TransferRequest) -> list[Duty]:
    categories = ", ".join(request.data_categories) or "the categories sent"
    return [
        Duty(
            "PIPL Art. 39",
            f"Tell each individual the recipient's name ({request.recipient}) and contact "
            f"details, the purposes ({', '.join(request.purposes)}), the processing method, "
            f"the categories of personal information ({categories}) and how to exercise "
            "their rights against the recipient.",
        ),
        Duty(
            "PIPL Art. 39",
            "Obtain each individual's separate consent to the provision abroad where consent "
            "is the lawful basis (PIPL Art. 13-14).",
        ),
        Duty(
            "PIPL Art. 38",
            "Take the necessary measures so that the recipient's processing meets the "
            "protection standard of the PIPL (last paragraph).",
        ),
        Duty(
            "PIPL Art. 55",
            "Carry out a personal information protection impact assessment before the "
            "transfer (item 4: provision abroad).",
        ),
        Duty(
            "PIPL Art. 56",
            "Keep the impact assessment report and the processing record for at least 3 years.",
        ),
    ]


def _sensitive_duties() -> list[Duty]:
    return [
        Duty("PIPL Art. 29", "Obtain separate consent to processing sensitive information."),
        Duty(
            "PIPL Art. 30",
            "Tell the individual why the sensitive information is necessary and how the "
            "processing affects their rights.",
        ),
    ]


def _provisions_duties(*, personal: bool) -> list[Duty]:
    duties = [
        Duty(
            f"{PROVISIONS} Art. 11",
            "Keep the exported data secure; report a data security incident to the "
            "cyberspace authority and take remedial action.",
        )
    ]
    if personal:
        duties.insert(
            0,
            Duty(
                f"{PROVISIONS} Art. 10",
                "Notice, separate consent and the impact assessment apply whether or not "
                "the transfer is exempt.",
            ),
        )
    return duties


def eu_duties(*, third_country: bool, explicit_consent: bool) -> tuple[Duty, ...]:
    """GDPR duties of a transfer; none within the EEA."""
    if not third_country:
        return ()
    duties = [
        Duty(
            "GDPR Art. 13(1)(f)",
            "Tell data subjects of the transfer and of the adequacy decision or the "
            "safeguards relied on, and how to obtain a copy (Art. 14(1)(f) when the data "
            "was not collected from them).",
        ),
        Duty("GDPR Art. 30(1)(e)", "Record the transfer and the third country."),
    ]
    if explicit_consent:
        duties.append(
            Duty(
                "GDPR Art. 49(1)(a)",
                "Inform the data subject of the risks of a transfer without adequacy or "
                "safeguards before asking for explicit consent.",
            )
        )
    return tuple(duties)

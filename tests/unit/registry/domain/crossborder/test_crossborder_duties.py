"""CN duties that apply whatever the mechanism, exemptions included."""

from datetime import date

import pytest

from registry.domain.crossborder.rules import assess

P = "CAC Cross-Border Provisions"
PERSONAL = ("PIPL Art. 39", "PIPL Art. 39", "PIPL Art. 38", "PIPL Art. 55", "PIPL Art. 56")
SENSITIVE = ("PIPL Art. 29", "PIPL Art. 30")
PROVISIONS = (f"{P} Art. 10", f"{P} Art. 11")
SELF_ASSESSMENT = ("CAC Security Assessment Measures Art. 5",)


@pytest.mark.parametrize(
    ("fields", "duties"),
    [
        pytest.param({"individuals": 10}, PERSONAL + PROVISIONS, id="small transfer, exempt"),
        pytest.param(
            {"scenario": "contract", "individuals": 10},
            PERSONAL + PROVISIONS,
            id="contract exemption keeps the duties",
        ),
        pytest.param(
            {"sensitive": True, "individuals": 10},
            PERSONAL + SENSITIVE + PROVISIONS,
            id="sensitive",
        ),
        pytest.param(
            {"ciio": True, "individuals": 10},
            PERSONAL + SELF_ASSESSMENT + PROVISIONS,
            id="security assessment",
        ),
        pytest.param(
            {"scenario": "no_personal_information"},
            (f"{P} Art. 11",),
            id="no personal information",
        ),
        pytest.param(
            {"date": date(2023, 9, 1), "ciio": True},
            PERSONAL + SELF_ASSESSMENT,
            id="2022 rules",
        ),
    ],
)
def test_duty_articles(make_request, fields, duties) -> None:
    assert assess(make_request(**fields)).duty_articles == duties


def test_notice_names_recipient_purposes_and_categories(make_request) -> None:
    request = make_request(
        recipient="Globex Ltd",
        purposes=("billing", "support"),
        data_categories=("email", "order history"),
        individuals=10,
    )

    notice = assess(request).duties[0].text

    for expected in ("Globex Ltd", "billing, support", "email, order history", "rights"):
        assert expected in notice


def test_impact_assessment_kept_three_years(make_request) -> None:
    duties = {duty.article: duty.text for duty in assess(make_request(individuals=1)).duties}

    assert "3 years" in duties["PIPL Art. 56"]

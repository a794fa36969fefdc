"""The consent rules the law sets whatever the controller says: revisions material by law,
children's consents judged by their age on the day they answered, written consent."""

from datetime import UTC, date, datetime, timedelta

import pytest

from registry.domain import (
    ConsentDetails,
    ConsentStatus,
    Purpose,
    PurposeSpec,
    Subject,
    controller_id_for,
    decide,
)
from registry.errors import WrittenConsentRequired

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
LAST_YEAR = NOW - timedelta(days=365)


def test_a_revision_adding_sensitive_data_is_material_though_not_flagged() -> None:
    purpose = Purpose.define(
        "loyalty", PurposeSpec("Loyalty", "consent"), effective_at=LAST_YEAR, now=NOW
    )
    subject = Subject.register(controller_id_for("acme"), "C-1", jurisdiction="CN", now=NOW)
    subject.give_consent(purpose.current, ConsentDetails(LAST_YEAR), now=NOW)

    purpose.revise(
        PurposeSpec("Loyalty", "consent", sensitive=True), material=False, effective_at=NOW, now=NOW
    )

    assert purpose.current.material_version == 2
    assert purpose.changes_by_law(2) == ["PIPL Art. 29"]
    standing = purpose.standing_at(NOW, {})
    decision = decide("loyalty", standing, subject.consents["loyalty"], NOW)
    assert (decision.allowed, decision.reasons[0].code) == (False, "consent_invalidated")


def test_dropping_a_separate_consent_case_is_not_material_by_law() -> None:
    spec = PurposeSpec("Loyalty", "consent", separate_consent_reasons=frozenset({"cross_border"}))
    purpose = Purpose.define("loyalty", spec, effective_at=LAST_YEAR, now=NOW)
    purpose.revise(PurposeSpec("Loyalty", "consent"), material=False, effective_at=NOW, now=NOW)
    assert (purpose.current.material_version, purpose.changes_by_law(2)) == (1, [])


def test_a_birth_date_learnt_later_voids_only_what_a_child_gave_without_its_needs() -> None:
    purposes = {
        name: Purpose.define(name, PurposeSpec(name, "consent"), effective_at=LAST_YEAR, now=NOW)
        for name in ("plain", "guarded", "complete", "older")
    }
    subject = Subject.register(controller_id_for("acme"), "C-2", jurisdiction="CN", now=NOW)
    given = {
        "plain": ConsentDetails(NOW),
        "guarded": ConsentDetails(NOW, guardian=True),
        "complete": ConsentDetails(NOW, guardian=True, separate=True),
        "older": ConsentDetails(NOW + timedelta(days=1)),  # given on the 14th birthday
    }
    for name, details in given.items():
        subject.give_consent(purposes[name].current, details, now=NOW + timedelta(days=1))

    assert subject.change_details(now=NOW, birth_date=date(2011, 6, 2))

    voided = {
        purpose_id: (record.reason, record.article)
        for purpose_id, record in subject.consents.items()
        if record.status is ConsentStatus.INVALIDATED
    }
    assert voided == {
        "plain": (
            "given at age 13 without a parent's or guardian's consent and separate consent "
            "(a child's data is sensitive)",
            "PIPL Art. 31; PIPL Art. 28; PIPL Art. 29",
        ),
        "guarded": (
            "given at age 13 without separate consent (a child's data is sensitive)",
            "PIPL Art. 28; PIPL Art. 29",
        ),
    }


def test_written_consent_is_required_where_the_terms_say_so() -> None:
    spec = PurposeSpec("Archive", "consent", requires_written_consent=True)
    purpose = Purpose.define("archive", spec, effective_at=LAST_YEAR, now=NOW)
    subject = Subject.register(controller_id_for("acme"), "C-3", jurisdiction="CN", now=NOW)
    with pytest.raises(WrittenConsentRequired) as error:
        subject.give_consent(purpose.current, ConsentDetails(NOW), now=NOW)
    assert (error.value.field, error.value.article) == ("written", "PIPL Art. 14")
    subject.give_consent(purpose.current, ConsentDetails(NOW, written=True), now=NOW)
    assert subject.consents["archive"].written


def test_terms_stored_before_written_consent_existed_read_back_without_it() -> None:
    stored = PurposeSpec("Archive", "consent").to_fields()
    del stored["requires_written_consent"]
    assert PurposeSpec.from_fields(stored).requires_written_consent is False

"""The classification register, PIPIA retention and the incident register, on every store."""

from datetime import UTC, date, datetime, timedelta

import pytest
from registry_scenarios import answered

from registry.application import Registry
from registry.domain import LawfulBasis, PurposeSpec
from registry.domain.governance.incident import Notification
from registry.domain.governance.pipia import Links, kept_until
from registry.errors import (
    IncidentStatusForbids,
    InvalidValueError,
    PipiaAlreadyRecorded,
    PurposeNotFound,
    RetentionPeriodActive,
    SeparateConsentRequired,
)

TODAY = date.today()


def test_a_purpose_using_a_sensitive_category_needs_separate_consent(
    registry: Registry,
) -> None:
    _, created = registry.categories.classify_category(
        "email", "personal", rationale="identifies a person"
    )
    registry.categories.classify_category(
        "diagnosis", "sensitive_personal", rationale="medical data"
    )
    assert created
    assert registry.categories.category("diagnosis").current.article == "PIPL Art. 28"

    care_spec = PurposeSpec(
        "Care plan", LawfulBasis.CONSENT, data_categories=("email", "diagnosis")
    )
    registry.purposes.define_purpose("care", care_spec)
    care = registry.app.purpose("care").current.spec
    assert care.sensitive and [r.value for r in care.separate_consent_reasons] == ["sensitive"]
    subject = registry.consents.register_subject("acme", "CUST-CARE")
    with pytest.raises(SeparateConsentRequired):
        registry.consents.give_consent(subject, "care", answered(1))
    registry.consents.give_consent(subject, "care", answered(1, separate=True))
    assert registry.queries.may(subject, "care").allowed

    registry.purposes.define_purpose(
        "mailing", PurposeSpec("Mailing", LawfulBasis.CONSENT, data_categories=("email",))
    )
    assert not registry.app.purpose("mailing").current.spec.sensitive
    registry.purposes.revise_purpose(
        "mailing",
        PurposeSpec("Mailing", LawfulBasis.CONSENT, data_categories=("email", "diagnosis")),
        material=True,
    )
    assert registry.app.purpose("mailing").current.spec.sensitive


def test_the_register_reports_unclassified_and_reclassified_categories(
    registry: Registry,
) -> None:
    registry.categories.classify_category(
        "location", "personal", rationale="a place, not yet precise"
    )
    delivery = PurposeSpec("Delivery", LawfulBasis.CONTRACT, data_categories=("location", "phone"))
    registry.purposes.define_purpose("delivery", delivery)
    unchanged, _ = registry.categories.classify_category(
        "location", "personal", rationale="a place, not yet precise"
    )
    assert unchanged is None
    position, created = registry.categories.classify_category(
        "location", "sensitive_personal", rationale="precise whereabouts", article="PIPL Art. 28"
    )
    assert position is not None and not created

    report = registry.categories.classification_report(registry.purposes.all())
    location = next(line for line in report.categories if line.category_id == "location")
    assert (location.level, location.purposes) == ("sensitive_personal", ["delivery"])
    assert report.unclassified["phone"] == ["delivery"]
    assert report.not_separate == ["delivery"]
    assert [c.level.value for c in registry.categories.category("location").history] == [
        "personal",
        "sensitive_personal",
    ]


def test_bad_classifications_name_the_field_and_write_nothing(registry: Registry) -> None:
    before = registry.app.recorder.max_notification_id()
    with pytest.raises(InvalidValueError) as level:
        registry.categories.classify_category("email", "secret", rationale="x")
    with pytest.raises(InvalidValueError) as rationale:
        registry.categories.classify_category("email", "personal", rationale=" ")
    assert (level.value.field, rationale.value.field) == ("level", "rationale")
    assert registry.app.recorder.max_notification_id() == before


def test_a_pipia_is_kept_three_years_before_it_may_be_deleted(registry: Registry) -> None:
    recent = TODAY - timedelta(days=2 * 365)
    registry.assessments.record_assessment(
        "PIPIA-2024-07",
        scope="newsletter data shared with the mailing processor",
        risks=["leak at the processor"],
        measures=["contract clauses", "encryption"],
        conclusion="acceptable with the measures",
        outcome="acceptable_with_measures",
        reviewer="DPO",
        completed_on=recent,
        links=Links(purposes=("newsletter",)),
    )
    before = registry.app.recorder.max_notification_id()
    with pytest.raises(RetentionPeriodActive) as kept:
        registry.assessments.dispose_of_assessment(
            "PIPIA-2024-07", "deleted", reason="no longer needed"
        )
    assert (kept.value.field, kept.value.article) == ("pipia", "PIPL Art. 56")
    assert kept.value.kept_until == kept_until(recent)
    with pytest.raises(RetentionPeriodActive):
        registry.assessments.dispose_of_assessment("PIPIA-2024-07", "archived", reason="tidy up")
    assert registry.app.recorder.max_notification_id() == before

    old = TODAY - timedelta(days=3 * 366)
    registry.assessments.record_assessment(
        "PIPIA-2022-01",
        scope="payroll",
        risks=[],
        measures=[],
        conclusion="acceptable",
        outcome="acceptable",
        reviewer="DPO",
        completed_on=old,
    )
    registry.assessments.dispose_of_assessment("PIPIA-2022-01", "archived", reason="superseded")
    disposed = registry.assessments.assessment("PIPIA-2022-01").disposal
    assert disposed is not None and disposed[0].value == "archived"
    assert [a.pipia_ref for a in registry.assessments.all()] == ["PIPIA-2022-01", "PIPIA-2024-07"]
    assert (
        registry.assessments.link_assessment("PIPIA-2024-07", Links(purposes=("payroll",)))
        is not None
    )
    assert registry.assessments.assessment("PIPIA-2024-07").links.purposes == (
        "newsletter",
        "payroll",
    )


def test_a_pipia_with_bad_links_or_dates_is_refused(registry: Registry) -> None:
    fields: dict[str, object] = {
        "scope": "s",
        "risks": [],
        "measures": [],
        "conclusion": "c",
        "outcome": "acceptable",
        "reviewer": "DPO",
        "completed_on": TODAY,
    }
    before = registry.app.recorder.max_notification_id()
    with pytest.raises(PurposeNotFound) as purpose:
        registry.assessments.record_assessment("P-1", **fields, links=Links(purposes=("nope",)))  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError) as future:
        registry.assessments.record_assessment(
            "P-1", **fields | {"completed_on": TODAY + timedelta(days=2)}
        )  # type: ignore[arg-type]
    assert (purpose.value.field, future.value.field) == ("purposes", "completed_on")
    assert registry.app.recorder.max_notification_id() == before
    registry.assessments.record_assessment("P-1", **fields)  # type: ignore[arg-type]
    with pytest.raises(PipiaAlreadyRecorded):
        registry.assessments.record_assessment("P-1", **fields)  # type: ignore[arg-type]
    assert kept_until(date(2024, 2, 29)) == date(2027, 2, 28)


def test_incident_deadlines_are_met_missed_or_not_required(registry: Registry) -> None:
    now = datetime.now(UTC)
    registry.consents.register_subject("acme", "CUST-LEAK")
    registry.incidents.open_incident(
        "INC-1",
        controller="acme",
        title="CRM export left public",
        severity="relatively_major",
        discovered_at=now - timedelta(hours=6),
        categories=["email", "phone"],
        subjects_affected=1_200_000,
        customer_refs=["CUST-LEAK"],
        measures=["link revoked"],
    )
    registry.incidents.notify_incident(
        "INC-1", Notification("authority", "Shanghai CAC", now - timedelta(hours=3), "12387")
    )
    report = {d.duty: d for d in registry.incidents.incident_report("INC-1").deadlines}
    initial = report["report to the authority"]
    assert (initial.status.value, initial.due_at) == ("met", now - timedelta(hours=2))
    assert report["notify the individuals"].status.value == "open"

    told = Notification("individuals", "customers", now - timedelta(hours=1), "sms", 1_200_000)
    registry.incidents.notify_incident("INC-1", told)
    registry.incidents.close_incident(
        "INC-1", "link revoked, no misuse found", handling_ended_at=now - timedelta(minutes=30)
    )
    done = {d.duty: d.status.value for d in registry.incidents.incident_report("INC-1").deadlines}
    assert done == {
        "report to the authority": "met",
        "summary report after handling": "open",
        "notify the personal information authority": "met",
        "notify the individuals": "met",
    }
    with pytest.raises(IncidentStatusForbids) as closed:
        registry.incidents.take_incident_measure("INC-1", "more", taken_at=now)
    assert closed.value.field == "incident"
    registry.incidents.report_incident_summary("INC-1", reported_at=now)
    assert registry.incidents.incident_report("INC-1").missed == []


def test_a_late_report_is_missed_and_a_general_incident_needs_none(
    registry: Registry,
) -> None:
    now = datetime.now(UTC)
    registry.controllers.register_controller(
        "grid", name="Grid Co", contact="soc@grid.example", jurisdiction="CN", ciio=True
    )
    registry.incidents.open_incident(
        "INC-2",
        controller="grid",
        title="ransomware",
        severity="major",
        discovered_at=now - timedelta(hours=5),
        categories=["account"],
        subjects_affected=0,
    )
    registry.incidents.notify_incident(
        "INC-2", Notification("authority", "police", now - timedelta(hours=3), "phone")
    )
    late = registry.incidents.incident_report("INC-2")
    assert late.incident.operator.value == "ciio"
    assert [d.duty for d in late.missed] == ["report to the authority"]

    registry.incidents.open_incident(
        "INC-3",
        controller="acme",
        title="mis-sent e-mail",
        severity="general",
        discovered_at=now - timedelta(days=1),
        categories=["email"],
        subjects_affected=1,
    )
    registry.incidents.waive_individual_notice("INC-3", "recalled before it was read")
    general = {
        d.duty: d.status.value for d in registry.incidents.incident_report("INC-3").deadlines
    }
    assert general["report to the authority"] == "not_required"
    assert general["notify the individuals"] == "not_required"
    with pytest.raises(InvalidValueError) as severity:
        registry.incidents.open_incident(
            "INC-4",
            controller="acme",
            title="x",
            severity="huge",
            discovered_at=now,
            categories=[],
            subjects_affected=0,
        )
    assert severity.value.field == "severity"
    assert [i.incident_ref for i in registry.incidents.all()] == ["INC-3", "INC-2"]

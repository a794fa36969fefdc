"""Bulk import: every row is checked first; one bad row and nothing of the file is written."""

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from registry_scenarios import OpenRegistry, answered, days_ago
from succession_scenarios import ref, seed_customers, start_merger, two_controllers

from registry.application import Registry
from registry.domain import ConsentStatus, subject_id_for
from registry.errors import ImportRejected
from registry.importer import import_file

HEADER = (
    "controller,customer_ref,purpose,status,occurred_at,channel,separate,guardian,evidence,"
    "birth_date\n"
)


def write_csv(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_a_csv_file_is_imported_in_batches(registry: Registry, tmp_path: Path) -> None:
    known = registry.consents.register_subject("acme", "CUST-0001")
    registry.consents.give_consent(known, "newsletter", answered(1500))  # before the withdrawal
    source = write_csv(
        tmp_path / "seller-export.csv",
        "acme,CUST-0001,newsletter,withdrawn,2024-05-02T09:30:00+08:00,app,,,sha256:01,",
        "acme,CUST-0002,newsletter,given,2023-11-20T10:00:00+08:00,web,,,sha256:02,1980-02-29",
        "acme,CUST-0002,health-data,given,2023-11-20T10:05:00+08:00,web,true,,sha256:03,",
        "acme,CUST-0003,newsletter,refused,2024-01-08T16:45:00Z,call,,,,",
        "acme,CUST-0004,newsletter,given,2024-02-01T08:00:00+08:00,web,true,yes,sha256:04,2015-07-01",
    )
    before = registry.app.recorder.max_notification_id()

    report = import_file(registry, source, batch_events=3)

    assert (report.rows, report.subjects_registered, report.events) == (5, 3, 8)
    assert report.last_position == registry.app.recorder.max_notification_id() == before + 8
    assert not registry.queries.may(known, "newsletter").allowed
    second = subject_id_for(registry.app.controller("acme").id, "CUST-0002")
    assert registry.queries.may(second, "health-data").allowed
    assert [c.status for c in registry.queries.current_state(second).consents] == [
        ConsentStatus.GIVEN,
        ConsentStatus.GIVEN,
    ]
    child = subject_id_for(registry.app.controller("acme").id, "CUST-0004")
    assert registry.queries.current_state(child).get("newsletter").record.guardian  # type: ignore[union-attr]


def test_one_bad_row_imports_nothing_and_names_line_and_field(
    registry: Registry, tmp_path: Path
) -> None:
    good = {
        "controller": "acme",
        "customer_ref": "CUST-0100",
        "purpose": "newsletter",
        "status": "given",
        "occurred_at": "2024-03-01T12:00:00+08:00",
    }
    rows = [
        good,
        good | {"customer_ref": "CUST-0101"},
        good | {"customer_ref": "CUST-0102", "purpose": "health-data"},  # not separate
        good | {"customer_ref": "CUST-0103", "occurred_at": "2024-03-01 12:00"},  # no offset
    ]
    source = tmp_path / "consents.jsonl"
    source.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    log_before, rows_before = registry.queries.event_log(0, 1000), registry.app.store.view.dump()

    with pytest.raises(ImportRejected) as rejected:
        import_file(registry, source)

    assert [(e.line, e.field) for e in rejected.value.errors] == [
        (3, "separate"),
        (4, "occurred_at"),
    ]
    assert "line 3, separate" in str(rejected.value)
    assert registry.queries.event_log(0, 1000) == log_before
    assert registry.app.store.view.dump() == rows_before


def test_unknown_columns_controllers_and_values_are_all_reported(
    registry: Registry, tmp_path: Path
) -> None:
    misspelt = tmp_path / "misspelt.csv"
    misspelt.write_text("controller,customer_ref,purpose,status,occurred_at,seperate\n")
    with pytest.raises(ImportRejected) as header:
        import_file(registry, misspelt)
    assert [(e.line, e.field) for e in header.value.errors] == [(1, "seperate")]

    source = write_csv(
        tmp_path / "mixed.csv",
        "globex,CUST-1,newsletter,given,2024-01-01T00:00:00Z,web,,,,",
        "acme,CUST-2,newsletter,maybe,2024-01-01T00:00:00Z,web,,,,",
        "acme,CUST-3,newsletter,given,2024-01-01T00:00:00Z,web,perhaps,,,",
        "acme,,newsletter,given,2024-01-01T00:00:00Z,web,,,,",
    )
    with pytest.raises(ImportRejected) as rows:
        import_file(registry, source)
    assert [(e.line, e.field) for e in rows.value.errors] == [
        (2, "controller"),
        (3, "status"),
        (4, "separate"),
        (5, "customer_ref"),
    ]
    assert registry.queries.event_log(0, 1000)[-1].name == "Purpose.Defined"


def test_an_inherited_customer_is_updated_not_registered_again(
    open_registry: OpenRegistry, tmp_path: Path
) -> None:
    """After a merger the new controller imports its records: customers it inherited are
    the same subjects, found under the id they were first registered with."""
    registry = open_registry()
    two_controllers(registry)
    inherited = seed_customers(registry, "acme", 2)
    start_merger(registry)
    registry.successions.execute_succession("acme-into-beta")
    source = write_csv(
        tmp_path / "beta.csv",
        f"beta,{ref(1)},newsletter,withdrawn,2025-01-10T09:00:00+08:00,web,,,,",
        "beta,NEW-1,newsletter,given,2025-01-10T09:00:00+08:00,web,,,,",
    )

    report = import_file(registry, source)

    assert (report.subjects_registered, report.events) == (1, 3)
    assert registry.queries.history(inherited[1])[-1].name == "Subject.ConsentWithdrawn"
    assert not registry.queries.may(inherited[1], "newsletter").allowed
    assert registry.queries.may(inherited[0], "newsletter").allowed


def test_a_birth_date_in_a_row_is_kept_for_a_known_subject_and_judges_its_consents(
    registry: Registry, tmp_path: Path
) -> None:
    known = registry.consents.register_subject("acme", "CUST-0200")
    registry.consents.give_consent(known, "newsletter", answered(30))
    child, yesterday = (date.today() - timedelta(days=3650)).isoformat(), days_ago(1).isoformat()
    unguarded = write_csv(
        tmp_path / "unguarded.csv",
        f"acme,CUST-0200,health-data,given,{yesterday},web,true,,,{child}",
    )
    with pytest.raises(ImportRejected) as error:
        import_file(registry, unguarded)
    assert [(e.line, e.field) for e in error.value.errors] == [(2, "guardian")]

    source = write_csv(
        tmp_path / "guarded.csv",
        f"acme,CUST-0200,health-data,given,{yesterday},web,true,yes,,{child}",
    )
    assert import_file(registry, source).events == 3
    assert [e.name for e in registry.queries.history(known)[-3:]] == [
        "Subject.DetailsChanged",
        "Subject.ConsentInvalidated",
        "Subject.ConsentGiven",
    ]
    newsletter = registry.queries.may(known, "newsletter")
    assert (newsletter.allowed, newsletter.reasons[0].article) == (
        False,
        "PIPL Art. 31; PIPL Art. 28; PIPL Art. 29",
    )
    assert registry.queries.may(known, "health-data").allowed


def test_evidence_is_imported_as_its_digest_and_a_language_must_be_bcp_47(
    registry: Registry, tmp_path: Path
) -> None:
    row = {
        "controller": "acme",
        "customer_ref": "CUST-0300",
        "purpose": "newsletter",
        "status": "given",
        "occurred_at": "2024-05-02T09:30:00+08:00",
        "evidence": "call recording 2024-05-02 #88",
    }
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(row | {"language": "!!not a lang"}) + "\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as error:
        import_file(registry, bad)
    assert [(e.line, e.field) for e in error.value.errors] == [(1, "language")]

    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(row | {"language": "zh-Hans-CN"}) + "\n", encoding="utf-8")
    import_file(registry, good)
    subject = subject_id_for(registry.app.controller("acme").id, "CUST-0300")
    given = registry.queries.history(subject)[-1].data
    digest = hashlib.sha256(row["evidence"].encode()).hexdigest()
    assert (given["evidence_digest"], given["language"]) == (f"sha256:{digest}", "zh-Hans-CN")

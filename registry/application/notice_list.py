"""The Art. 22 notice list staff work from: each transferred customer's reference, name and
contact beside the notice's channel and status.

Personal fields are read from the subjects' own events, opened with their keys, in batches
(a few reads per `BATCH` customers, never one per customer); an erased customer is listed
without them. Who may see them, and the record of each read, are the caller's concern
(the API logs each read in its access log).
"""

from dataclasses import replace
from uuid import UUID

from registry.application.app import ConsentRegistry
from registry.application.holdings import load_subjects
from registry.domain.consent.subject import Subject
from registry.domain.governance.succession_report import NoticeLine, Person, SuccessionReport

BATCH = 2000


def person_of(subject: Subject) -> Person:
    if subject.erased_at is not None:
        return Person(None, None, None, erased=True)
    return Person(subject.customer_ref, subject.name, subject.contact, erased=False)


def people(app: ConsentRegistry, subject_ids: list[UUID]) -> dict[UUID, Person]:
    found: dict[UUID, Person] = {}
    for start in range(0, len(subject_ids), BATCH):
        batch = subject_ids[start : start + BATCH]
        for subject in load_subjects(app.recorder, app.mapper, batch):
            found[subject.id] = person_of(subject)
    return found


def with_people(app: ConsentRegistry, report: SuccessionReport) -> SuccessionReport:
    """The report with every notice line naming its customer."""
    found = people(app, [line.subject_id for line in report.lines])
    lines = [_named(line, found.get(line.subject_id)) for line in report.lines]
    return replace(report, lines=lines)


def named_subjects(report: SuccessionReport) -> list[UUID]:
    """The subjects whose personal fields the report shows (what a read of it discloses)."""
    return [line.subject_id for line in report.lines if line.person.customer_ref is not None]


def _named(line: NoticeLine, person: Person | None) -> NoticeLine:
    return line if person is None else line.naming(person)

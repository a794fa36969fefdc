"""Bulk import of consent records (CSV or JSON Lines): all rows checked, then saved in batches.

Every row is parsed and then applied to its subject in memory with the same guards as
single commands (a row's birth date is kept for a subject already known, as an answer's
is); if any row is bad, `ImportRejected` lists every bad line and field and nothing is
written. Only then are the subjects saved, many per transaction. (A database
failure during that last step can leave earlier batches saved; the rows were valid.)
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar, cast
from uuid import UUID

from eventsourcing.application import project_aggregate
from tqdm import tqdm

from registry.application import Registry
from registry.application.consents import terms_for
from registry.domain.consent.controller import Controller
from registry.domain.consent.purpose import Purpose
from registry.domain.consent.subject import Subject, subject_id_for
from registry.errors import ImportRejected, RegistryError, RowError
from registry.importer.rows import ConsentRow, parse_row, read_file
from registry.stores.streams import select_streams

T = TypeVar("T", Controller, Purpose)
BATCH_EVENTS = 5000
COMMANDS: dict[str, Callable[..., None]] = {
    "given": Subject.give_consent,
    "refused": Subject.refuse_consent,
    "withdrawn": Subject.withdraw_consent,
}


@dataclass(frozen=True)
class ImportReport:
    rows: int
    subjects_registered: int
    events: int
    last_position: int | None


def import_file(
    registry: Registry,
    path: Path,
    *,
    batch_events: int = BATCH_EVENTS,
    progress: bool = False,
) -> ImportReport:
    errors: list[RowError] = []
    rows = [row for line, raw in read_file(path) if (row := parse_row(line, raw, errors))]
    subjects, registered = _apply(registry, rows, errors)
    if errors:
        raise ImportRejected(str(path), sorted(errors, key=lambda error: error.line))
    pending = [subject for subject in subjects if subject.pending_events]
    events = sum(len(subject.pending_events) for subject in pending)
    with tqdm(total=events, unit="event", desc=path.name, disable=not progress) as bar:
        last = _save(registry, pending, batch_events, bar.update)
    return ImportReport(len(rows), registered, events, last)


def _apply(
    registry: Registry, rows: list[ConsentRow], errors: list[RowError]
) -> tuple[list[Subject], int]:
    controllers = _lookup(registry.app.controller, {row.controller for row in rows})
    purposes = _lookup(registry.app.purpose, {row.purpose for row in rows})
    known = {(row.controller, row.customer_ref) for row in rows if row.controller in controllers}
    resolved, existing = _resolve(registry, controllers, known)
    subjects: dict[UUID, Subject] = {}
    now = registry.app.clock()
    for row in rows:
        controller, purpose = controllers.get(row.controller), purposes.get(row.purpose)
        if controller is None or purpose is None:
            unknown = "controller" if controller is None else "purpose"
            message = f"{getattr(row, unknown)!r} is not registered"
            errors.append(RowError(row.line, unknown, message))
            continue
        subject_id = resolved[row.controller, row.customer_ref]
        try:
            subject = subjects.get(subject_id) or existing.get(subject_id)
            if subject is None:
                subject = _register(controller, row, now)
            else:
                subject.change_details(now=now, birth_date=row.birth_date)
            subjects[subject_id] = subject
            terms = terms_for(purpose, row.details)
            COMMANDS[row.status](subject, terms, row.details, now=now)
        except RegistryError as error:
            errors.append(RowError(row.line, error.field or "row", error.message))
    return list(subjects.values()), len(subjects.keys() - existing.keys())


def _resolve(
    registry: Registry, controllers: dict[str, Controller], keys: set[tuple[str, str]]
) -> tuple[dict[tuple[str, str], UUID], dict[UUID, Subject]]:
    """The subject each (controller, customer reference) names, and those already stored,
    read in bulk. As for single commands, a customer the controller inherited through a
    company transfer is found under the id it was first registered with."""
    predecessors = {ref: registry.lineage.predecessors(c.id) for ref, c in controllers.items()}
    candidates = {
        (ref, customer): [subject_id_for(controllers[ref].id, customer)]
        + [subject_id_for(predecessor, customer) for predecessor in predecessors[ref]]
        for ref, customer in keys
    }
    wanted = sorted({subject_id for ids in candidates.values() for subject_id in ids})
    existing = {
        subject_id: cast(
            Subject, project_aggregate(None, map(registry.app.mapper.to_domain_event, stream))
        )
        for subject_id, stream in select_streams(registry.app.recorder, wanted).items()
    }
    resolved = {}
    for (ref, customer), (own, *inherited) in candidates.items():
        held = controllers[ref].id
        moved = (i for i in inherited if i in existing and existing[i].controller_id == held)
        resolved[ref, customer] = own if own in existing else next(moved, own)
    return resolved, existing


def _lookup(find: Callable[[str], T], refs: Iterable[str]) -> dict[str, T]:
    found: dict[str, T] = {}
    for ref in refs:
        try:
            found[ref] = find(ref)
        except RegistryError:
            continue
    return found


def _register(controller: Controller, row: ConsentRow, now: datetime) -> Subject:
    return Subject.register(
        controller.id,
        row.customer_ref,
        jurisdiction=row.jurisdiction or controller.jurisdiction,
        now=now,
        name=row.name,
        contact=row.contact,
        birth_date=row.birth_date,
    )


def _save(
    registry: Registry,
    subjects: list[Subject],
    batch_events: int,
    advance: Callable[[int], object],
) -> int | None:
    last, batch, count = None, [], 0
    for subject in subjects:
        batch.append(subject)
        count += len(subject.pending_events)
        if count >= batch_events:
            last = registry.app.save_all(*batch)
            advance(count)
            batch, count = [], 0
    if batch:
        last = registry.app.save_all(*batch)
        advance(count)
    return last


__all__ = ["ImportReport", "import_file"]

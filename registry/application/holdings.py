"""Reads across the log: which subjects a controller holds, many subjects at once, and
every aggregate of one kind."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast
from uuid import UUID

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import ApplicationRecorder, Mapper
from eventsourcing.utils import get_topic

from registry.domain.consent.subject import Subject
from registry.stores.streams import select_streams

PAGE = 5000


@dataclass(frozen=True)
class Holdings:
    current: list[UUID]
    """Subjects the controller holds now, in the order they came to it."""
    former: dict[UUID, UUID | None]
    """Subjects it once held that a succession moved away, with that succession's id."""


def holdings(recorder: ApplicationRecorder, mapper: Mapper[UUID], controller_id: UUID) -> Holdings:
    """Follows every registration and controller change in the log (one pass, in pages)."""
    topics = [get_topic(Subject.Registered), get_topic(Subject.ControllerChanged)]
    owner: dict[UUID, UUID] = {}
    moved_by: dict[UUID, UUID] = {}
    ever: set[UUID] = set()
    after = 0
    while True:
        page = recorder.select_notifications(after, PAGE, topics=topics, inclusive_of_start=False)
        for notification in page:
            # Only controller ids are read: personal fields may stay sealed (no key look-ups).
            domain_event = Mapper.to_domain_event(mapper, notification)
            subject_id = domain_event.originator_id
            if isinstance(domain_event, Subject.Registered):
                owner[subject_id] = domain_event.controller_id
            elif isinstance(domain_event, Subject.ControllerChanged):
                owner.pop(subject_id, None)  # re-inserted: the order it came to its holder
                owner[subject_id] = domain_event.to_controller_id
                moved_by[subject_id] = domain_event.succession_id
            if owner.get(subject_id) == controller_id:
                ever.add(subject_id)
        if len(page) < PAGE:
            break
        after = page[-1].id
    current = [subject for subject, holder in owner.items() if holder == controller_id]
    former = {s: moved_by.get(s) for s in ever if owner[s] != controller_id}
    return Holdings(current, former)


def originators(recorder: ApplicationRecorder, created: type[Aggregate.Created]) -> list[UUID]:
    """The aggregates the log has created with this event class, oldest first."""
    topic, after = get_topic(created), 0
    found: list[UUID] = []
    while page := recorder.select_notifications(
        after, PAGE, topics=[topic], inclusive_of_start=False
    ):
        found.extend(UUID(str(n.originator_id)) for n in page)
        after = page[-1].id
    return found


def load_subjects(
    recorder: ApplicationRecorder, mapper: Mapper[UUID], subject_ids: Sequence[UUID]
) -> list[Subject]:
    """The subjects that exist among `subject_ids`, in that order, from a few reads."""
    streams = select_streams(recorder, subject_ids)
    keys = getattr(mapper, "keys", None)  # per-subject keys, when personal fields are sealed
    if keys is not None:
        keys.ensure(list(streams))  # fetched in a few reads rather than one per subject
    subjects = []
    for subject_id in subject_ids:
        stored = streams.get(subject_id)
        if stored:
            subject = None
            for domain_event in map(mapper.to_domain_event, stored):
                subject = cast(Aggregate.Event, domain_event).mutate(subject)
            subjects.append(cast(Subject, subject))
    return subjects

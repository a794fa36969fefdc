"""`ConsentRegistry`: the eventsourcing application under every service of the registry.

It stores, loads and saves; it decides nothing. The services in this package
(`registry.application.Registry` holds one of each) take it and do the registry's work.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import JSONTranscoder, Mapper, RecordConflictError, Recording
from eventsourcing.utils import Environment, EnvType, get_topic

from registry.application.holdings import originators
from registry.domain.consent.controller import Controller, controller_id_for
from registry.domain.consent.purpose import Purpose, purpose_uuid
from registry.domain.consent.subject import Subject
from registry.domain.moved import register_flat_topics, with_flat_topics
from registry.errors import ControllerNotFound, PurposeNotFound, RegistryError, SubjectNotFound
from registry.privacy import PersonalDataMapper, SubjectKeyStore
from registry.projections.consent_state import CONSENT_STATE, ConsentStateProjection
from registry.projections.transfer_volumes import TRANSFER_VOLUMES, TransferVolumes
from registry.stores import RegistryRecorder, registry_recorder
from registry.stores.volumes import transfer_volume_view
from registry.transcodings import TRANSCODINGS

INLINE_READ_MODEL = "INLINE_READ_MODEL"
SUBJECT_TOPIC = get_topic(Subject) + "."


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class LoggedEvent:
    """One event with its place in the global log."""

    position: int
    aggregate_id: UUID
    version: int
    name: str
    recorded_at: datetime
    data: dict[str, Any]


class ConsentRegistry(Application[UUID]):
    name = "ConsentRegistry"

    def __init__(
        self,
        env: EnvType | None = None,
        *,
        clock: Callable[[], datetime] = utc_now,
        keys: SubjectKeyStore | None = None,
    ):
        self.keys = keys
        register_flat_topics()
        super().__init__(env)
        self.clock = clock
        self.store = cast(RegistryRecorder, self.recorder)
        self.store.inline = self.env.get(INLINE_READ_MODEL, "y").lower() in {
            "y",
            "yes",
            "true",
            "1",
        }
        # Reading never needs a personal field (they are not in any row or decision), so
        # events are read without opening the sealed ones: faster, and no plaintext at all.
        self.sealed_mapper: Mapper[UUID] = Mapper(
            self.mapper.transcoder, compressor=self.mapper.compressor, cipher=self.mapper.cipher
        )
        self.read_model = ConsentStateProjection(
            CONSENT_STATE, self.recorder, self.store.view, self.sealed_mapper
        )
        self.read_model.catch_up()
        volumes = transfer_volume_view(self.recorder)
        self.transfer_volumes = TransferVolumes(
            TRANSFER_VOLUMES, self.recorder, volumes, self.sealed_mapper
        )
        self.transfer_volumes.catch_up()

    def construct_env(self, name: str, env: EnvType | None = None) -> Environment:
        """Configured only by what the factory passes in, never by the process environment."""
        return Environment(name, dict(env or {}))

    def construct_mapper(self) -> Mapper[UUID]:
        """With a key store, subjects' personal fields are stored encrypted per subject."""
        if self.keys is None:
            return super().construct_mapper()
        return PersonalDataMapper(
            self.construct_transcoder(),
            self.keys,
            {
                f"{topic}.": Subject.PERSONAL_FIELDS
                for topic in with_flat_topics([get_topic(Subject)])
            },
            compressor=self.factory.compressor(),
            cipher=self.factory.cipher(),
        )

    def ensure_subject_keys(self, events: Sequence[DomainEventProtocol[UUID]]) -> None:
        """Create new subjects' keys in one batch before their events are stored."""
        if self.keys is not None:
            self.keys.ensure(
                e.originator_id for e in events if get_topic(type(e)).startswith(SUBJECT_TOPIC)
            )

    def close(self) -> None:
        super().close()
        if self.keys is not None:
            self.keys.db.close()

    def construct_recorder(self) -> Any:
        return registry_recorder(self.factory)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        for transcoding in TRANSCODINGS:
            transcoder.register(transcoding)

    def save(
        self,
        *objs: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID] | None,
        **kwargs: Any,
    ) -> list[Recording[UUID]]:
        """The library's save, with each event's read-model change passed down to the
        recorder as a keyword: the library's documented way to write more rows in the
        events' transaction (docs/topics/examples/searchable-content.rst, "Application")."""
        events = [event for obj in objs if obj is not None for event in _pending(obj)]
        self.ensure_subject_keys(events)
        return super().save(*objs, **kwargs, **_changes(events))

    def save_all(self, *aggregates: Aggregate) -> int:
        """Save in one transaction and return the last position, once the read model shows it.

        The events go straight to the recorder with their read-model changes. `save()` would
        also check protocols per object and build a `Recording` per event, which together
        cost more than the insert in bulk imports; nothing here needs them (no snapshots,
        and cached aggregates are fast-forwarded from the store when next read)."""
        events = [
            domain_event for aggregate in aggregates for domain_event in aggregate.collect_events()
        ]
        self.ensure_subject_keys(events)
        stored = [self.mapper.to_stored_event(domain_event) for domain_event in events]
        ids = self.recorder.insert_events(stored, **_changes(events))
        assert ids, "an application recorder returns the new events' positions"
        position = ids[-1]
        shown = self.store.inline_through() >= position
        if not (shown or self.store.view.has_tracking_id(self.name, position)):
            self.read_model.catch_up(until=position)
        return position

    def load(self, aggregate_id: UUID, not_found: RegistryError) -> Any:
        """The aggregate with this id, or `not_found` raised."""
        try:
            return self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise not_found from None

    def every(self, created: type[Aggregate.Created]) -> list[Any]:
        """Every aggregate the log has created with this event class, oldest first."""
        return [self.repository.get(i) for i in originators(self.recorder, created)]

    def save_new(self, aggregate: Aggregate, exists: RegistryError) -> int:
        """Save a new aggregate; `exists` raised when its id is taken already."""
        try:
            return self.save_all(aggregate)
        except RecordConflictError:
            raise exists from None

    def controller(self, controller_ref: str) -> Controller:
        return cast(
            Controller,
            self.load(controller_id_for(controller_ref), ControllerNotFound(controller_ref)),
        )

    def subject(self, subject_id: UUID) -> Subject:
        try:
            return cast(Subject, self.repository.get(subject_id))
        except AggregateNotFoundError:
            raise SubjectNotFound(subject_id) from None

    def purpose(self, purpose_id: str, *, to_change: bool = True) -> Purpose:
        """`to_change=False` for reading only: the cached aggregate itself, not a copy."""
        try:
            return cast(
                Purpose,
                self.repository.get(purpose_uuid(purpose_id), deepcopy_from_cache=to_change),
            )
        except AggregateNotFoundError:
            raise PurposeNotFound(purpose_id) from None

    def timeline(
        self, aggregate_id: UUID, *, personal: bool = True
    ) -> list[tuple[int, DomainEventProtocol[UUID]]]:
        """An aggregate's events with their positions; `personal=False` leaves personal
        fields sealed, for reads that do not use them."""
        mapper = self.mapper if personal else self.sealed_mapper
        notifications = self.store.select_originator(aggregate_id)
        return [(n.id, mapper.to_domain_event(n)) for n in notifications]

    def subject_exists(self, subject_id: UUID) -> bool:
        return bool(self.recorder.select_events(subject_id, limit=1))

    def logged(self, position: int, domain_event: DomainEventProtocol[UUID]) -> LoggedEvent:
        data = {
            key: value
            for key, value in vars(domain_event).items()
            if key not in {"originator_id", "originator_version", "timestamp", "originator_topic"}
        }
        return LoggedEvent(
            position=position,
            aggregate_id=domain_event.originator_id,
            version=domain_event.originator_version,
            name=type(domain_event).__qualname__,
            recorded_at=cast(Any, domain_event).timestamp,
            data=data,
        )


def _changes(events: Sequence[DomainEventProtocol[UUID]]) -> dict[str, Any]:
    """The read-model change of each event (None for most): given even when all are None,
    so that the inline write still moves the read model's position past these events."""
    return {"changes": [CONSENT_STATE.change_for(domain_event) for domain_event in events]}


def _pending(
    obj: MutableOrImmutableAggregate[UUID] | DomainEventProtocol[UUID],
) -> Sequence[DomainEventProtocol[UUID]]:
    """The events `save` collects from `obj`, in the order it collects them."""
    if isinstance(obj, DomainEventProtocol):
        return [obj]
    return list(getattr(obj, "pending_events", ()))


def positions_of(timeline: Sequence[tuple[int, DomainEventProtocol[UUID]]]) -> dict[int, int]:
    return {domain_event.originator_version: position for position, domain_event in timeline}

"""Customer references across company transfers.

A subject keeps the id it was registered with (derived from its first controller and the
customer reference) when a succession moves it to another controller. The new controller
still knows the person by the same customer reference, so a reference is resolved like this:
the id derived from the asking controller, if that subject exists; otherwise the id derived
from each controller whose subjects were transferred to it (and theirs, transitively),
provided that subject is now held by the asking controller. The reference under the
controller that registered the subject keeps finding it too (the id is derived from it), for
history and audit; an intermediate holder no longer finds a subject that moved on.

Which controllers passed subjects to which is read from the log's `Succession.Started`
events, followed incrementally, so every replica sees a transfer as soon as it is recorded.
"""

import threading
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.utils import get_topic

from registry.application.app import ConsentRegistry
from registry.domain.consent.controller import controller_id_for
from registry.domain.consent.subject import subject_id_for
from registry.domain.governance.succession import Succession
from registry.errors import SubjectNotFound

PAGE = 1000


@dataclass(frozen=True)
class Transfer:
    succession_id: UUID
    succession_ref: str
    from_controller_id: UUID
    to_controller_id: UUID


class Lineage:
    """Which controllers passed subjects to which, followed from the log on demand, and the
    subject a controller knows by a customer reference."""

    def __init__(self, app: ConsentRegistry) -> None:
        self.app = app
        self.position = 0
        self._transfers: list[Transfer] = []
        self.lock = threading.Lock()

    def transfers(self) -> list[Transfer]:
        """Every succession started so far, oldest first."""
        self._follow_successions()
        return list(self._transfers)

    def predecessors(self, controller_id: UUID) -> list[UUID]:
        """Controllers whose subjects may now be with `controller_id`, nearest first."""
        transfers = self.transfers()
        found: list[UUID] = []
        frontier = [controller_id]
        while frontier:
            current = frontier.pop(0)
            for transfer in reversed(transfers):
                source = transfer.from_controller_id
                if transfer.to_controller_id == current and source not in found:
                    found.append(source)
                    frontier.append(source)
        return [c for c in found if c != controller_id]

    def resolve_subject(self, controller_id: UUID, customer_ref: str) -> UUID:
        """The subject this controller knows by this reference (see the module docstring);
        the directly derived id when there is none, so that "not found" reads as before."""
        direct = subject_id_for(controller_id, customer_ref)
        if self.app.subject_exists(direct):
            return direct
        for predecessor in self.predecessors(controller_id):
            candidate = subject_id_for(predecessor, customer_ref)
            try:
                if self.app.subject(candidate).controller_id == controller_id:
                    return candidate
            except SubjectNotFound:
                continue
        return direct

    def subject_id(self, controller_ref: str, customer_ref: str) -> UUID:
        return self.resolve_subject(controller_id_for(controller_ref), customer_ref)

    def is_inherited(self, controller_ref: str, customer_ref: str) -> UUID | None:
        """The subject this controller inherited under this reference, if any."""
        resolved = self.subject_id(controller_ref, customer_ref)
        direct = subject_id_for(controller_id_for(controller_ref), customer_ref)
        return None if resolved == direct else resolved

    def _follow_successions(self) -> None:
        topic = get_topic(Succession.Started)
        recorder = self.app.recorder
        with self.lock:
            top = recorder.max_notification_id() or 0
            while self.position < top:
                page = recorder.select_notifications(
                    self.position, PAGE, stop=top, topics=[topic], inclusive_of_start=False
                )
                for notification in page:
                    started = self.app.mapper.to_domain_event(notification)
                    assert isinstance(started, Succession.Started)
                    self._transfers.append(_transfer(started))
                self.position = page[-1].id if len(page) == PAGE else top


def _transfer(started: Succession.Started) -> Transfer:
    return Transfer(
        started.originator_id,
        started.succession_ref,
        started.from_controller_id,
        started.to_controller_id,
    )

"""Events as the API shows them: a subject's history and the audit log's pages."""

from datetime import datetime
from typing import Any

from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel

from registry.application import LoggedEvent
from registry.transcodings import PlainFields


class EventPublic(BaseModel):
    position: int
    type: str
    aggregate_id: str
    version: int
    occurred_at: datetime | None
    recorded_at: datetime
    data: dict[str, Any]


class HistoryPublic(BaseModel):
    subject_ref: str
    events: list[EventPublic]


class EventPage(BaseModel):
    events: list[EventPublic]
    next_after: int | None


SHOWN_AS_STORED = {PlainFields: lambda value: jsonable_encoder(value.to_fields())}
"""A value an event carries is shown in its plain form, the fields it is stored as."""


def event_public(event: LoggedEvent) -> EventPublic:
    data: dict[str, Any] = jsonable_encoder(event.data, custom_encoder=SHOWN_AS_STORED)
    occurred = event.data.get("occurred_at") or event.data.get("effective_at")
    return EventPublic(
        position=event.position,
        type=event.name,
        aggregate_id=str(event.aggregate_id),
        version=event.version,
        occurred_at=occurred if isinstance(occurred, datetime) else None,
        recorded_at=event.recorded_at,
        data=data,
    )

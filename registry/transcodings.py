"""How the values that events carry are stored: the transcodings the registry's mapper registers.

A value an event carries (a flow's proposal, a purpose's terms, a succession's plan, ...) is
stored as its plain fields under a name that never changes, `{"_type_": name, "_data_": fields}`,
and read back as the same value. Events written before their values had a transcoding stored
the bare fields; their classes' `upcast_v1_v2` reads those with the same `from_fields`.
"""

from datetime import date
from typing import Any, Protocol, Self, runtime_checkable

from eventsourcing.persistence import Transcoding

from registry.domain.consent.purpose import PurposeSpec
from registry.domain.crossborder.dataflow_values import (
    FlowAssessment,
    FlowProposal,
    RecordedMechanism,
)
from registry.domain.governance.processor import ProcessorTerms
from registry.domain.governance.succession_plan import PurposePlan


@runtime_checkable
class PlainFields(Protocol):
    """A frozen value with one plain form (JSON types and dates), stored and shown alike."""

    def to_fields(self) -> dict[str, Any]: ...

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> Self: ...


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class AsFields(Transcoding):
    """One value type stored as its plain fields."""

    def __init__(self, kind: type[PlainFields], name: str) -> None:
        self.type = self.kind = kind
        self.name = name

    def encode(self, obj: PlainFields) -> dict[str, Any]:
        return obj.to_fields()

    def decode(self, data: dict[str, Any]) -> PlainFields:
        return self.kind.from_fields(data)


TRANSCODINGS: tuple[Transcoding, ...] = (
    DateAsISO(),
    AsFields(PurposeSpec, "purpose_spec"),
    AsFields(FlowProposal, "flow_proposal"),
    AsFields(FlowAssessment, "flow_assessment"),
    AsFields(RecordedMechanism, "recorded_mechanism"),
    AsFields(PurposePlan, "purpose_plan"),
    AsFields(ProcessorTerms, "processor_terms"),
)
"""Every transcoding beyond the library's own; a name, once stored, is never reused."""

"""What every API body shares: reference and text constraints, strict JSON types, and the
answer built once as JSON. Bodies are named `XCreate` (in) and `XPublic` (out)."""

from datetime import date
from typing import Annotated

from fastapi import Response
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StrictBool,
    StringConstraints,
)

Ref = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\s/]+$")]
ShortText = Annotated[str, StringConstraints(max_length=500)]
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


def _iso_text(value: object) -> object:
    """Dates and times arrive as ISO 8601 text, as the document says; not as numbers."""
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 string")
    return value


# Bodies take exactly the JSON types the OpenAPI document names: no "true" for true, no
# 1.0 for 1, no epoch seconds for a date.
Flag = StrictBool
Moment = Annotated[AwareDatetime, BeforeValidator(_iso_text)]
Day = Annotated[date, BeforeValidator(_iso_text)]


def as_json(model: BaseModel) -> Response:
    """The answer's JSON, built once: returned as a model, FastAPI would validate it against
    the route's response model again, which is most of a hot read's serialization cost."""
    return Response(model.model_dump_json(), media_type="application/json")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")

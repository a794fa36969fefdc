"""The transfer request: what the caller asks the engine about, checked on construction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar, cast

from registry.domain.crossborder.countries import country_problem
from registry.domain.crossborder.values import Derogation, Origin, Safeguard, Scenario
from registry.errors import InvalidTransferRequest

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class TransferRequest:
    """One proposed transfer abroad, as of `date` (the caller passes today when it means now).

    Counting (CN): `individuals` are the distinct persons this transfer adds to the
    controller's count; `already_sent_non_sensitive` and `already_sent_sensitive` are the
    distinct persons the controller already sent in the counting period the rule set uses
    (see `counting_period_start`), leaving out transfers exempt under Art. 5(1)-(3) of the
    2024 Provisions. The two sets are disjoint: a person whose sensitive personal
    information was sent is counted as sensitive only. When `sensitive` is true, the
    transfer's individuals are counted as sensitive.

    `individuals_processed` (CN, 2022 Measures only) is the number of persons whose personal
    information the controller handles overall. `recipient_certified`, `safeguard` and
    `derogation` are for EU transfers only and refused for CN ones (a caller who sends them
    has forgotten the origin); CN-only fields are ignored for the EU. Strings are accepted
    for the enum fields and lists for the text sequences.
    """

    destination: str
    recipient: str
    purposes: tuple[str, ...]
    date: dt.date
    origin: Origin = Origin.CN
    data_categories: tuple[str, ...] = ()
    sensitive: bool = False
    individuals: int = 0
    already_sent_non_sensitive: int = 0
    already_sent_sensitive: int = 0
    ciio: bool = False
    important_data: bool = False
    scenario: Scenario | None = None
    individuals_processed: int | None = None
    recipient_certified: bool = False
    safeguard: Safeguard | None = None
    derogation: Derogation | None = None

    def __post_init__(self) -> None:
        for name, value in _checked(self).items():
            object.__setattr__(self, name, value)
        if self.origin is Origin.CN:
            _check_no_eu_fields(self)


EU_ONLY = ("recipient_certified", "safeguard", "derogation")


def _check_no_eu_fields(request: TransferRequest) -> None:
    for field in EU_ONLY:
        value = getattr(request, field)
        if value not in (None, False):
            problem = f"applies to transfers from the EU (origin EU) only, got {value!r}"
            raise InvalidTransferRequest(field, problem)


def _checked(request: TransferRequest) -> dict[str, Any]:
    return {
        "destination": _country(request.destination),
        "recipient": _text("recipient", request.recipient),
        "purposes": _texts("purposes", request.purposes, required=True),
        "date": _day(request.date),
        "origin": _enum("origin", Origin, request.origin),
        "data_categories": _texts("data_categories", request.data_categories, required=False),
        "sensitive": _flag("sensitive", request.sensitive),
        "individuals": _count("individuals", request.individuals),
        "already_sent_non_sensitive": _count(
            "already_sent_non_sensitive", request.already_sent_non_sensitive
        ),
        "already_sent_sensitive": _count("already_sent_sensitive", request.already_sent_sensitive),
        "ciio": _flag("ciio", request.ciio),
        "important_data": _flag("important_data", request.important_data),
        "scenario": _optional_enum("scenario", Scenario, request.scenario),
        "individuals_processed": _optional_count(
            "individuals_processed", request.individuals_processed
        ),
        "recipient_certified": _flag("recipient_certified", request.recipient_certified),
        "safeguard": _optional_enum("safeguard", Safeguard, request.safeguard),
        "derogation": _optional_enum("derogation", Derogation, request.derogation),
    }


def _country(value: object) -> str:
    problem = country_problem(value)
    if problem is not None:
        raise InvalidTransferRequest("destination", f"{problem}, got {value!r}")
    return cast(str, value)


def _text(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidTransferRequest(field, "expected a non-empty string")
    return value


def _texts(field: str, value: object, *, required: bool) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidTransferRequest(field, "expected a list of strings")
    if required and not value:
        raise InvalidTransferRequest(field, "expected at least one entry")
    return tuple(_text(field, item) for item in value)


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidTransferRequest("date", f"expected a calendar date, got {value!r}")
    return value


def _flag(field: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidTransferRequest(field, f"expected true or false, got {value!r}")
    return value


def _count(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidTransferRequest(field, f"expected a whole number >= 0, got {value!r}")
    return value


def _optional_count(field: str, value: object) -> int | None:
    return None if value is None else _count(field, value)


def _enum(field: str, kind: type[E], value: object) -> E:
    allowed = [member.value for member in kind]
    if isinstance(value, str) and value in allowed:
        return kind(value)
    raise InvalidTransferRequest(field, f"expected one of {', '.join(allowed)}, got {value!r}")


def _optional_enum(field: str, kind: type[E], value: object) -> E | None:
    return None if value is None else _enum(field, kind, value)

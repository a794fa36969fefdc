"""The controller and processor registers as plain data, the same for the API and the
command line: JSON-ready dicts, and tables for CSV."""

from dataclasses import asdict
from typing import Any

from registry.domain.consent.controller import Controller
from registry.domain.governance.processor import Processor
from registry.governance_views import Table, plain

CONTROLLER_COLUMNS = ("controller", "name", "contact", "jurisdiction", "ciio", "dpo_contact")


def controller_json(controller: Controller, *, history: bool = True) -> dict[str, Any]:
    body: dict[str, Any] = dict(zip(CONTROLLER_COLUMNS, _controller_row(controller), strict=True))
    if history:
        body["registered_at"] = controller.created_on
        body["changes"] = [
            {"at": change.at, "changes": change.changes} for change in controller.changes
        ]
    return dict(plain(body))


def controllers_table(controllers: list[Controller]) -> Table:
    return CONTROLLER_COLUMNS, [_controller_row(controller) for controller in controllers]


def _controller_row(controller: Controller) -> tuple[Any, ...]:
    return (
        controller.controller_ref,
        controller.name,
        controller.contact,
        controller.jurisdiction,
        controller.ciio,
        controller.dpo_contact,
    )


PROCESSOR_COLUMNS = (
    "processor",
    "name",
    "role",
    "article",
    "contract_ref",
    "starts_on",
    "until",
    "ended_on",
    "purposes",
    "data_categories",
    "security_measures",
    "country",
)


def processor_json(processor: Processor, *, history: bool = True) -> dict[str, Any]:
    row = _processor_row(processor)
    body: dict[str, Any] = dict(zip(PROCESSOR_COLUMNS, row, strict=True))
    terms = processor.terms
    body.update(
        purposes=terms.purposes,
        data_categories=terms.data_categories,
        security_measures=terms.security_measures,
        ended_because=None if processor.ended is None else processor.ended[1],
    )
    if history:
        body["history"] = [{"at": at, **asdict(terms)} for at, terms in processor.history]
    return dict(plain(body))


def processors_table(processors: list[Processor]) -> Table:
    return PROCESSOR_COLUMNS, [_processor_row(processor) for processor in processors]


def _processor_row(processor: Processor) -> tuple[Any, ...]:
    terms = processor.terms
    return (
        processor.processor_ref,
        terms.name,
        processor.role,
        processor.role.article,
        terms.contract_ref,
        terms.starts_on,
        terms.until,
        processor.ended and processor.ended[0],
        " ".join(terms.purposes),
        " ".join(terms.data_categories),
        "; ".join(terms.security_measures),
        terms.country,
    )

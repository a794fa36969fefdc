"""May data go to a named third party for a purpose on a day? Only under a contract on
record that covers the purpose then: PIPL Art. 21 for an entrusted party, Art. 23 for a
recipient that is another handler.

Applied once the controller keeps a processor register (it has at least one entry): before
that, the registry holds no contracts at all, and a recipient's name alone decides nothing.
Once it keeps one, a recipient it does not list has no contract on record.
"""

from collections.abc import Sequence
from datetime import date

from registry.domain.consent.decision import DecisionReason
from registry.domain.governance.processor import Processor

EITHER = "PIPL Art. 21; PIPL Art. 23"
COVERED = "processor_contract_in_force"


def contract_reason(
    processors: Sequence[Processor], recipient: str, purpose_id: str, day: date
) -> DecisionReason:
    """`processors` is the whole register; the reason's code is `COVERED` when a contract
    with the recipient covers the purpose on `day`."""
    named = [processor for processor in processors if processor.answers_to(recipient)]
    if not named:
        message = (
            f"no contract with {recipient!r} is on record: it is not in the processor register"
        )
        return DecisionReason("no_processor_contract", message, EITHER, None)
    gaps = []
    for processor in named:
        problem = processor.why_not_covered(purpose_id, day)
        if problem is None:
            return _covered(processor, purpose_id, day)
        gaps.append(problem)
    message = f"{recipient!r} is on record, but on {day} " + "; ".join(gaps)
    return DecisionReason("processor_contract_not_covering", message, named[0].role.article, None)


def _covered(processor: Processor, purpose_id: str, day: date) -> DecisionReason:
    terms = processor.terms
    until = f" until {processor.last_day}" if processor.last_day else ""
    message = (
        f"contract {terms.contract_ref!r} with {terms.name} ({processor.role.value}) covers "
        f"{purpose_id!r} on {day} (from {terms.starts_on}{until})"
    )
    return DecisionReason(COVERED, message, processor.role.article, None)

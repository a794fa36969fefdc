"""The processor register (PIPL Art. 21 entrusted parties, Art. 23 recipients): register,
update, end a contract, read; and whether a named recipient's contract covers a purpose on a
day (`registry.domain.governance.processor_rules`), for permission checks and flows."""

from collections.abc import Sequence
from datetime import date
from typing import cast

from registry.application.app import ConsentRegistry
from registry.application.retry import retry_on_conflict
from registry.domain.consent.decision import DecisionReason
from registry.domain.governance.processor import (
    Processor,
    ProcessorRole,
    ProcessorTerms,
    processor_uuid,
)
from registry.domain.governance.processor_rules import COVERED, contract_reason
from registry.errors import NoProcessingContract, ProcessorAlreadyRegistered, ProcessorNotFound


class Processors:
    def __init__(self, app: ConsentRegistry) -> None:
        self.app = app

    def register_processor(
        self, processor_ref: str, *, role: ProcessorRole | str, terms: ProcessorTerms
    ) -> int:
        processor = Processor.register(processor_ref, role=role, terms=terms, now=self.app.clock())
        return self.app.save_new(processor, ProcessorAlreadyRegistered(processor_ref))

    def update_processor(self, processor_ref: str, terms: ProcessorTerms) -> int | None:
        """Record the terms as they now stand; None when they already stood so."""

        def attempt() -> int | None:
            processor = self.processor(processor_ref)
            if processor.update(terms, now=self.app.clock()):
                return self.app.save_all(processor)
            return None

        return retry_on_conflict(attempt)

    def end_contract(self, processor_ref: str, ended_on: date, *, reason: str) -> int:
        def attempt() -> int:
            processor = self.processor(processor_ref)
            processor.end_contract(ended_on, reason=reason)
            return self.app.save_all(processor)

        return retry_on_conflict(attempt)

    def processor(self, processor_ref: str) -> Processor:
        return cast(
            Processor,
            self.app.load(processor_uuid(processor_ref), ProcessorNotFound(processor_ref)),
        )

    def all(self) -> list[Processor]:
        """The register, by reference."""
        found: list[Processor] = self.app.every(Processor.Registered)
        return sorted(found, key=lambda processor: processor.processor_ref)

    def contract_reason(self, recipient: str, purpose_id: str, day: date) -> DecisionReason | None:
        """Whether a contract with `recipient` covers the purpose on `day`; None while the
        register is empty (no contracts kept yet: the rule does not apply)."""
        register = self.all()
        return contract_reason(register, recipient, purpose_id, day) if register else None

    def check_contract(self, recipient: str, purposes: Sequence[str], day: date) -> None:
        """`NoProcessingContract` unless the register is empty or a contract with
        `recipient` covers every purpose on `day`."""
        register = self.all()
        for purpose_id in purposes if register else ():
            reason = contract_reason(register, recipient, purpose_id, day)
            if reason.code != COVERED:
                raise NoProcessingContract(reason.message, reason.article)

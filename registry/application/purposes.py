"""The purpose catalogue: define, revise and retire purposes, and list them.

A purpose that lists a data category the classification register marks sensitive personal
is defined (or revised) as sensitive, so that consent to it must be separate (PIPL Art.
28–29); categories not (yet) in the register are accepted and shown as gaps in the
register's report (`Categories.classification_report`).
"""

from datetime import datetime

from registry.application.app import ConsentRegistry
from registry.application.classification import Categories
from registry.domain.consent.purpose import Purpose, PurposeSpec
from registry.errors import PurposeAlreadyDefined


class Purposes:
    def __init__(self, app: ConsentRegistry, categories: Categories) -> None:
        self.app = app
        self.categories = categories

    def define_purpose(
        self, purpose_id: str, spec: PurposeSpec, *, effective_at: datetime | None = None
    ) -> int:
        now = self.app.clock()
        purpose = Purpose.define(
            purpose_id, self.categories.classified(spec), effective_at=effective_at or now, now=now
        )
        return self.app.save_new(purpose, PurposeAlreadyDefined(purpose_id))

    def revise_purpose(
        self,
        purpose_id: str,
        spec: PurposeSpec,
        *,
        material: bool,
        effective_at: datetime | None = None,
    ) -> int:
        """A material revision voids earlier consents for new processing (PIPL Art. 14)."""
        now = self.app.clock()
        purpose = self.app.purpose(purpose_id)
        purpose.revise(
            self.categories.classified(spec),
            material=material,
            effective_at=effective_at or now,
            now=now,
        )
        return self.app.save_all(purpose)

    def retire_purpose(self, purpose_id: str, *, effective_at: datetime | None = None) -> int:
        now = self.app.clock()
        purpose = self.app.purpose(purpose_id)
        purpose.retire(effective_at=effective_at or now, now=now)
        return self.app.save_all(purpose)

    def all(self) -> list[Purpose]:
        """Every purpose defined, by id."""
        purposes: list[Purpose] = self.app.every(Purpose.Defined)
        return sorted(purposes, key=lambda purpose: purpose.purpose_id)

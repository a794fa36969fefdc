"""The data classification register: categories, their levels, and the register's report
of the purposes using each (sensitivity of purposes: `registry.application.purposes`)."""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast

from registry.application.app import ConsentRegistry
from registry.application.retry import retry_on_conflict
from registry.domain.consent.purpose import Purpose, PurposeSpec
from registry.domain.governance.classification import DataCategory, DataLevel, category_uuid
from registry.errors import CategoryNotFound


@dataclass(frozen=True)
class RegisterLine:
    category_id: str
    level: str
    rationale: str
    article: str | None
    classified_at: datetime
    purposes: list[str]


@dataclass(frozen=True)
class ClassificationReport:
    categories: list[RegisterLine]
    unclassified: dict[str, list[str]]
    """Categories purposes use that the register does not have → those purposes."""
    not_separate: list[str]
    """Purposes using a sensitive category whose current terms lack separate consent."""


class Categories:
    def __init__(self, app: ConsentRegistry) -> None:
        self.app = app

    def classify_category(
        self,
        category_id: str,
        level: DataLevel | str,
        *,
        rationale: str,
        article: str | None = None,
    ) -> tuple[int | None, bool]:
        """Classify or reclassify; returns the position (None when unchanged) and whether
        the category is new."""

        def attempt() -> tuple[int | None, bool]:
            now = self.app.clock()
            try:
                category = self.category(category_id)
            except CategoryNotFound:
                new = DataCategory.classify(
                    category_id, level, rationale=rationale, article=article, now=now
                )
                return self.app.save_all(new), True
            changed = category.reclassify(level, rationale=rationale, article=article, now=now)
            return (self.app.save_all(category) if changed else None), False

        return retry_on_conflict(attempt)

    def category(self, category_id: str) -> DataCategory:
        return cast(
            DataCategory, self.app.load(category_uuid(category_id), CategoryNotFound(category_id))
        )

    def all(self) -> list[DataCategory]:
        found: list[DataCategory] = self.app.every(DataCategory.Classified)
        return sorted(found, key=lambda category: category.category_id)

    def classification_report(self, purposes: list[Purpose]) -> ClassificationReport:
        """The register with the purposes using each category, and what is missing."""
        register = {category.category_id: category for category in self.all()}
        users: dict[str, list[str]] = {}
        not_separate = []
        for purpose in purposes:
            spec = purpose.current.spec
            for category_id in spec.data_categories:
                users.setdefault(category_id, []).append(purpose.purpose_id)
            sensitive = [c for c in spec.data_categories if c in register and register[c].sensitive]
            if sensitive and not spec.sensitive:
                not_separate.append(purpose.purpose_id)
        lines = [
            RegisterLine(
                c.category_id,
                c.current.level.value,
                c.current.rationale,
                c.current.article,
                c.current.classified_at,
                users.get(c.category_id, []),
            )
            for c in register.values()
        ]
        missing = {c: ids for c, ids in sorted(users.items()) if c not in register}
        return ClassificationReport(lines, missing, not_separate)

    def classified(self, spec: PurposeSpec) -> PurposeSpec:
        """`spec`, marked sensitive when it lists a category classified sensitive."""
        if spec.sensitive:
            return spec
        for category_id in spec.data_categories:
            try:
                if self.category(category_id).sensitive:
                    return replace(spec, sensitive=True)
            except CategoryNotFound:
                continue
        return spec

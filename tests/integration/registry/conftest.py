"""The registry suite runs on every store: in memory, SQLite (a temp file), PostgreSQL (a
fresh schema per test)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from registry_scenarios import LONG_AGO, OpenRegistry, newsletter

from registry.application import Registry, make_registry
from registry.domain import LawfulBasis, PurposeSpec, SeparateConsentReason
from registry.settings import RegistrySettings


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def registry_settings(request: pytest.FixtureRequest, tmp_path: Path) -> RegistrySettings:
    if request.param == "memory":
        return RegistrySettings(data_dir=tmp_path, database_url="memory:")
    if request.param == "sqlite":
        return RegistrySettings(data_dir=tmp_path / "data")
    database = request.getfixturevalue("postgres_database")
    schema = request.getfixturevalue("postgres_schema")
    return RegistrySettings(database_url=database.url, database_schema=schema)


@pytest.fixture()
def open_registry(registry_settings: RegistrySettings) -> Iterator[OpenRegistry]:
    """Opens registries on the same store (a second one acts as a restart); closes them all."""
    opened: list[Registry] = []

    def open_one(**changes: object) -> Registry:
        registry = make_registry(registry_settings.model_copy(update=changes))
        opened.append(registry)
        return registry

    yield open_one
    for registry in opened:
        registry.close()


@pytest.fixture()
def registry(open_registry: OpenRegistry) -> Registry:
    """A registry with controller `acme` and three purposes:
    `newsletter` (consent), `health-data` (sensitive, separate consent),
    `payroll` (HR management: no consent needed)."""
    registry = open_registry()
    registry.controllers.register_controller(
        "acme", name="Acme Trading (Shanghai)", contact="dpo@acme.example", jurisdiction="CN"
    )
    registry.purposes.define_purpose("newsletter", newsletter(), effective_at=LONG_AGO)
    registry.purposes.define_purpose(
        "health-data",
        PurposeSpec(
            "Health programme",
            LawfulBasis.CONSENT,
            sensitive=True,
            separate_consent_reasons=frozenset({SeparateConsentReason.CROSS_BORDER}),
        ),
        effective_at=LONG_AGO,
    )
    registry.purposes.define_purpose(
        "payroll", PurposeSpec("Payroll", LawfulBasis.HR_MANAGEMENT), effective_at=LONG_AGO
    )
    return registry

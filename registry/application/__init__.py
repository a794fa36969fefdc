"""`ConsentRegistry`, the registry's service layer, and `make_registry(settings)`.

Commands return the position of their last event in the global log (registrations return
the new id); once a command returns, `current_state` and `may` already show its effect.
"""

from registry.application.base import LoggedEvent
from registry.application.catalogue import RegistryCatalogue
from registry.application.governance import RegistryGovernance
from registry.application.intake import Answer, RegistryIntake
from registry.application.queries import RegistryQueries
from registry.application.transfers import RegistryTransfers
from registry.settings import RegistrySettings
from registry.stores import environment


class ConsentRegistry(
    RegistryIntake, RegistryTransfers, RegistryQueries, RegistryCatalogue, RegistryGovernance
):
    name = "ConsentRegistry"


def make_registry(settings: RegistrySettings) -> ConsentRegistry:
    env = environment(settings)
    env["INLINE_READ_MODEL"] = "y" if settings.inline_read_model else "n"
    if settings.aggregate_cache_size > 0:
        env["AGGREGATE_CACHE_MAXSIZE"] = str(settings.aggregate_cache_size)
    return ConsentRegistry(env)


__all__ = ["Answer", "ConsentRegistry", "LoggedEvent", "make_registry"]

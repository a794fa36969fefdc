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
from registry.privacy import SubjectKeyStore, load_master_key
from registry.servicedb import open_service_database
from registry.settings import RegistrySettings
from registry.stores import environment


class ConsentRegistry(
    RegistryIntake, RegistryTransfers, RegistryQueries, RegistryCatalogue, RegistryGovernance
):
    name = "ConsentRegistry"


def make_registry(settings: RegistrySettings) -> ConsentRegistry:
    """The registry on the configured store, with personal fields encrypted per subject
    (subject keys in the same database, wrapped by the master key)."""
    env = environment(settings)
    env["INLINE_READ_MODEL"] = "y" if settings.inline_read_model else "n"
    if settings.aggregate_cache_size > 0:
        env["AGGREGATE_CACHE_MAXSIZE"] = str(settings.aggregate_cache_size)
    if settings.store_cipher_key:
        env["CIPHER_TOPIC"] = "eventsourcing.cryptography:AESCipher"
        env["CIPHER_KEY"] = settings.store_cipher_key.get_secret_value()
    secret = settings.master_key.get_secret_value() if settings.master_key else None
    master, _ = load_master_key(secret, settings.master_key_file, settings.data_dir)
    key_db = open_service_database(settings)
    try:
        return ConsentRegistry(env, keys=SubjectKeyStore(key_db, master))
    except BaseException:
        key_db.close()
        raise


__all__ = ["Answer", "ConsentRegistry", "LoggedEvent", "make_registry"]

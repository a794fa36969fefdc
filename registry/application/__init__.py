"""The registry's service layer: `Registry`, one `ConsentRegistry` (the eventsourcing
application: storage, loading, saving) and the services that take it, and
`make_registry(settings)`.

    registry = make_registry(settings)
    registry.consents.give_consent(subject_id, "marketing", details)
    registry.queries.may(subject_id, "marketing")

Commands return the position of their last event in the global log (registrations return
the new id); once a command returns, `queries.current_state` and `queries.may` already show
its effect. A command that loses a race with another writer is run again, in one place
(`registry.application.retry`).
"""

from registry.application.app import ConsentRegistry, LoggedEvent
from registry.application.assessments import Assessments
from registry.application.classification import Categories
from registry.application.consents import Answer, Consents
from registry.application.controllers import Controllers
from registry.application.due import Due
from registry.application.flows import Flows
from registry.application.incidents import Incidents
from registry.application.lineage import Lineage
from registry.application.processors import Processors
from registry.application.purposes import Purposes
from registry.application.queries import ConsentQueries
from registry.application.successions import Successions
from registry.application.transfers import Transfers
from registry.privacy import SubjectKeyStore, load_master_key
from registry.servicedb import open_service_database
from registry.settings import RegistrySettings
from registry.stores import environment


class Registry:
    """One application and one of each service over it; the services find each other here."""

    def __init__(self, app: ConsentRegistry) -> None:
        self.app = app
        self.lineage = Lineage(app)
        self.controllers = Controllers(app)
        self.consents = Consents(app, self.lineage)
        self.categories = Categories(app)
        self.purposes = Purposes(app, self.categories)
        self.queries = ConsentQueries(app)
        self.processors = Processors(app)
        self.transfers = Transfers(app, self.queries, self.processors)
        self.flows = Flows(app, self.transfers)
        self.successions = Successions(app, self.lineage)
        self.assessments = Assessments(app, self.successions, self.flows)
        self.incidents = Incidents(app, self.lineage)
        self.due = Due(app)

    def close(self) -> None:
        self.app.close()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def make_registry(settings: RegistrySettings) -> Registry:
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
        return Registry(ConsentRegistry(env, keys=SubjectKeyStore(key_db, master)))
    except BaseException:
        key_db.close()
        raise


__all__ = ["Answer", "ConsentRegistry", "LoggedEvent", "Registry", "make_registry"]

"""Registry settings: where events and read models are stored."""

import re
from pathlib import Path

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SCHEMA_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


class RegistrySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    """None: SQLite at `{data_dir}/consentry.sqlite`; `postgresql://…`; or `memory:`."""
    database_schema: str | None = None
    """PostgreSQL schema for the registry's tables (default: public)."""
    database_wait_s: int = 1
    """PostgreSQL: how long one attempt waits for a connection. A call makes a few attempts,
    so this bounds how long a request waits while the database is down (then 503)."""
    inline_read_model: bool = True
    """Write read-model rows in the events' transaction; off, they follow right after it."""
    master_key: SecretStr | None = None
    """Base64 of 32 bytes; wraps every subject's key. Unset: `master_key_file`."""
    store_cipher_key: SecretStr | None = None
    """Optional whole-store encryption: every stored event is also encrypted as a whole
    (the event store library's AES cipher) with this key (base64 of 16, 24 or 32 bytes)."""
    master_key_file: Path | None = None
    """A file holding the master key. Unset too: `{data_dir}/keys/master.key`, created once."""
    aggregate_cache_size: int = 10_000
    """Aggregates kept in memory between commands (0 disables); fast-forwarded from the store."""

    @field_validator("database_schema")
    @classmethod
    def _plain_schema_name(cls, value: str | None) -> str | None:
        if value is not None and not SCHEMA_NAME.match(value):
            raise ValueError("must be a plain SQL identifier (letters, digits, underscore)")
        return value

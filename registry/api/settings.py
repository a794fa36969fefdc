"""HTTP API settings: keys, limits."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    api_keys: str | None = None
    api_keys_file: Path | None = None
    max_body_bytes: int = 1_048_576
    rate_limit_per_minute: int = 12_000
    idempotency_lease_s: float = 60.0
    """How long an unfinished request holds its Idempotency-Key; after that (its process
    died), a retry with the key runs it again."""
    idempotency_retention_hours: float = 24.0
    """How long a write's answer is replayed to retries with its Idempotency-Key."""

    default_controller: str = "default"
    """The controller a customer reference belongs to when a request names none."""
    default_controller_name: str = "Default controller"
    default_controller_jurisdiction: str = "CN"
    default_controller_contact: str | None = None
    """Where the people whose data the default controller receives can reach it (an Art. 22
    notice gives it); none on record until set here or through /v1/controllers."""
    projections: str = "inline"
    """`inline`: this process keeps read models and the hash chain; `external`: a
    `consentry projector` process does."""

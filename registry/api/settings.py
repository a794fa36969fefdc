"""HTTP API settings: keys, limits."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    api_keys: str | None = None
    api_keys_file: Path | None = None
    max_body_bytes: int = 1_048_576
    rate_limit_per_minute: int = 12_000
    write_retries: int = 8

"""Registry settings: where events and read models are stored."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class RegistrySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None

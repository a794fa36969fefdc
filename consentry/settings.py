"""Settings of the service process (host, port); each package keeps its own settings."""

from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000

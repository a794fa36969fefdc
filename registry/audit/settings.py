"""Audit settings: where the checkpoint-signing key lives."""

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class AuditSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    signing_key_file: Path | None = None
    """Ed25519 private key (PEM). Unset: `{data_dir}/keys/signing.pem`, created on first run.
    Keep it off the database host in production: it is what makes edits detectable."""
    chain_interval_s: float = 2.0
    """How often the service chains newly stored events (0: only on verify and export)."""

"""Settings of the assistant: answering limits, the optional chat model, sessions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class AssistantSettings(BaseSettings):
    """Read from `CONSENTRY_*` variables. With no `llm_base_url` answers are extractive."""

    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = Field(default=30.0, gt=0)
    llm_structured_method: Literal["json_schema", "function_calling", "json_mode"] = "json_schema"
    llm_temperature: float = 0.0

    sentence_embeddings: bool = False
    retrieve_k: int = Field(default=12, ge=1, le=50)
    answer_articles: int = Field(default=1, ge=1, le=6)
    nearest_articles: int = Field(default=5, ge=1, le=10)
    question_max_chars: int = Field(default=2000, ge=20)
    fuzzy_quote_threshold: float = Field(default=90.0, ge=50, le=100)

    session_ttl_s: float = Field(default=3600.0, gt=0)
    session_max: int = Field(default=1000, ge=1)
    session_max_turns: int = Field(default=20, ge=1)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url)

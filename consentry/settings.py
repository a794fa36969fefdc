"""Every package's settings in one bundle, read from `CONSENTRY_*` variables."""

from dataclasses import dataclass, field

from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.settings import AssistantSettings
from knowledge.settings import KnowledgeSettings
from registry.api.settings import ApiSettings
from registry.audit.settings import AuditSettings
from registry.settings import RegistrySettings


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSENTRY_", extra="ignore")

    host: str = "127.0.0.1"
    port: int = 8000


@dataclass
class Settings:
    registry: RegistrySettings = field(default_factory=RegistrySettings)
    api: ApiSettings = field(default_factory=ApiSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)
    knowledge: KnowledgeSettings = field(default_factory=KnowledgeSettings)
    assistant: AssistantSettings = field(default_factory=AssistantSettings)
    service: ServiceSettings = field(default_factory=ServiceSettings)

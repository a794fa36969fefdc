"""Dates and purposes the registry tests share."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from registry.application import Registry
from registry.domain import ConsentDetails, LawfulBasis, PurposeSpec

OpenRegistry = Callable[..., Registry]

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


def newsletter(name: str = "Monthly newsletter") -> PurposeSpec:
    return PurposeSpec(name, LawfulBasis.CONSENT, data_categories=("email",), retention_days=730)


def days_ago(days: float) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


def answered(days: float, **fields: object) -> ConsentDetails:
    """An answer given `days` ago through the web form, with its evidence."""
    defaults: dict[str, object] = {
        "notice_version": "2024-03",
        "language": "zh-CN",
        "channel": "web-form",
        "evidence_digest": "sha256:" + "ab" * 32,
        "collected_by": "crm",
    }
    return ConsentDetails(occurred_at=days_ago(days), **(defaults | fields))

"""Governance on top of the consent registry: company transfers (successions)."""

from registry.application.succession_records import NoticeReport, RegistrySuccessionRecords


class RegistryGovernance(RegistrySuccessionRecords):
    pass


__all__ = ["NoticeReport", "RegistryGovernance"]

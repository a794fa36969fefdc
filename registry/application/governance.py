"""Governance on top of the consent registry: company transfers (successions), the data
classification register, impact assessments (PIPIAs) and the incident register."""

from registry.application.assessments import RegistryAssessments
from registry.application.classification import ClassificationReport, RegistryClassification
from registry.application.incidents import IncidentReport, RegistryIncidents
from registry.application.succession_records import NoticeReport, RegistrySuccessionRecords


class RegistryGovernance(
    RegistrySuccessionRecords, RegistryAssessments, RegistryClassification, RegistryIncidents
):
    pass


__all__ = ["ClassificationReport", "IncidentReport", "NoticeReport", "RegistryGovernance"]

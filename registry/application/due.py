"""What falls due, and when: one list, ordered by date, each item with the article behind it.

- PIPIAs: the end of the three-year retention of each report not yet disposed of, when it
  is reviewed, then kept, archived or deleted (PIPL Art. 56).
- Data flows: the day the mechanism a flow rests on lapses (a security assessment after two
  years, a certification after three; a standard contract at the end of its term), with the
  day by which renewal must be applied for where the rules fix one.
- Compliance audits: a controller holding more than ten million people's information audits
  at least every two years (Compliance Audit Measures Art. 4; PIPL Art. 54), counted from
  the Measures' entry into force on 2025-05-01 (Art. 20), as no audit is on record here.
- Consents: those given with a validity that ends by the date asked, per purpose and day.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby

from registry.application.app import ConsentRegistry
from registry.application.holdings import holdings
from registry.domain.consent.consent import ConsentStatus
from registry.domain.consent.controller import Controller
from registry.domain.crossborder.dataflow import DataFlow
from registry.domain.crossborder.dataflow_values import FlowStatus, MechanismKind
from registry.domain.governance.pipia import ImpactAssessment

AUDIT_THRESHOLD = 10_000_000
AUDIT_MEASURES_IN_FORCE = date(2025, 5, 1)
AUDIT_ARTICLE = "Compliance Audit Measures Art. 4; PIPL Art. 54"
MECHANISM_ARTICLES = {
    MechanismKind.SECURITY_ASSESSMENT: "CAC Security Assessment Measures Art. 14; PIPL Art. 38",
    MechanismKind.CERTIFICATION: "CAC Certification Measures Art. 8; PIPL Art. 38",
    MechanismKind.STANDARD_CONTRACT: "CAC Standard Contract Measures; PIPL Art. 38",
}
RENEW_BEFORE = {
    MechanismKind.SECURITY_ASSESSMENT: timedelta(days=84),  # 60 working days
    MechanismKind.CERTIFICATION: timedelta(days=183),  # six months
}
"""How long before the lapse renewal must be applied for (Art. 14 para. 3; Art. 8)."""
CONSENT_ARTICLE = "PIPL Art. 14"
PIPIA_ARTICLE = "PIPL Art. 56"
PIPIA_REVIEW = "retention ends: review, then keep, archive or delete"


@dataclass(frozen=True)
class DueItem:
    due_on: date
    kind: str
    ref: str
    what: str
    article: str
    count: int = 1


class Due:
    def __init__(self, app: ConsentRegistry, *, audit_threshold: int = AUDIT_THRESHOLD) -> None:
        self.app = app
        self.audit_threshold = audit_threshold

    def due(self, until: date) -> list[DueItem]:
        """Everything due by `until` (what is overdue included), earliest first."""
        items = [*self._pipias(), *self._flows(), *self._audits(), *self._consents(until)]
        return sorted(
            (item for item in items if item.due_on <= until),
            key=lambda i: (i.due_on, i.kind, i.ref),
        )

    def _pipias(self) -> list[DueItem]:
        assessments: list[ImpactAssessment] = self.app.every(ImpactAssessment.Recorded)
        return [
            DueItem(a.kept_until, "pipia", a.pipia_ref, PIPIA_REVIEW, PIPIA_ARTICLE)
            for a in assessments
            if a.disposal is None
        ]

    def _flows(self) -> list[DueItem]:
        flows: list[DataFlow] = self.app.every(DataFlow.Proposed)
        items = []
        for flow in flows:
            mechanism = flow.mechanism
            if mechanism is None or mechanism.valid_until is None:
                continue
            if flow.status is FlowStatus.EXPIRED:
                continue
            kind, ends = mechanism.kind, mechanism.valid_until
            name, article = kind.value.replace("_", " "), MECHANISM_ARTICLES[kind]
            items.append(DueItem(ends, "flow", flow.flow_ref, f"{name} lapses", article))
            if kind in RENEW_BEFORE:
                renew, what = ends - RENEW_BEFORE[kind], f"apply to renew the {name}"
                items.append(DueItem(renew, "flow", flow.flow_ref, what, article))
        return items

    def _audits(self) -> list[DueItem]:
        controllers: list[Controller] = self.app.every(Controller.Registered)
        items = []
        for controller in controllers:
            held = len(holdings(self.app.recorder, self.app.sealed_mapper, controller.id).current)
            if held <= self.audit_threshold:
                continue
            what = f"compliance audit (at least every two years; {held} people held)"
            first = _two_years_on(AUDIT_MEASURES_IN_FORCE)
            items.append(DueItem(first, "audit", controller.controller_ref, what, AUDIT_ARTICLE))
        return items

    def _consents(self, until: date) -> list[DueItem]:
        self.app.read_model.catch_up()
        view = self.app.store.view
        ends: Counter[tuple[date, str]] = Counter()
        lapsing = view.lapsed(_end_of(until))
        for subject_id, group in groupby(lapsing, key=lambda key: key[0]):
            wanted = {purpose for _, purpose in group}
            for record in view.subject(subject_id)[0]:
                if record.purpose_id in wanted and record.status is ConsentStatus.GIVEN:
                    assert record.valid_until is not None
                    ends[(record.valid_until.date(), record.purpose_id)] += 1
        return [
            DueItem(day, "consent", purpose, "consents expire", CONSENT_ARTICLE, count)
            for (day, purpose), count in ends.items()
        ]


def _two_years_on(day: date) -> date:
    return day.replace(year=day.year + 2)


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)

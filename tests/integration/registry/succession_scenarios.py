"""Two controllers, purposes kept and changed, and customers seeded in bulk."""

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from registry.application import Registry
from registry.domain import ConsentDetails, LawfulBasis, PurposeSpec, Subject
from registry.domain.governance.succession_plan import PurposeFate, PurposePlan

SINCE = datetime(2024, 3, 1, tzinfo=UTC)
YESTERDAY = date.today() - timedelta(days=1)
PLAN = [
    PurposePlan("newsletter", PurposeFate.KEPT),
    PurposePlan("profiling", PurposeFate.CHANGED, "profiling-v2"),
]


def two_controllers(registry: Registry) -> None:
    """`acme` (transferring) and `beta` (receiving), purposes `newsletter`, `profiling` and
    `profiling-v2` (what `beta` does instead of `profiling`)."""
    for ref in ("acme", "beta"):
        registry.controllers.register_controller(
            ref, name=f"{ref.title()} Ltd", contact=f"dpo@{ref}.example", jurisdiction="CN"
        )
    for purpose_id in ("newsletter", "profiling", "profiling-v2"):
        spec = PurposeSpec(purpose_id.title(), LawfulBasis.CONSENT)
        registry.purposes.define_purpose(purpose_id, spec, effective_at=SINCE)


def seed_customers(registry: Registry, controller: str, count: int) -> list[UUID]:
    """`count` customers `C0000000`… of `controller`, each consenting to `newsletter` and
    `profiling`, saved many per transaction."""
    controller_id = registry.app.controller(controller).id
    terms = [registry.app.purpose(p).current for p in ("newsletter", "profiling")]
    now, batch, ids = datetime.now(UTC), [], []
    for n in range(count):
        subject = Subject.register(controller_id, ref(n), jurisdiction="CN", now=now)
        details = ConsentDetails(occurred_at=SINCE + timedelta(minutes=n), channel="app")
        for purpose in terms:
            subject.give_consent(purpose, details, now=now)
        batch.append(subject)
        ids.append(subject.id)
        if len(batch) == 2000:
            save_batch(registry, batch)
            batch = []
    if batch:
        save_batch(registry, batch)
    return ids


def ref(n: int) -> str:
    return f"C{n:07d}"


def start_merger(registry: Registry, succession_ref: str = "acme-into-beta", **kw: object):
    fields: dict[str, object] = {
        "from_controller": "acme",
        "to_controller": "beta",
        "reason": "merger",
        "effective_on": YESTERDAY,
        "plan": PLAN,
    }
    return registry.successions.start_succession(succession_ref, **(fields | kw))  # type: ignore[arg-type]


def save_batch(registry: Registry, subjects: list[Subject]) -> None:
    """Their keys made in one round trip first (else the mapper makes one key per save)."""
    keys = getattr(registry.app.mapper, "keys", None)
    if keys is not None:
        keys.ensure([subject.id for subject in subjects])
    registry.app.save_all(*subjects)

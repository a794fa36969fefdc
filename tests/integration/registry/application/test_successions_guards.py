"""Bad successions are refused with the field at fault, and nothing is written."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from registry_scenarios import OpenRegistry
from succession_scenarios import PLAN, YESTERDAY, ref, seed_customers, start_merger, two_controllers

from registry.application import Registry
from registry.application.successions import NoticeReport
from registry.domain.governance.succession_plan import PurposeFate, PurposePlan
from registry.errors import (
    ControllerNotFound,
    NotInSuccession,
    PurposeNotFound,
    RegistryError,
    SameController,
    SubjectAlreadyRegistered,
    SubjectAlreadyTransferred,
    SuccessionAlreadyStarted,
    SuccessionInProgress,
    SuccessionStatusForbids,
)


@pytest.fixture()
def registry(open_registry: OpenRegistry) -> Registry:
    registry = open_registry()
    two_controllers(registry)
    seed_customers(registry, "acme", 5)
    return registry


def refused(registry: Registry, command: Callable[[], object]) -> RegistryError:
    before = registry.app.recorder.max_notification_id()
    with pytest.raises(RegistryError) as error:
        command()
    assert registry.app.recorder.max_notification_id() == before, "something was written"
    return error.value


def test_a_controller_cannot_succeed_itself_or_an_unknown_one(registry: Registry) -> None:
    same = refused(registry, lambda: start_merger(registry, to_controller="acme"))
    assert isinstance(same, SameController)
    assert (same.field, same.article) == ("to_controller", "PIPL Art. 22")
    unknown = refused(registry, lambda: start_merger(registry, to_controller="gamma"))
    assert isinstance(unknown, ControllerNotFound) and unknown.field == "to_controller"
    source = refused(registry, lambda: start_merger(registry, from_controller="gamma"))
    assert isinstance(source, ControllerNotFound) and source.field == "from_controller"


def test_plans_and_reasons_are_checked(registry: Registry) -> None:
    plan = [PurposePlan("newsletter", PurposeFate.CHANGED, "telemarketing")]
    purpose = refused(registry, lambda: start_merger(registry, plan=plan))
    assert isinstance(purpose, PurposeNotFound) and purpose.field == "purposes"
    assert refused(registry, lambda: start_merger(registry, reason="takeover")).field == "reason"
    twice = [*PLAN, PurposePlan("newsletter", PurposeFate.KEPT)]
    assert refused(registry, lambda: start_merger(registry, plan=twice)).field == "purposes"
    with pytest.raises(RegistryError) as changed_alone:
        PurposePlan("profiling", PurposeFate.CHANGED)
    assert changed_alone.value.field == "purposes"


def test_an_already_transferred_subject_cannot_be_transferred_again(
    registry: Registry,
) -> None:
    registry.controllers.register_controller(
        "gamma", name="Gamma", contact="g@x.example", jurisdiction="CN"
    )
    start_merger(registry, "part-1", reason="sale_of_business", customer_refs=[ref(0)])
    registry.successions.execute_succession("part-1")
    assert registry.successions.succession_report("part-1").subjects == 1

    again = refused(
        registry,
        lambda: start_merger(
            registry, "part-2", to_controller="gamma", customer_refs=[ref(0), ref(1)]
        ),
    )
    assert isinstance(again, SubjectAlreadyTransferred)
    assert (again.field, again.succession_id) == (
        "customer_refs",
        registry.successions.succession("part-1").id,
    )

    start_merger(registry, "rest", customer_refs=[ref(n) for n in range(1, 5)])
    registry.successions.execute_succession("rest")
    whole = refused(registry, lambda: start_merger(registry, "all-again", to_controller="gamma"))
    assert isinstance(whole, SubjectAlreadyTransferred) and whole.field == "from_controller"


def test_one_open_transfer_at_a_time_and_each_ref_once(registry: Registry) -> None:
    start_merger(registry)
    assert isinstance(refused(registry, lambda: start_merger(registry)), SuccessionAlreadyStarted)
    busy = refused(registry, lambda: start_merger(registry, "second"))
    assert isinstance(busy, SuccessionInProgress) and busy.field == "from_controller"


def test_execution_waits_for_the_effective_date_and_runs_once(registry: Registry) -> None:
    later = YESTERDAY + timedelta(days=30)
    start_merger(registry, effective_on=later, customer_refs=[ref(1)])
    early = refused(registry, lambda: registry.successions.execute_succession("acme-into-beta"))
    assert isinstance(early, SuccessionStatusForbids) and early.field == "succession"

    start_merger(registry, "now", customer_refs=[ref(0)])  # disjoint scopes may run side by side
    registry.successions.execute_succession("now")
    assert isinstance(
        refused(registry, lambda: registry.successions.execute_succession("now")),
        SuccessionStatusForbids,
    )
    assert isinstance(
        refused(registry, lambda: registry.successions.complete_succession("acme-into-beta")),
        SuccessionStatusForbids,
    )


def test_notices_name_only_transferred_customers(registry: Registry) -> None:
    start_merger(registry, customer_refs=[ref(0)])
    registry.successions.execute_succession("acme-into-beta")
    at = datetime.now(UTC)
    stranger = refused(
        registry,
        lambda: registry.successions.record_notices(
            "acme-into-beta",
            [NoticeReport(ref(0), "sent", at, "sms"), NoticeReport(ref(3), "sent", at, "sms")],
        ),
    )
    assert isinstance(stranger, NotInSuccession) and stranger.field == "customer_ref"
    unsent = refused(
        registry,
        lambda: registry.successions.record_notices(
            "acme-into-beta", [NoticeReport(ref(0), "sent", at)]
        ),
    )
    assert unsent.field == "channel"
    tomorrow = at + timedelta(days=1)
    future = refused(
        registry,
        lambda: registry.successions.record_notices(
            "acme-into-beta", [NoticeReport(ref(0), "sent", tomorrow, "sms")]
        ),
    )
    assert future.field == "at"


def test_inherited_customers_are_found_through_every_transfer(registry: Registry) -> None:
    registry.controllers.register_controller(
        "gamma", name="Gamma", contact="g@x.example", jurisdiction="CN"
    )
    original = registry.lineage.subject_id("acme", ref(2))
    start_merger(registry)
    registry.successions.execute_succession("acme-into-beta")
    at = datetime.now(UTC)
    registry.successions.record_notices(
        "acme-into-beta", [NoticeReport(ref(n), "sent", at, "letter") for n in range(5)]
    )
    registry.successions.complete_succession("acme-into-beta")
    start_merger(registry, "beta-into-gamma", from_controller="beta", to_controller="gamma")
    registry.successions.execute_succession("beta-into-gamma")

    assert registry.lineage.subject_id("gamma", ref(2)) == original
    assert (
        registry.lineage.subject_id("acme", ref(2)) == original
    )  # its id: the first controller's ref
    assert registry.lineage.subject_id("beta", ref(2)) != original  # beta holds it no longer
    assert registry.app.subject(original).controller_id == registry.app.controller("gamma").id
    duplicate = refused(registry, lambda: registry.consents.register_subject("gamma", ref(2)))
    assert isinstance(duplicate, SubjectAlreadyRegistered)
    registry.successions.record_notices(
        "beta-into-gamma", [NoticeReport(ref(2), "sent", datetime.now(UTC), "e-mail")]
    )
    assert registry.successions.succession_report("beta-into-gamma").notices["sent"] == 1
    assert registry.lineage.subject_id("gamma", "NEW-1") != registry.lineage.subject_id(
        "acme", "NEW-1"
    )

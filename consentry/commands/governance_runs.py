"""What the governance subcommands do (their parsers are in `governance`)."""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from registry.errors import InvalidValueError

if TYPE_CHECKING:
    from registry.application import Registry
    from registry.governance_views import Table

NOTICE_BATCH = 5000


@contextmanager
def opened() -> Iterator[Registry]:
    from registry.application import make_registry
    from registry.settings import RegistrySettings

    with make_registry(RegistrySettings()) as registry:
        yield registry


def show(body: Any, table: Table, fmt: str) -> int:
    from registry.governance_views import to_csv

    print(
        to_csv(table) if fmt == "csv" else json.dumps(body, indent=2, ensure_ascii=False),
        end="" if fmt == "csv" else "\n",
    )
    return 0


def succession_start(args: argparse.Namespace) -> int:
    from registry.domain.governance.succession_plan import PurposeFate, PurposePlan

    plan = [PurposePlan(purpose, PurposeFate.KEPT) for purpose in args.keep]
    for change in args.change:
        old, _, new = change.partition("=")
        plan.append(PurposePlan(old, PurposeFate.CHANGED, new or None))
    refs = None if args.customers is None else read_refs(args.customers)
    with opened() as registry:
        position = registry.successions.start_succession(
            args.succession,
            from_controller=args.from_controller,
            to_controller=args.to_controller,
            reason=args.reason,
            effective_on=args.effective_on,
            plan=plan,
            customer_refs=refs,
        )
    print(f"succession {args.succession} started at position {position}")
    return 0


def succession_execute(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    with (
        opened() as registry,
        tqdm(unit="subject", desc=args.succession, disable=args.no_progress) as bar,
    ):
        done = registry.successions.execute_succession(
            args.succession, batch_size=args.batch, progress=bar.update
        )
    print(
        f"{done.subjects} subjects moved, {done.consents_invalidated} consents invalidated "
        f"(re-consent required), last position {done.position}"
    )
    return 0


def succession_notices(args: argparse.Namespace) -> int:
    from registry.application.successions import NoticeReport

    reports = []
    for row, at in timed_rows(args.file):
        ref, status = row.get("customer_ref") or "", row.get("status") or ""
        channel, reason = row.get("channel") or None, row.get("reason") or None
        reports.append(NoticeReport(ref, status, at, channel, reason))
    with opened() as registry:
        for start in range(0, len(reports), NOTICE_BATCH):
            registry.successions.record_notices(
                args.succession, reports[start : start + NOTICE_BATCH]
            )
    print(f"{len(reports)} notices recorded")
    return 0


def timed_rows(path: Path) -> Iterator[tuple[dict[str, str], datetime]]:
    """A CSV file's rows with their `at` column read as a time."""
    with path.open(newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                at = datetime.fromisoformat(row.get("at") or "")
            except ValueError:
                problem = f"line {line}: not an ISO-8601 time"
                raise InvalidValueError("at", row.get("at"), problem) from None
            yield row, at


def succession_respond(args: argparse.Namespace) -> int:
    from registry.application.notice_responses import ResponseReport

    reports = [
        ResponseReport(
            row.get("customer_ref") or "",
            row.get("response") or "",
            at,
            row.get("channel") or None,
            row.get("note") or None,
            (row.get("purposes") or "").split() or None,
        )
        for row, at in timed_rows(args.file)
    ]
    with opened() as registry:
        saved = registry.successions.record_responses(args.succession, reports)
    print(f"{saved.recorded} responses recorded, {saved.consents_withdrawn} consents withdrawn")
    return 0


def succession_exceptions(args: argparse.Namespace) -> int:
    with opened() as registry:
        registry.successions.record_exceptions(args.succession, args.customer_refs, args.reason)
    print(f"{len(args.customer_refs)} exceptions recorded")
    return 0


def succession_complete(args: argparse.Namespace) -> int:
    with opened() as registry:
        registry.successions.complete_succession(args.succession)
    print(f"succession {args.succession} completed")
    return 0


def succession_report(args: argparse.Namespace) -> int:
    from registry.governance_views import standing_table, succession_json, succession_table

    with opened() as registry:
        report = registry.successions.succession_report(
            args.succession, as_of=args.as_of, personal=args.with_contacts
        )
        if args.with_contacts:
            log_cli_reads(registry, report)
    table = standing_table(report) if args.standing else succession_table(report)
    return show(succession_json(report), table, args.format)


def log_cli_reads(registry: Registry, report: Any) -> None:
    """The notice list's personal fields read at the command line, in the API's access log
    under the operating-system user (a person, with the store's master key)."""
    import getpass

    from registry.api.access import AccessLog
    from registry.api.auth import Principal
    from registry.application.notice_list import named_subjects
    from registry.roles import Role

    keys = registry.app.keys
    if keys is not None:
        who = Principal(Role.ADMIN, "cli", getpass.getuser())
        subjects = [str(s) for s in named_subjects(report)]
        AccessLog(keys.db).record_many(who, subjects, "consentry succession report")


def category_classify(args: argparse.Namespace) -> int:
    with opened() as registry:
        position, created = registry.categories.classify_category(
            args.category, args.level, rationale=args.rationale, article=args.article
        )
    state = "classified" if created else ("reclassified" if position else "unchanged")
    print(f"category {args.category} {state}")
    return 0


def category_list(args: argparse.Namespace) -> int:
    from registry.governance_views import register_json, register_table

    with opened() as registry:
        report = registry.categories.classification_report(registry.purposes.all())
    return show(register_json(report), register_table(report), args.format)


def pipia_record(args: argparse.Namespace) -> int:
    from registry.domain.governance.pipia import Links

    links = Links(tuple(args.succession), tuple(args.flow), tuple(args.purpose))
    with opened() as registry:
        registry.assessments.record_assessment(
            args.pipia,
            scope=args.scope,
            risks=args.risk,
            measures=args.measure,
            conclusion=args.conclusion,
            outcome=args.outcome,
            reviewer=args.reviewer,
            completed_on=args.completed_on,
            links=links,
        )
        kept = registry.assessments.assessment(args.pipia).kept_until
    print(f"assessment {args.pipia} recorded; kept until {kept.isoformat()}")
    return 0


def pipia_list(args: argparse.Namespace) -> int:
    from registry.governance_views import assessment_json, assessments_table

    with opened() as registry:
        found = registry.assessments.all()
    return show([assessment_json(a) for a in found], assessments_table(found), args.format)


def pipia_delete(args: argparse.Namespace) -> int:
    action = "archived" if args.archive else "deleted"
    with opened() as registry:
        registry.assessments.dispose_of_assessment(args.pipia, action, reason=args.reason)
    print(f"assessment {args.pipia} {action}")
    return 0


def incident_open(args: argparse.Namespace) -> int:
    with opened() as registry:
        registry.incidents.open_incident(
            args.incident,
            controller=args.controller,
            title=args.title,
            severity=args.severity,
            operator=args.operator,
            discovered_at=args.discovered_at,
            categories=args.category,
            subjects_affected=args.subjects_affected,
            customer_refs=args.customer,
            measures=args.measure,
        )
    print(f"incident {args.incident} opened")
    return 0


def incident_notify(args: argparse.Namespace) -> int:
    from registry.domain.governance.incident import Notification

    notice = Notification(args.to, args.recipient, args.at, args.channel, args.count)
    with opened() as registry:
        registry.incidents.notify_incident(args.incident, notice)
    print(f"incident {args.incident}: {args.to} notified")
    return 0


def incident_close(args: argparse.Namespace) -> int:
    with opened() as registry:
        registry.incidents.close_incident(
            args.incident, args.conclusion, handling_ended_at=args.ended_at
        )
    print(f"incident {args.incident} closed")
    return 0


def incident_report(args: argparse.Namespace) -> int:
    from registry.governance_views import incident_json, incidents_table

    with opened() as registry:
        refs = (
            [args.incident] if args.incident else [i.incident_ref for i in registry.incidents.all()]
        )
        reports = [registry.incidents.incident_report(ref) for ref in refs]
    body = incident_json(reports[0]) if args.incident else [incident_json(r) for r in reports]
    return show(body, incidents_table(reports), args.format)


def read_refs(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def due_list(args: argparse.Namespace) -> int:
    from registry.governance_views import due_json, due_table

    with opened() as registry:
        items = registry.due.due(args.until)
    return show(due_json(items), due_table(items), args.format)

"""`consentry succession|category|pipia|incident` against the SQLite store of CONSENTRY_DATA_DIR."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from succession_scenarios import YESTERDAY, ref, seed_customers, two_controllers

from consentry.cli import main
from registry.application import make_registry
from registry.settings import RegistrySettings


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("CONSENTRY_DATA_DIR", str(data_dir))
    monkeypatch.delenv("CONSENTRY_DATABASE_URL", raising=False)
    with make_registry(RegistrySettings(data_dir=data_dir)) as registry:
        two_controllers(registry)
        seed_customers(registry, "acme", 3)
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_succession_from_start_to_report(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start = (
        "succession",
        "start",
        "m-1",
        "--from",
        "acme",
        "--to",
        "beta",
        "--reason",
        "merger",
        "--effective-on",
        YESTERDAY.isoformat(),
        "--keep",
        "newsletter",
        "--change",
        "profiling=profiling-v2",
    )
    assert run(capsys, *start)[0] == 0
    code, out, _ = run(capsys, "succession", "execute", "m-1", "--no-progress")
    assert (code, out.split(",")[0]) == (0, "3 subjects moved")
    assert "3 consents invalidated" in out

    code, _, err = run(capsys, "succession", "complete", "m-1")
    assert code == 1 and "[notices]" in err
    at = datetime.now(UTC).isoformat()
    sheet = tmp_path / "notices.csv"
    sheet.write_text(
        "customer_ref,status,at,channel,reason\n"
        + "".join(f"{ref(n)},sent,{at},sms,\n" for n in range(2))
        + f"{ref(2)},failed,{at},,no such number\n"
    )
    assert run(capsys, "succession", "notices", "m-1", str(sheet))[1] == "3 notices recorded\n"
    assert run(capsys, "succession", "exceptions", "m-1", ref(2), "--reason", "announced")[0] == 0
    assert run(capsys, "succession", "complete", "m-1")[0] == 0

    code, out, _ = run(capsys, "succession", "report", "m-1", "--format", "csv")
    lines = list(csv.DictReader(io.StringIO(out)))
    assert [(r["notice"], r["exception"]) for r in lines] == [
        ("sent", ""),
        ("sent", ""),
        ("failed", "announced"),
    ]
    report = json.loads(run(capsys, "succession", "report", "m-1")[1])
    assert (report["status"], report["consents_invalidated"]) == ("completed", 3)


def test_registers_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    classify = (
        "category",
        "classify",
        "diagnosis",
        "--level",
        "sensitive_personal",
        "--rationale",
        "medical data",
    )
    assert run(capsys, *classify)[1] == "category diagnosis classified\n"
    register = json.loads(run(capsys, "category", "list")[1])
    assert register["categories"][0]["article"] == "PIPL Art. 28"

    recent = (datetime.now(UTC) - timedelta(days=100)).date().isoformat()
    record = (
        "pipia",
        "record",
        "P-1",
        "--scope",
        "merger",
        "--conclusion",
        "fine",
        "--reviewer",
        "DPO",
        "--outcome",
        "acceptable",
        "--completed-on",
        recent,
        "--purpose",
        "newsletter",
    )
    assert run(capsys, *record)[0] == 0
    code, _, err = run(capsys, "pipia", "delete", "P-1", "--reason", "tidy")
    assert code == 1 and "[pipia]" in err and "must be kept until" in err

    discovered = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    opened = (
        "incident",
        "open",
        "I-1",
        "--controller",
        "acme",
        "--title",
        "leak",
        "--severity",
        "major",
        "--discovered-at",
        discovered,
        "--subjects-affected",
        "3",
        "--customer",
        ref(1),
        "--category",
        "email",
    )
    assert run(capsys, *opened)[0] == 0
    code, out, _ = run(capsys, "incident", "report", "--format", "csv")
    statuses = {r["duty"]: r["status"] for r in csv.DictReader(io.StringIO(out))}
    assert statuses["report to the authority"] == "open"
    notified = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    notify = (
        "incident",
        "notify",
        "I-1",
        "--to",
        "authority",
        "--recipient",
        "CAC",
        "--channel",
        "12387",
        "--at",
        notified,
    )
    assert run(capsys, *notify)[0] == 0
    one = json.loads(run(capsys, "incident", "report", "I-1")[1])
    assert one["deadlines"][0]["status"] == "met"

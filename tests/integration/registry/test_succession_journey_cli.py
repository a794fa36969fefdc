"""`consentry succession report --with-contacts`, `succession respond` and `consentry due`
against the SQLite store of CONSENTRY_DATA_DIR."""

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from succession_scenarios import ref, start_merger
from test_governance_cli import data_dir, run

from registry.api.access import AccessLog
from registry.application import make_registry
from registry.settings import RegistrySettings

__all__ = ["data_dir"]


@pytest.fixture()
def moved(data_dir: Path) -> Path:
    """`data_dir`'s three customers of `acme` moved to `beta` by `acme-into-beta`."""
    with make_registry(RegistrySettings(data_dir=data_dir)) as registry:
        start_merger(registry)
        registry.successions.execute_succession("acme-into-beta")
    return data_dir


def logged(data_dir: Path) -> list[str]:
    with make_registry(RegistrySettings(data_dir=data_dir)) as registry:
        assert registry.app.keys is not None
        return [e.endpoint for e in AccessLog(registry.app.keys.db).entries()]


def test_the_notice_list_names_customers_only_when_asked_and_logs_it(
    moved: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "succession", "report", "acme-into-beta", "--format", "csv")
    assert code == 0
    assert {r["customer_ref"] for r in csv.DictReader(io.StringIO(out))} == {""}
    assert logged(moved) == []
    argv = ("succession", "report", "acme-into-beta", "--format", "csv", "--with-contacts")
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert sorted(r["customer_ref"] for r in csv.DictReader(io.StringIO(out))) == [
        ref(0),
        ref(1),
        ref(2),
    ]
    assert logged(moved) == ["consentry succession report"] * 3


def test_responses_from_a_file_and_a_bad_reference_writes_nothing(
    moved: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    at = datetime.now(UTC).isoformat()
    sheet = tmp_path / "responses.csv"
    header = "customer_ref,response,at,channel,note,purposes\n"
    sheet.write_text(header + f"{ref(0)},withdrew,{at},app,,\nnobody,objected,{at},,,\n")
    code, _, err = run(capsys, "succession", "respond", "acme-into-beta", str(sheet))
    assert (code, "[customer_ref]" in err, "'nobody'" in err) == (1, True, True)
    sheet.write_text(
        header + f"{ref(0)},withdrew,{at},app,,newsletter\n{ref(1)},objected,{at},,late,\n"
    )
    code, out, _ = run(capsys, "succession", "respond", "acme-into-beta", str(sheet))
    assert (code, out) == (0, "2 responses recorded, 1 consents withdrawn\n")
    code, out, _ = run(capsys, "succession", "report", "acme-into-beta")
    assert json.loads(out)["responses"]["objected"] == 1


def test_the_due_list_from_the_command_line(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "due", "--until", "2020-01-01")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(capsys, "due", "--until", "2099-01-01", "--format", "csv")
    assert code == 0 and out.splitlines()[0] == "due_on,kind,ref,what,article,count"

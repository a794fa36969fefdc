"""`consentry controllers|processors …` through the real entry point, on the SQLite store of
CONSENTRY_DATA_DIR."""

import json
from pathlib import Path

import pytest

from consentry.cli import main


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("CONSENTRY_DATA_DIR", str(data_dir))
    monkeypatch.delenv("CONSENTRY_DATABASE_URL", raising=False)
    return data_dir


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


NEWCO = (
    "controllers",
    "add",
    "newco",
    "--name",
    "NewCo Holdings",
    "--contact",
    "privacy@newco.example",
    "--jurisdiction",
    "cn",
)


def test_a_controller_is_added_updated_listed_and_shown(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *NEWCO) == (0, "controller newco registered\n", "")
    updated = run(capsys, "controllers", "update", "newco", "--ciio", "--dpo-contact", "dpo@n.ex")
    assert updated[:2] == (0, "controller newco updated\n")
    assert (
        run(capsys, "controllers", "update", "newco", "--ciio")[1] == "controller newco unchanged\n"
    )

    code, out, _ = run(capsys, "controllers", "show", "newco")
    shown = json.loads(out)
    assert (code, shown["jurisdiction"], shown["ciio"]) == (0, "CN", True)
    assert shown["changes"][0]["changes"] == {"ciio": True, "dpo_contact": "dpo@n.ex"}
    code, out, _ = run(capsys, "controllers", "list", "--format", "csv")
    assert out.splitlines()[1] == "newco,NewCo Holdings,privacy@newco.example,CN,True,dpo@n.ex"


def test_a_bad_controller_names_the_field_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, *NEWCO[:-1], "Mars")
    assert (code, err.startswith("error [jurisdiction]:")) == (1, True)
    assert run(capsys, *NEWCO)[0] == 0
    code, _, err = run(capsys, *NEWCO)
    assert (code, "[controller]" in err) == (1, True)
    assert run(capsys, "controllers", "show", "nobody")[0] == 1
    assert json.loads(run(capsys, "controllers", "list")[1])[0]["controller"] == "newco"


SUPPORT = (
    "processors",
    "add",
    "support",
    "--role",
    "entrusted",
    "--name",
    "Acme Support Pte Ltd",
    "--contract",
    "DPA-7",
    "--starts-on",
    "2025-01-01",
    "--country",
    "SG",
    "--purpose",
    "newsletter",
    "--measure",
    "encryption",
)


def test_a_processor_is_added_updated_ended_and_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *SUPPORT) == (0, "processor support registered\n", "")
    renewed = ("processors", "update", "support", "--until", "2030-12-31")
    assert run(capsys, *renewed)[1] == "processor support updated\n"
    assert run(capsys, *renewed)[1] == "processor support unchanged\n"
    ended = run(capsys, "processors", "end", "support", "--ended-on", "2026-01-31", "--reason", "x")
    assert ended[:2] == (0, "processor support: contract ended on 2026-01-31\n")
    shown = json.loads(run(capsys, "processors", "show", "support")[1])
    assert (shown["until"], shown["ended_on"], len(shown["history"])) == (
        "2030-12-31",
        "2026-01-31",
        2,
    )
    listed = run(capsys, "processors", "list", "--format", "csv")[1].splitlines()
    assert listed[1].startswith("support,Acme Support Pte Ltd,entrusted,PIPL Art. 21,DPA-7")


def test_a_bad_processor_names_the_field_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, *SUPPORT[:12], "XX", *SUPPORT[13:])
    assert (code, err.startswith("error [country]:")) == (1, True)
    assert json.loads(run(capsys, "processors", "list")[1]) == []
    code, _, err = run(
        capsys, "processors", "end", "nobody", "--ended-on", "2026-01-01", "--reason", "x"
    )
    assert (code, "[processor]" in err) == (1, True)

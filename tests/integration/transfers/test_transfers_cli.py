"""`consentry transfers …` on a SQLite data directory, as an operator would run it."""

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from consentry.cli import main
from registry.application import make_registry
from registry.domain import LawfulBasis, PurposeSpec
from registry.domain.crossborder.dataflow_values import FlowProposal
from registry.settings import RegistrySettings


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`acme` with the purpose `support` (contract) and the flow `sg` (approved 2024-05-01)
    carrying two customers."""
    monkeypatch.setenv("CONSENTRY_DATA_DIR", str(tmp_path))
    registry = make_registry(RegistrySettings())
    registry.controllers.register_controller(
        "acme", name="Acme", contact="dpo@acme.example", jurisdiction="CN"
    )
    support = PurposeSpec("Customer support", LawfulBasis.CONTRACT)
    registry.purposes.define_purpose(
        "support", support, effective_at=datetime(2024, 1, 1, tzinfo=UTC)
    )
    people = [registry.consents.register_subject("acme", ref) for ref in ("C1", "C2")]
    proposal = FlowProposal("SG", "Acme Support Pte Ltd", "privacy@acme.sg", ("support",))
    registry.flows.propose_flow("sg", "acme", proposal, on=date(2024, 5, 1))
    registry.flows.approve_flow("sg", on=date(2024, 5, 1))
    registry.flows.include_in_flow("sg", people, on=date(2024, 5, 2))
    registry.close()
    return tmp_path


def test_assess_reads_the_counts_of_the_flows(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "transfers",
        "assess",
        "--controller",
        "acme",
        "--destination",
        "SG",
        "--recipient",
        "Acme Support Pte Ltd",
        "--purposes",
        "support",
        "--individuals",
        "99998",
        "--date",
        "2024-06-01",
        "--json",
    ]
    assert main(args) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["mechanism"] == "standard_contract_or_certification"
    assert answer["counted_non_sensitive"] == 100_000


def test_flows_and_volumes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transfers", "flows", "list", "--json"]) == 0
    [flow] = json.loads(capsys.readouterr().out)
    assert (flow["flow"], flow["status"], flow["subjects"]) == ("sg", "approved", 2)

    assert main(["transfers", "flows", "show", "sg"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["detail"]["approved_on"] == "2024-05-01"
    assert shown["detail"]["assessment"]["exempt_reason"] == "below_threshold"

    assert main(["transfers", "volumes", "acme", "--year", "2024"]) == 0
    assert "2 non-sensitive, 0 sensitive, 2 in all" in capsys.readouterr().out


def test_errors_are_reported_with_the_field(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["transfers", "flows", "show", "nowhere"]) == 1
    assert "data flow 'nowhere' is not proposed" in capsys.readouterr().err
    args = [
        "transfers",
        "assess",
        "--controller",
        "acme",
        "--destination",
        "S1",
        "--recipient",
        "x",
        "--purposes",
        "support",
    ]
    assert main(args) == 1
    assert "destination:" in capsys.readouterr().err


def test_assess_takes_a_transfer_from_the_eu(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "transfers",
        "assess",
        "--controller",
        "acme",
        "--destination",
        "IN",
        "--recipient",
        "Acme India Pvt Ltd",
        "--purposes",
        "support",
        "--origin",
        "EU",
        "--safeguard",
        "bcrs",
        "--json",
    ]
    assert main(args) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["mechanism"] == "sccs_or_bcrs"
    assert "GDPR Art. 47" in json.dumps(answer)
    assert main([*args[:-3], "--origin", "CN", "--safeguard", "sccs", "--json"]) == 1
    assert "safeguard" in capsys.readouterr().err

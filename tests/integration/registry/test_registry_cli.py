"""`consentry import FILE` against the SQLite store named by CONSENTRY_DATA_DIR."""

from pathlib import Path

import pytest

from consentry.cli import main
from registry.application import make_registry
from registry.domain import LawfulBasis, PurposeSpec, subject_id_for
from registry.settings import RegistrySettings


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("CONSENTRY_DATA_DIR", str(data_dir))
    monkeypatch.delenv("CONSENTRY_DATABASE_URL", raising=False)
    with make_registry(RegistrySettings(data_dir=data_dir)) as registry:
        registry.controllers.register_controller(
            "acme", name="Acme", contact="dpo@acme.example", jurisdiction="CN"
        )
        registry.purposes.define_purpose(
            "newsletter", PurposeSpec("Newsletter", LawfulBasis.CONSENT)
        )
    return data_dir


def test_import_then_rebuild_from_the_command_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "consents.csv"
    source.write_text(
        "controller,customer_ref,purpose,status,occurred_at\n"
        "acme,CUST-1,newsletter,given,2024-04-01T10:00:00+08:00\n"
        "acme,CUST-2,newsletter,refused,2024-04-02T10:00:00+08:00\n"
    )

    assert main(["import", str(source), "--no-progress"]) == 0
    assert "2 rows imported: 4 events, 2 new subjects" in capsys.readouterr().out
    assert main(["registry", "rebuild"]) == 0
    # the read model follows consent and purpose events only: 1 purpose + 2 answers
    assert "rebuilt from 3 consent and purpose events" in capsys.readouterr().out

    with make_registry(RegistrySettings(data_dir=data_dir)) as registry:
        customer = subject_id_for(registry.app.controller("acme").id, "CUST-1")
        assert registry.queries.may(customer, "newsletter").allowed


def test_a_rejected_import_lists_each_bad_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "consents.csv"
    source.write_text(
        "controller,customer_ref,purpose,status,occurred_at\n"
        "acme,CUST-1,newsletter,given,2024-04-01T10:00:00+08:00\n"
        "acme,CUST-2,newsletter,given,yesterday\n"
    )

    assert main(["import", str(source), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err
    assert "line 3, occurred_at" in err
    with make_registry(RegistrySettings(data_dir=data_dir)) as registry:
        assert registry.app.recorder.max_notification_id() == 2

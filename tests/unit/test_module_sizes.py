"""No module of the product passes 300 lines: past that, a module is doing more than one job
and is split (the layout in the README says where things live)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("registry", "assistant", "knowledge", "consentry")
LIMIT = 300


def test_no_module_passes_the_limit() -> None:
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
    }
    assert len(sizes) > 100  # the packages were found
    assert {path: lines for path, lines in sizes.items() if lines > LIMIT} == {}

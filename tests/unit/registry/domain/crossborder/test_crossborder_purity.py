"""The engine is pure: standard library and its own modules only, and no clock reads."""

import ast
import sys
from pathlib import Path

import pytest

import registry.domain
import registry.errors

CROSSBORDER = Path(registry.domain.__file__).parent / "crossborder"
# The rule engine's modules; the data-flow aggregate beside them is not part of the engine.
ENGINE = {"rules", "rules_cn2024", "rules_cn2022", "rules_eu", "adequacy", "duties"}
ENGINE |= {"request", "values", "versions"}
# The engine's errors are a branch of the registry's error tree, which is pure as well.
ERRORS = sorted(Path(registry.errors.__file__).parent.glob("*.py"))
MODULES = sorted(path for path in CROSSBORDER.glob("*.py") if path.stem in ENGINE) + ERRORS
PURE_PACKAGES = ("registry.domain.crossborder.", "registry.errors")
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_engine_modules_were_found() -> None:
    assert {path.stem for path in MODULES} >= {"rules", "rules_cn2024", "rules_eu", "crossborder"}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: f"{path.parent.name}.{path.stem}")
def test_imports_only_stdlib_and_engine(path: Path) -> None:
    for name in imported_modules(ast.parse(path.read_text())):
        top = name.split(".")[0]
        engine = name.startswith(PURE_PACKAGES)
        assert engine or top == "__future__" or top in sys.stdlib_module_names, name


@pytest.mark.parametrize("path", MODULES, ids=lambda path: f"{path.parent.name}.{path.stem}")
def test_reads_no_clock(path: Path) -> None:
    tree = ast.parse(path.read_text())
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not called & CLOCK_CALLS
    assert "time" not in imported_modules(tree)

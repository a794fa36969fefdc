"""No module uses another module's private names: a leading underscore means "this module
only", so a name another module needs is made public (or the code moves to where it is used).

Checked on the source with `ast`: `from <project module> import _name`, and `alias._name`
where `alias` is a project module bound by an import."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("registry", "assistant", "knowledge", "consentry")


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_project_module(dotted: str) -> bool:
    """A module (not a name inside one) of the project's packages."""
    if dotted.split(".")[0] not in PACKAGES:
        return False
    base = ROOT.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imported_from(node: ast.ImportFrom, package: str) -> str:
    """The absolute module an import reads from, relative imports resolved."""
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def violations(source: str, where: str, package: str) -> Iterator[str]:
    """`where` names the file in messages; `package` is the one its relative imports use."""
    tree = ast.parse(source, filename=where)
    modules: set[str] = set()  # local names bound to project modules, e.g. `commands`
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            origin = imported_from(node, package)
            if origin.split(".")[0] not in PACKAGES:
                continue
            for alias in node.names:
                if is_private(alias.name):
                    yield f"{where}:{node.lineno} imports {origin}.{alias.name}"
                elif is_project_module(f"{origin}.{alias.name}"):
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if is_project_module(alias.name):
                    modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and is_private(node.attr)
            and ast.unparse(node.value) in modules
        ):
            owner = ast.unparse(node.value)
            yield f"{where}:{node.lineno} uses {owner}.{node.attr}"


def file_violations(path: Path) -> Iterator[str]:
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    where = str(path.relative_to(ROOT))
    return violations(path.read_text(encoding="utf-8"), where, package)


def project_files() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))


def test_no_module_imports_a_private_name_of_another() -> None:
    found = [line for path in project_files() for line in file_violations(path)]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "from registry.application.consents import _retry_on_conflict\n",
        "from registry.application.consents import (\n    Consents,\n    _helper,\n)\n",
        "from registry.application import consents\nconsents._retry_on_conflict(print)\n",
        "import registry.application.consents as c\nc._helper()\n",
        "from . import app\napp._changes([])\n",
        "from .app import _changes\n",
    ],
)
def test_the_check_finds_each_form(source: str) -> None:
    assert list(violations(source, "example.py", "registry.application"))


def test_the_check_passes_public_names_and_a_module_s_own_private_names() -> None:
    source = (
        "from registry.application.app import ConsentRegistry, utc_now\n"
        "from registry.application import app\n"
        "import registry.application\n"
        "def _own():\n    return app.utc_now(), registry.application.__all__\n"
        "class A:\n    def _hook(self):\n        return self._state, _own()\n"
    )
    assert list(violations(source, "example.py", "registry.application")) == []

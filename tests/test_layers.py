"""The layers hold: the domain never imports Qt, the window never imports SQLAlchemy (it reads through the
domain's query functions and writes through operations), and analytics/reports sit below the services.

Imports are read from the source (also those inside functions), so a lazy import cannot slip through.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import qmsdesk

ROOT = Path(qmsdesk.__file__).parent
DOMAIN = ("db", "services", "analytics", "reports", "sync", "office")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    out = []
    for path in sorted((ROOT / package).rglob("*.py")):
        bad = sorted(n for n in _imports(path) if n.split(".")[0] in forbidden or n in forbidden)
        if bad:
            out.append(f"{path.relative_to(ROOT)}: {', '.join(bad)}")
    return out


@pytest.mark.parametrize("package", DOMAIN)
def test_the_domain_never_imports_qt(package):
    assert _offenders(package, ("PySide6", "shiboken6")) == []


def test_the_window_never_imports_sqlalchemy():
    assert _offenders("ui", ("sqlalchemy",)) == []


@pytest.mark.parametrize("package", ("analytics", "reports"))
def test_analytics_and_reports_do_not_lean_on_the_services_base(package):
    assert _offenders(package, ("qmsdesk.services.base",)) == []


def test_the_checks_see_imports_inside_functions(tmp_path):
    """The walk finds a lazy import too (else the tests above could pass on a module that hides one)."""
    sample = tmp_path / "lazy.py"
    sample.write_text("def f():\n    from sqlalchemy.orm import configure_mappers\n", encoding="utf-8")
    assert "sqlalchemy.orm" in _imports(sample)

"""Project rules that code review would otherwise have to catch."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE_PACKAGES = ["engine", "documents", "models"]


def test_ruff_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_packages_never_import_qt() -> None:
    offenders = []
    core_files = [ROOT / "rio_desktop" / name for name in ("i18n.py", "paths.py", "settings.py", "units.py")]
    for package in CORE_PACKAGES:
        core_files += sorted((ROOT / "rio_desktop" / package).rglob("*.py"))
    for path in core_files:
        if not path.exists():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            qt = [n for n in names if n.split(".")[0] in ("PySide6", "shiboken6")]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in qt]
    assert not offenders, offenders

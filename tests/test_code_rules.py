"""Project rules that code review would otherwise have to catch."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE_PACKAGES = ["engine", "documents", "models", "tasks"]
# The layers, lowest first: a package imports from its own and lower ones only (the window and the command
# line sit above them all). The engine needs nothing of documents or models, and so on.
LAYERS = ["engine", "documents", "models", "tasks", "ui"]


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


def test_no_package_imports_from_a_layer_above_it() -> None:
    """Function-level imports too: a lazy import from above is still a cycle in the design."""
    offenders = []
    for rank, package in enumerate(LAYERS):
        above = {f"rio_desktop.{name}" for name in LAYERS[rank + 1:]}
        for path in sorted((ROOT / "rio_desktop" / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                    [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno}: {name}" for name in names
                              if any(name == top or name.startswith(top + ".") for top in above)]
    assert not offenders, offenders


def _import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (function-level imports too; `from pkg import mod` counts
    as importing mod)."""
    modules = {}
    for path in (ROOT / "rio_desktop").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name and not name.startswith(t + ".")}
    return graph


def test_no_import_cycles() -> None:
    """No module reaches itself through the modules it imports (the engine had a circle of five, held
    together by function-level imports)."""
    graph = _import_graph()
    cycles = []
    for start in graph:
        seen, stack = set(), [(start, [start])]
        while stack:
            node, route = stack.pop()
            for target in graph[node]:
                if target == start:
                    cycles.append(" -> ".join([*route, start]))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*route, target]))
    assert not cycles, cycles[:5]


def test_the_engine_keeps_its_native_state_in_one_object() -> None:
    """llama.cpp's process-wide state (settings, loaded backends, the probe's answer, the module, the log) is
    engine.native's NATIVE: no engine module rebinds a global of its own."""
    offenders = []
    for path in sorted((ROOT / "rio_desktop" / "engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Global):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: global {', '.join(node.names)}")
    assert not offenders, offenders


def test_the_entry_point_parses_and_dispatches_only() -> None:
    """The commands' work is in rio_desktop.cli and the use cases in rio_desktop.tasks."""
    assert len((ROOT / "rio_desktop" / "__main__.py").read_text(encoding="utf-8").splitlines()) < 350


def test_long_functions_are_rare() -> None:
    """Functions of 50 lines or more: under 2 % of all (Anki's aqt has 2.2 %)."""
    lengths = [node.end_lineno - node.lineno + 1 for path in (ROOT / "rio_desktop").rglob("*.py")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno]
    long = [n for n in lengths if n >= 50]
    assert len(long) / len(lengths) < 0.02, f"{len(long)} of {len(lengths)}"


# -- text encodings ----------------------------------------------------------------------------------------
# Without an explicit encoding Python uses the locale's: UTF-8 on Linux and macOS, but cp1252 on a Brazilian
# Windows (Python 3.12), where our UTF-8 files would read garbled and "ç" in a child's pipe would fail.
SUBPROCESS_CALLS = {"run", "Popen", "check_output", "call", "check_call"}


def _keywords(call: ast.Call) -> dict[str, ast.expr]:
    return {k.arg: k.value for k in call.keywords if k.arg}


def _binary_mode(mode: ast.expr | None, assigned: dict[str, list[ast.expr]]) -> bool | None:
    """True for a mode with "b", False for a text mode, None when it is not a mode string at all."""
    if mode is None:
        return False  # open()'s default "r"
    if isinstance(mode, ast.Name):  # mode = "ab" if offset else "wb"
        values = [v for value in assigned.get(mode.id, [])
                  for v in ((value.body, value.orelse) if isinstance(value, ast.IfExp) else (value,))]
        modes = [_binary_mode(v, {}) if isinstance(v, ast.Constant) else None for v in values]
        if not modes or None in modes:
            return None  # not a mode: a request, a list of pages
        return all(modes)
    if isinstance(mode, ast.Constant) and isinstance(mode.value, str) and set(mode.value) <= set("rwxabt+"):
        return "b" in mode.value
    return None


def _text_without_encoding(tree: ast.AST) -> list[tuple[int, str]]:
    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        keywords, func = _keywords(node), node.func
        if "encoding" in keywords:
            continue
        if isinstance(func, ast.Name) and func.id == "open":  # open(file, mode)
            mode = keywords.get("mode", node.args[1] if len(node.args) > 1 else None)
            if _binary_mode(mode, assigned) is False:
                found.append((node.lineno, "open() in text mode"))
        elif isinstance(func, ast.Attribute) and func.attr == "fdopen":  # os.fdopen(fd, mode)
            mode = keywords.get("mode", node.args[1] if len(node.args) > 1 else None)
            if _binary_mode(mode, assigned) is False:
                found.append((node.lineno, "os.fdopen() in text mode"))
        elif isinstance(func, ast.Attribute) and func.attr == "open" and (node.args or "mode" in keywords):
            # Path.open(mode); other .open()s (urllib's opener, PageSearch, PIL) take no mode string first.
            mode = keywords.get("mode", node.args[0] if node.args else None)
            if _binary_mode(mode, assigned) is False:
                found.append((node.lineno, "Path.open() in text mode"))
        elif isinstance(func, ast.Attribute) and func.attr in ("read_text", "write_text"):
            found.append((node.lineno, f"{func.attr}()"))
        elif isinstance(func, ast.Attribute) and func.attr in SUBPROCESS_CALLS:
            text = [keywords.get(k) for k in ("text", "universal_newlines")]
            if any(isinstance(v, ast.Constant) and v.value for v in text):
                found.append((node.lineno, f"subprocess.{func.attr}(text=True)"))
    return found


def test_every_text_file_and_pipe_names_its_encoding() -> None:
    offenders = []
    for path in sorted((ROOT / "rio_desktop").rglob("*.py")):
        for line, what in _text_without_encoding(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{line}: {what} without encoding=")
    assert not offenders, "\n".join(offenders)


def test_the_encoding_rule_catches_what_it_should() -> None:
    source = '''
open(p)
open(p, "w")
open(p, "rb")
open(p, encoding="utf-8")
path.open("a")
path.open("wb")
mode = "ab" if offset else "wb"
path.open(mode)
opener().open(request, timeout=5)
os.fdopen(fd, "w")
path.read_text()
path.write_text(s, encoding="utf-8")
subprocess.run(c, capture_output=True, text=True)
subprocess.run(c, text=True, encoding="utf-8")
subprocess.Popen(c, universal_newlines=True)
'''
    assert [line for line, _ in _text_without_encoding(ast.parse(source))] == [2, 3, 6, 11, 12, 14, 16]


def test_child_processes_start_without_a_console_window() -> None:
    """Every process the application starts passes creationflags (CREATE_NO_WINDOW on Windows): a console
    program started from the windowed one otherwise opens a black window over it."""
    exempt = {"rio_desktop/engine/cpu.py": "sysctl, on macOS only"}
    offenders = []
    for path in sorted((ROOT / "rio_desktop").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in exempt:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess"
                    and node.func.attr in SUBPROCESS_CALLS and "creationflags" not in _keywords(node)):
                offenders.append(f"{name}:{node.lineno}")
    assert not offenders, offenders

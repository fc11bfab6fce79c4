"""Every benchmark in bench/ runs here in its quick mode (small sizes, one repeat, no thresholds), so that a
change that breaks one fails CI instead of being found by the next person who measures. A new script in
bench/ is picked up by itself; only the helper modules below are left out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# Imported by the benchmarks, not benchmarks themselves.
HELPERS = {"report.py"}
# Run through its shell wrapper, which CI reaches only this way (the wrapper's --quick runs it with --quick).
RUN_THROUGH = {"gpu_check.py": "gpu_check.sh"}
# Run by the tests of what it measures, once they have built it: bench/windows.py needs the Windows installer,
# which takes tens of minutes to build the first time (tests/test_windows_installer.py runs its quick mode).
RUN_ELSEWHERE = {"windows.py": "test_windows_installer.py"}
# A quick run takes seconds; this only keeps a hung one from holding up the suite.
TIMEOUT_S = 600


def benchmarks() -> list[str]:
    scripts = [p.name for p in BENCH.glob("*.py")
               if p.name not in HELPERS and p.name not in RUN_THROUGH and p.name not in RUN_ELSEWHERE]
    return sorted(scripts + [p.name for p in BENCH.glob("*.sh")])


def test_every_benchmark_is_found() -> None:
    found = benchmarks()
    assert {"engine.py", "cpu_variants.py", "gpu_check.sh"} <= set(found)
    assert set(RUN_THROUGH.values()) <= set(found)
    for script, test in RUN_ELSEWHERE.items():  # really run there, in its quick mode
        text = (ROOT / "tests" / test).read_text(encoding="utf-8")
        assert f'"bench" / "{script}"), "--quick"' in text, (script, test)


@pytest.fixture(scope="module")
def bench_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One application folder for every quick run: the backend probe runs once, and no user state is touched."""
    return tmp_path_factory.mktemp("bench-home")


@pytest.mark.parametrize("script", benchmarks())
def test_quick_run(script: str, bench_home: Path, model_path: Path, tmp_path: Path) -> None:
    """The script's quick mode exits 0 and writes its results, marked quick, to RIO_BENCH_RESULTS only.
    (model_path: the benchmarks default to the tests' model; the fixture says how to get it when missing.)"""
    results = tmp_path / "results"
    name = Path(script).stem
    committed = BENCH / "results" / f"{name}.json"
    before = committed.read_bytes() if committed.is_file() else None
    if script.endswith(".sh"):
        bash = shutil.which("bash")
        if bash is None:
            pytest.skip("bash is not installed: the shell wrapper cannot run here")
        command = [bash, str(BENCH / script), "--quick", str(results)]  # it writes into DIR
    else:
        command = [sys.executable, str(BENCH / script), "--quick"]
    env = dict(os.environ, RIO_BENCH_RESULTS=str(results), RIO_DESKTOP_HOME=str(bench_home),
               QT_QPA_PLATFORM="offscreen", PYTHON=sys.executable)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
                          check=False)
    output = f"stdout:\n{done.stdout[-4000:]}\nstderr:\n{done.stderr[-4000:]}"
    assert done.returncode == 0, output
    written = results / f"{name}.json"
    assert written.is_file(), output
    assert json.loads(written.read_text()).get("quick") is True, output
    assert (committed.read_bytes() if committed.is_file() else None) == before

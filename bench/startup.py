#!/usr/bin/env python3
"""Startup benchmark: process start to the main window shown, against a bare PySide6 window in the same
run, and the memory in use before any model is loaded. Writes bench/results/startup.json (keys
startup_ratio and rss_mb).

    .venv/bin/python bench/startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from report import print_table, write_results  # noqa: E402

SHOWN = """
import psutil
from PySide6.QtCore import QTimer
def shown():
    print("SHOWN", psutil.Process().memory_info().rss, flush=True)
    app.quit()
"""
BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
""" + SHOWN + """
QTimer.singleShot(0, shown)
app.exec()
"""
APP = """
from rio_desktop.ui.app import Gui, create_application
app = create_application([])
gui = Gui()
gui.window.show()
""" + SHOWN + """
QTimer.singleShot(0, shown)
app.exec()
gui.shutdown()
"""


def run(code: str, env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("SHOWN"):
            elapsed = time.perf_counter() - started
            rss = int(line.split()[1])
            process.wait(30)
            return elapsed, rss
    raise RuntimeError("the window never showed")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   RIO_DESKTOP_HOME=home, PYTHONPATH=str(ROOT))
        # An installed application (pip, or the PyInstaller bundle) starts from compiled bytecode, as
        # PySide6 itself does here; a checkout run with PYTHONDONTWRITEBYTECODE would compile every module
        # at every start and measure the compiler, not the application.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        run(BARE, env), run(APP, env)  # warm the file cache for both, and write the bytecode
        bare, app = [], []
        for _ in range(args.repeats):  # interleaved
            bare.append(run(BARE, env))
            app.append(run(APP, env))
    bare_s, app_s = statistics.median(t for t, _ in bare), statistics.median(t for t, _ in app)
    rss_mb = statistics.median(r for _, r in app) / 2**20
    results = {"startup_ratio": app_s / bare_s, "app_s": app_s, "bare_s": bare_s, "rss_mb": rss_mb,
               "bare_rss_mb": statistics.median(r for _, r in bare) / 2**20}
    print_table([
        ("bare PySide6 window shown (s)", f"{bare_s:.3f}"),
        ("Rio Desktop main window shown (s)", f"{app_s:.3f}"),
        ("startup_ratio (goal <= 1.5)", f"{results['startup_ratio']:.2f}"),
        ("memory before a model is loaded (MB)", f"{rss_mb:.0f} (bare window {results['bare_rss_mb']:.0f})"),
    ])
    write_results("startup", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

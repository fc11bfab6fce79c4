#!/usr/bin/env python3
"""Startup benchmark: process start to the main window shown, against a bare PySide6 window in the same
run, and the memory in use before any model is loaded. Writes bench/results/startup.json (keys
startup_ratio and rss_mb; startup_ratio_with_models for a library of three installed models, which
are scanned without holding up the window).

    .venv/bin/python bench/startup.py [--repeats 11] [--model FILE.gguf]
    .venv/bin/python bench/startup.py --quick     # one start of each
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

from report import add_quick_flag, find_test_model, print_table, write_results  # noqa: E402

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
    parser.add_argument("--repeats", type=int, default=None, help="starts of each (default 11; --quick: 1)")
    parser.add_argument("--model", type=Path, default=None, help="a GGUF to install three times (default: "
                        "the test model)")
    add_quick_flag(parser)
    args = parser.parse_args()
    args.repeats = args.repeats or (1 if args.quick else 11)
    model = args.model or find_test_model()
    with tempfile.TemporaryDirectory() as home, tempfile.TemporaryDirectory() as full_home:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                   RIO_DESKTOP_HOME=home, PYTHONPATH=str(ROOT))
        # An installed application (pip, or the PyInstaller bundle) starts from compiled bytecode, as
        # PySide6 itself does here; a checkout run with PYTHONDONTWRITEBYTECODE would compile every module
        # at every start and measure the compiler, not the application.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        full_env = dict(env, RIO_DESKTOP_HOME=full_home)
        if model is not None:  # three installed models (links, not copies)
            models = Path(full_home) / "models"
            models.mkdir()
            for index in range(3):
                os.link(model, models / f"model-{index}.gguf")
        run(BARE, env), run(APP, env), run(APP, full_env)  # warm the file cache, write the bytecode
        bare, app, full = [], [], []
        for _ in range(args.repeats):  # interleaved
            bare.append(run(BARE, env))
            app.append(run(APP, env))
            if model is not None:
                full.append(run(APP, full_env))
    bare_s, app_s = statistics.median(t for t, _ in bare), statistics.median(t for t, _ in app)
    rss_mb = statistics.median(r for _, r in app) / 2**20
    results = {"startup_ratio": app_s / bare_s, "app_s": app_s, "bare_s": bare_s, "rss_mb": rss_mb,
               "bare_rss_mb": statistics.median(r for _, r in bare) / 2**20}
    rows = [
        ("bare PySide6 window shown (s)", f"{bare_s:.3f}"),
        ("Rio Desktop main window shown (s)", f"{app_s:.3f}"),
        ("startup_ratio (goal <= 1.5)", f"{results['startup_ratio']:.2f}"),
        ("memory before a model is loaded (MB)", f"{rss_mb:.0f} (bare window {results['bare_rss_mb']:.0f})"),
    ]
    if full:
        full_s = statistics.median(t for t, _ in full)
        results.update(app_with_models_s=full_s, startup_ratio_with_models=full_s / bare_s)
        rows.append(("startup_ratio with 3 models installed", f"{full_s / bare_s:.2f}"))
    print_table(rows)
    write_results("startup", results, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

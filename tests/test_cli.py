"""The command line: version, streaming generation, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rio_desktop import __version__


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rio_desktop", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"rio-desktop {__version__}"


def test_generate_streams_to_stdout(model_path: Path) -> None:
    result = _run("generate", "--model", str(model_path), "--max-tokens", "20", "--temperature", "0",
                  "--ctx", "512", "--stats", "Name the capital of Brazil.")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip()) > 10
    stats = json.loads(result.stderr.strip().splitlines()[-1])
    assert stats["generated_tokens"] <= 20 and stats["prompt_tokens"] > 5
    assert stats["tokens_per_second"] > 0


def test_generate_with_a_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "oficio.gguf"
    bad.write_text("Ofício nº 1/2026", encoding="utf-8")
    result = _run("generate", "--model", str(bad), "hello")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "oficio.gguf is not a GGUF model file" in lines[0]
    assert "Traceback" not in result.stderr


def test_generate_with_a_missing_file(tmp_path: Path) -> None:
    result = _run("generate", "--model", str(tmp_path / "nope.gguf"), "hello")
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr

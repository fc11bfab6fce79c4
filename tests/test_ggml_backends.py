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


@needs_dynamic
@pytest.mark.skipif(shutil.which("qemu-x86_64") is None, reason="qemu-user is not installed (Debian: apt install "
                                                                "qemu-user; .ci/vulkan_toolchain.sh does)")
@pytest.mark.skipif(os.uname().machine != "x86_64", reason="emulates an older x86-64 CPU")
def test_generates_on_a_cpu_without_avx2(model_path: Path, tmp_path: Path) -> None:
    """A Nehalem (SSE4.2, no AVX) runs the application's own loader, which picks a variant without AVX2."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    # The GPU module is left out: this test is about the CPU variant, and emulation is slow.
    (home / "config" / "settings.json").write_text(json.dumps({"use_gpu": False}))
    env = dict(os.environ, RIO_DESKTOP_HOME=str(home))
    done = subprocess.run(["qemu-x86_64", "-cpu", "Nehalem", sys.executable, "-m", "rio_desktop", "generate", "Hi",
                           "--model", str(model_path), "--max-tokens", "3", "--temperature", "0", "--ctx", "256",
                           "--threads", "2", "--stats"], capture_output=True, text=True, env=env, timeout=900,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    stats = json.loads(done.stderr.strip().splitlines()[-1])
    assert stats["generated_tokens"] > 0
    assert stats["cpu_variant"] in ("sse42", "x64"), stats

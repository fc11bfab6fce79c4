"""Probe and remember: which CPU variant and which GPU modules of llama.cpp work on this computer.

ggml picks the CPU variant by what the CPU reports, but a report can lie (AMX on Windows is always "there")
and a kernel can be wrong on one CPU model. So the first time a build meets a CPU, a child process loads
the exact library this process chose, runs a tiny model (probe_model) for a few tokens and prints what it
got. If the child dies (SIGILL, SIGSEGV, an abort) or its output disagrees with the portable variant, the
next variant down is tried. GPU modules get the same: one that crashes or fails is left out, and the
application runs on the CPU with a message instead of going down. The choices are remembered per CPU model,
build and the CPU's capabilities (machine_key), so later starts load straight away and a choice made on a lesser
CPU of the same name never holds back a better one.

The child is `python -m rio_desktop.engine.backend_probe --cpu FILE [--gpu vulkan] --model FILE`, or in a
bundle the application itself with CHILD_ARGUMENT first.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rio_desktop.atomic import write_atomically
from rio_desktop.engine import ggml_backends
from rio_desktop.engine.backend_config import configure, configure_backends  # noqa: F401 - this module's API
from rio_desktop.engine.ggml_backends import CpuVariant
from rio_desktop.engine.native import NATIVE, Preparation
from rio_desktop.engine.probe_model import probe_model
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message

log = logging.getLogger(__name__)
STATE_FILE = "llama_backends.json"
CHILD_ARGUMENT = "_backend-probe"
PROMPT = [1, 40, 71, 102, 133, 164]  # token ids of the probe model
N_TOKENS = 4
CPU_TIMEOUT_S = 120
# A GPU's first run compiles its shaders (lavapipe, the CPU Vulkan driver of the tests: about a minute).
GPU_TIMEOUT_S = 300
# Variants "agree" when the greedy tokens are equal or the logits differ by rounding only.
LOGIT_TOLERANCE = 0.02


@dataclass
class ProbeResult:
    ok: bool
    reason: str = ""  # why not, e.g. "crashed (SIGILL)"
    tokens: list[int] = field(default_factory=list)
    logits: list[float] = field(default_factory=list)
    devices: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0


# A process that crashes on Windows ends with the exception's NTSTATUS as its exit status, not a signal.
# Named as the signal the same fault raises elsewhere, so that a reason reads alike on every system.
# abort(), which ggml calls on a failed assertion, ends a process with status 3 (seen under Wine, as the C
# runtime documents), or through __fastfail (0xC0000409) where the runtime is set to report the fault.
# Python itself never exits with 3 (1 on an exception, 2 on a usage error).
WINDOWS_CRASHES = {0xC000001D: "SIGILL", 0xC0000096: "SIGILL", 0xC0000005: "SIGSEGV", 0xC00000FD: "SIGSEGV",
                   0xC0000409: "SIGABRT", 3: "SIGABRT", 0xC0000094: "SIGFPE"}


def _signal_name(returncode: int) -> str:
    number = -returncode if returncode < 0 else returncode - 128
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"exit status {returncode}"


def crash_name(returncode: int, windows: bool | None = None) -> str | None:
    """What killed a child that crashed ("SIGILL"), or None when it exited by itself."""
    if windows if windows is not None else sys.platform == "win32":
        status = returncode & 0xFFFFFFFF
        if status in WINDOWS_CRASHES:
            return WINDOWS_CRASHES[status]
        return f"exception 0x{status:08X}" if status >= 0xC0000000 else None  # NTSTATUS severity "error"
    if returncode < 0 or returncode > 128:
        return _signal_name(returncode)
    return None


def child_command() -> list[str]:
    if getattr(sys, "frozen", False):  # a bundle has no `-m`: its entry point dispatches on the argument
        console = Path(sys.executable).with_name("rio-desktop-cli.exe")
        return [str(console if console.exists() else sys.executable), CHILD_ARGUMENT]
    return [sys.executable, "-m", "rio_desktop.engine.backend_probe"]


def run_child(cpu: Path, model: Path, gpu: Sequence[str] = (), timeout: float = CPU_TIMEOUT_S) -> ProbeResult:
    """Load `cpu` (and the GPU modules `gpu`) in a child process and generate a few tokens there."""
    command = [*child_command(), "--cpu", str(cpu), "--model", str(model)]
    for family in gpu:
        command += ["--gpu", family]
    started = time.perf_counter()
    # The child's output goes to files, not pipes: a process the child starts can inherit its handles and
    # keep a pipe open after the child has ended (Wine starts its desktop process, explorer.exe, from the
    # first program that touches the display, as Vulkan does), and reading until the pipe closes would then
    # wait for that process instead of the child. Files are read once the child has exited.
    with tempfile.TemporaryDirectory(prefix="rio-probe-", ignore_cleanup_errors=True) as folder:
        out_file, err_file = Path(folder) / "out.txt", Path(folder) / "err.txt"
        with out_file.open("wb") as out, err_file.open("wb") as err:
            # The child runs in a neutral folder: llama.cpp must not pick up libraries from the current one.
            # Its output is UTF-8 (child_main sets its side): Windows would otherwise use cp1252, and a path
            # with accents in an error would not decode. CREATE_NO_WINDOW: no console flashes over the window.
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                       cwd=tempfile.gettempdir(),
                                       env=dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p)),
                                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
            try:
                returncode = process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                return ProbeResult(False, f"no answer within {timeout:.0f} s", seconds=time.perf_counter() - started)
        done = subprocess.CompletedProcess(command, returncode, out_file.read_text(encoding="utf-8", errors="replace"),
                                           err_file.read_text(encoding="utf-8", errors="replace"))
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        crash = crash_name(done.returncode)
        tail = (done.stderr.strip().splitlines() or [""])[-1][:300]
        reason = f"crashed ({crash})" if crash else f"failed: {tail}"
        log.warning("backend probe %s %s: %s", cpu.name, " ".join(gpu), reason)
        return ProbeResult(False, reason, seconds=seconds)
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return ProbeResult(False, "no answer", seconds=seconds)
    return ProbeResult(True, tokens=answer["tokens"], logits=answer["logits"], devices=answer["devices"],
                       seconds=seconds)


def agree(a: ProbeResult, b: ProbeResult) -> bool:
    if a.tokens == b.tokens:
        return True
    if not a.logits or len(a.logits) != len(b.logits):
        return False
    spread = max(b.logits) - min(b.logits)
    return max(abs(x - y) for x, y in zip(a.logits, b.logits, strict=True)) <= LOGIT_TOLERANCE * spread


Runner = Callable[..., ProbeResult]


def choose_cpu(candidates: Sequence[CpuVariant], model: Path, run: Runner = run_child) -> tuple[CpuVariant, dict]:
    """The best candidate that runs and agrees with the portable one (the lowest score); what was skipped."""
    skipped: dict[str, str] = {}
    portable = candidates[-1]
    reference: ProbeResult | None = None
    for candidate in candidates:
        result = run(candidate.path, model)
        if not result.ok:
            skipped[candidate.name] = result.reason
            continue
        if candidate is portable:
            return candidate, skipped
        if reference is None:
            reference = run(portable.path, model)
        if reference.ok and not agree(result, reference):
            skipped[candidate.name] = "results differ from the portable variant"
            continue
        return candidate, skipped
    return portable, skipped  # nothing worked: the portable one, and llama.cpp will say what is wrong


class ProbeStore:
    """The remembered choices, by machine_key: {key: {"cpu_variant", "skipped", "gpu": {module: status}}}."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> dict[str, Any]:
        entry = self.read().get(key)
        return entry if isinstance(entry, dict) else {}

    def put(self, key: str, entry: dict[str, Any]) -> None:
        data = self.read()
        data[key] = entry
        write_atomically(self.path, json.dumps(data, indent=2).encode("utf-8"))


def machine_key(candidates: Sequence[CpuVariant]) -> str:
    """What a remembered choice holds for: the CPU model, the build, and what this CPU can do as ggml's
    variant scoring reads it (each variant's score is 0 without the features it needs and grows with the
    ones it uses). One model name covers CPUs with different feature masks: the same "AMD EPYC" under an
    emulator or a hypervisor that hides AVX-512, virtual desktops roaming over hosts. Keyed by the model
    name alone, a choice made on the lesser CPU (sse42) stuck on the full one for ever."""
    import hashlib

    from rio_desktop.engine.cpu import cpu_model

    scores = ",".join(f"{c.name}:{c.score}" for c in sorted(candidates, key=lambda c: c.name))
    capability = hashlib.sha256(scores.encode()).hexdigest()[:12]
    best = max(candidates, key=lambda c: c.score).name if candidates else "none"
    return f"{cpu_model()}|{ggml_backends.build_id()}|{best}:{capability}"


def ensure() -> Preparation:
    """Backends loaded as configured; the first call probes if nothing is remembered for this machine.
    Several threads may ask at once (the engine's worker loading a model, a background job planning the
    installed models): one probes, the others wait for its answer."""
    with NATIVE.ensure_lock:
        return _ensure()


def _ensure() -> Preparation:
    if NATIVE.preparation is not None:
        return NATIVE.preparation
    NATIVE.log.route()  # ggml's messages while loading go to the log, not to the terminal
    settings = NATIVE.settings
    state_dir = settings.state_dir
    if state_dir is None:
        from rio_desktop.paths import app_paths

        state_dir = app_paths().data
    try:
        return prepare(state_dir, settings.cpu_variant, settings.use_gpu)
    except Exception:
        # The probe is a safety net, not a gate: when it cannot run, ggml's own choice is loaded.
        # ggml's own choice is the highest score, which is the AMX variant on CPUs that report AMX but
        # cannot use it (seen here: SIGILL): without a probe's word, the best variant short of it.
        log.exception("the backend probe failed; loading the best CPU variant short of AMX")
        safe = [c for c in ggml_backends.cpu_variants() if c.score > 0 and "sapphirerapids" not in c.name]
        NATIVE.preparation = Preparation(ggml_backends.load(cpu=safe[0].path if safe else None), {}, [])
        return NATIVE.preparation


@dataclass
class Decision:
    cpu: CpuVariant
    gpu: dict[str, Path]  # the GPU modules to load
    remembered: dict[str, Any]
    notices: list[Message] = field(default_factory=list)


def decide(store: ProbeStore, key: str, candidates: Sequence[CpuVariant], gpu_modules: dict[str, Path],
           model_folder: Path, cpu_variant: str = "", use_gpu: bool = True, run: Runner = run_child) -> Decision:
    """Which CPU variant and GPU modules to load: the forced variant, else the remembered choice, else the
    probe's (remembered for next time). GPU modules are probed once each; a failed one is left out."""
    notices: list[Message] = []
    entry = store.get(key)
    by_name = {c.name: c for c in candidates}
    chosen: CpuVariant | None = None
    if cpu_variant:
        chosen = by_name.get(cpu_variant)
        if chosen is None:
            notices.append(Message(QT_TRANSLATE_NOOP(
                "Core", "The CPU variant {name} chosen in the settings cannot run on this computer; the automatic "
                        "choice is used."), name=cpu_variant))
    if chosen is None and entry.get("cpu_variant") in by_name:
        chosen = by_name[entry["cpu_variant"]]
    if chosen is None:
        chosen, skipped = choose_cpu(candidates, probe_model(model_folder), run)
        entry = {"cpu_variant": chosen.name, "skipped": skipped, "gpu": entry.get("gpu", {})}
        store.put(key, entry)
    gpu_status: dict[str, str] = dict(entry.get("gpu", {}))
    loadable: dict[str, Path] = {}
    for family, path in gpu_modules.items() if use_gpu else ():
        status = gpu_status.get(family)
        if status is None:
            result = run(chosen.path, probe_model(model_folder), gpu=[str(path)], timeout=GPU_TIMEOUT_S)
            status = gpu_status[family] = "ok" if result.ok else result.reason
            entry = {**entry, "gpu": gpu_status}
            store.put(key, entry)
        if status == "ok":
            loadable[family] = path
        else:
            notices.append(Message(QT_TRANSLATE_NOOP(
                "Core", "The {module} GPU backend does not work on this computer ({reason}); models run on the "
                        "CPU."), module=family.capitalize(), reason=status))
    return Decision(chosen, loadable, entry, notices)


def prepare(state_dir: Path, cpu_variant: str = "", use_gpu: bool = True, run: Runner = run_child) -> Preparation:
    """Load llama.cpp's backends for this process as decide() says. Once per process."""
    if NATIVE.preparation is not None:
        return NATIVE.preparation
    folder = ggml_backends.lib_folder()
    candidates = ggml_backends.cpu_variants()
    store = ProbeStore(state_dir / STATE_FILE)
    key = machine_key(candidates)
    if not candidates or folder is None:  # a build without CPU variants: nothing to choose
        NATIVE.preparation = Preparation(ggml_backends.load(), store.get(key))
        return NATIVE.preparation
    decision = decide(store, key, candidates, ggml_backends.gpu_module_files(), state_dir, cpu_variant,
                      use_gpu, run)
    backends = ggml_backends.load(cpu=decision.cpu.path, gpu=list(decision.gpu.values()))
    # A module that does not load at all (no Vulkan loader: a PC or VM without a GPU driver) is not a crash,
    # so the probe remembers it as working: say here, for the Computer tab and doctor, why the CPU is used.
    notices = decision.notices + [Message(QT_TRANSLATE_NOOP(
        "Core", "The {module} GPU backend could not be loaded (no usable driver on this computer); models run "
                "on the CPU."), module=family.capitalize()) for family in backends.gpu_failed]
    NATIVE.preparation = Preparation(backends, decision.remembered, notices)
    return NATIVE.preparation


def prepared() -> Preparation | None:
    return NATIVE.preparation


def child_main(argv: Sequence[str]) -> int:
    for stream in (sys.stdout, sys.stderr):  # the parent reads UTF-8 (run_child), on Windows too
        if stream is not None:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    parser = argparse.ArgumentParser(prog="backend_probe")
    parser.add_argument("--cpu", required=True, type=Path)
    parser.add_argument("--gpu", action="append", default=[], type=Path, help="a GPU module's file")
    parser.add_argument("--model", required=True, type=Path)
    args = parser.parse_args(argv)
    # This process loads exactly what it is told, and never probes in turn.
    NATIVE.preparation = Preparation(ggml_backends.load(cpu=args.cpu, gpu=args.gpu), {})
    import llama_cpp
    import numpy as np

    quiet = llama_cpp.llama_log_callback(lambda *_: None)
    NATIVE.probe_log_callback = quiet  # referenced until exit: llama.cpp calls it late
    llama_cpp.llama_log_set(quiet, None)
    llm = llama_cpp.Llama(model_path=str(args.model), n_ctx=256, n_batch=64, n_gpu_layers=-1 if args.gpu else 0,
                          n_threads=1, verbose=False)

    def last_logits() -> np.ndarray:
        return np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),)).copy()

    llm.eval(PROMPT)
    first = last_logits()
    tokens = []
    for _ in range(N_TOKENS):
        token = int(np.argmax(last_logits()))
        tokens.append(token)
        llm.eval([token])
    devices = [{"name": d.name, "kind": d.kind, "total_bytes": d.total_bytes}
               for d in ggml_backends.loaded_devices()]
    llm.close()
    print(json.dumps({"tokens": tokens, "logits": [round(float(x), 4) for x in first], "devices": devices}))
    return 0


if __name__ == "__main__":
    # Through the imported module, not this __main__ copy: the engine's modules see its state.
    from rio_desktop.engine import backend_probe

    sys.exit(backend_probe.child_main(sys.argv[1:]))

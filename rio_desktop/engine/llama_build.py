"""What the installed llama.cpp build is: its version, the architectures it knows, its devices.

The architecture check reads the names out of the shared library itself, without loading it, so that a
model llama.cpp cannot run is refused with a clear message before llama.cpp ever sees it.
"""

from __future__ import annotations

import ctypes
import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path


@functools.cache
def llama_package_dir() -> Path | None:
    spec = importlib.util.find_spec("llama_cpp")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def llama_cpp_python_version() -> str:
    import importlib.metadata  # read when asked, not at start-up

    try:
        return importlib.metadata.version("llama-cpp-python")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _library_files(stem: str) -> list[Path]:
    package = llama_package_dir()
    if package is None:
        return []
    lib = package / "lib"
    # Versioned names are links to one file: read each file once.
    found = {p.resolve() for p in lib.glob(f"*{stem}*")
             if p.suffix in (".so", ".dylib", ".dll") or ".so." in p.name}
    return sorted(found)


@functools.cache
def _library_bytes() -> bytes:
    return b"".join(p.read_bytes() for p in _library_files("llama"))


def architecture_known(arch: str) -> bool | None:
    """Whether llama.cpp's architecture table holds `arch`; None when the library cannot be read.

    Architecture names are NUL-terminated C strings (LLM_ARCH_NAMES). The linker merges a string into
    the tail of a longer one ("qwen2" lives inside "rwkv6qwen2"), so the test is the name followed by
    NUL. A rare false "known" is caught by llama.cpp itself, which refuses unknown architectures with
    an error (not an abort) that the backend reports.
    """
    data = _library_bytes()
    if not data or not arch:
        return None
    return arch.encode() + b"\x00" in data


@dataclass(frozen=True)
class Device:
    name: str
    description: str
    kind: str  # "CPU", "GPU", "iGPU", "ACCEL"
    total_bytes: int
    free_bytes: int


_DEVICE_KINDS = {0: "CPU", 1: "GPU", 2: "iGPU", 3: "ACCEL"}


def backend_devices() -> list[Device]:
    """llama.cpp's own devices and their free memory, through ggml's C API (after loading its backends)."""
    from rio_desktop.engine import backend_probe, ggml_backends

    backend_probe.ensure()
    lib = ggml_backends._ggml()  # heavy: loads the library
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


def backend_family(device_name: str) -> str:
    upper = device_name.upper()
    for family in ("CUDA", "METAL", "VULKAN", "ROCM", "HIP", "SYCL", "BLAS", "RPC"):
        if upper.startswith(family) or (family == "METAL" and upper.startswith("MTL")):
            return {"METAL": "Metal", "VULKAN": "Vulkan", "ROCM": "ROCm", "HIP": "ROCm"}.get(family, family)
    return "CPU"


def backend_names() -> list[str]:
    """The compute backends of the installed build, e.g. ["CPU"] or ["CUDA", "CPU"]."""
    names: list[str] = []
    for device in backend_devices():
        family = "CPU" if device.kind == "CPU" else backend_family(device.name)
        if family not in names:
            names.append(family)
    return names or ["CPU"]


def backend_report() -> dict:
    """What `doctor --json` shows under "llama": the CPU variant and its features, every device with its
    memory, and what the probe remembered for this computer (rio_desktop.engine.backend_probe)."""
    from rio_desktop.engine import backend_probe

    prepared = backend_probe.ensure()
    loaded = prepared.backends
    return {
        "dynamic": loaded.dynamic,
        "cpu_variant": loaded.cpu_variant,
        "cpu_features": loaded.cpu_features,
        "gpu_modules": loaded.gpu_modules,
        "devices": [{"name": d.name, "backend": "CPU" if d.kind == "CPU" else backend_family(d.name),
                     "description": d.description, "kind": d.kind, "free_bytes": d.free_bytes,
                     "total_bytes": d.total_bytes} for d in backend_devices()],
        "remembered": prepared.remembered,
        "notices": [str(n) for n in prepared.notices],
    }

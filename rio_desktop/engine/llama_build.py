"""What the installed llama.cpp build is: its version, the architectures it knows, its backend families.

The architecture check reads the names out of the shared library itself, without loading it, so that a
model llama.cpp cannot run is refused with a clear message before llama.cpp ever sees it.
"""

from __future__ import annotations

import functools
import importlib.util
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


def backend_family(device_name: str) -> str:
    upper = device_name.upper()
    for family in ("CUDA", "METAL", "VULKAN", "ROCM", "HIP", "SYCL", "BLAS", "RPC"):
        if upper.startswith(family) or (family == "METAL" and upper.startswith("MTL")):
            return {"METAL": "Metal", "VULKAN": "Vulkan", "ROCM": "ROCm", "HIP": "ROCm"}.get(family, family)
    return "CPU"

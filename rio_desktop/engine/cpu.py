"""This computer's CPU as the operating system names it: its model name (the key under which the backend
probe remembers which CPU library works) and the instruction-set flags llama.cpp's CPU variants need.
In the engine because the backend probe needs it; models.hardware reports it."""

from __future__ import annotations

import contextlib
import platform
import subprocess
import sys
from pathlib import Path

INTERESTING_FLAGS = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512_vnni", "avx512_bf16", "amx_int8", "neon",
                     "sve")


def cpu_model_and_flags() -> tuple[str, list[str]]:
    model, flags = platform.processor() or platform.machine(), set()
    cpuinfo = Path("/proc/cpuinfo")
    # Windows first: there "/proc/cpuinfo" is a path on the current drive, which Wine maps to Linux's.
    if sys.platform == "win32":
        model = _windows_cpu_name() or model
        flags.update(_windows_cpu_flags())
    elif cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "model name" and value.strip():
                model = value.strip()
            elif key in ("flags", "Features"):
                flags.update(value.split())
    elif platform.system() == "Darwin":
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            model = subprocess.run(["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True,
                                   encoding="utf-8", errors="replace", timeout=5).stdout.strip() or model
    if platform.machine().lower() in ("arm64", "aarch64"):
        flags.add("neon")  # every 64-bit Arm CPU has it
    if "asimd" in flags:
        flags.add("neon")
    return model, sorted(f for f in INTERESTING_FLAGS if f in flags)


def _windows_cpu_name() -> str:
    """The CPU's marketing name ("Intel(R) Core(TM) i5-10400 CPU @ 2.90GHz"). platform.processor() on
    Windows gives only "Intel64 Family 6 Model 165 Stepping 3, GenuineIntel"."""
    try:
        import winreg

        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, r"HARDWARE\DESCRIPTION\System\CentralProcessor\0") as key:
            value, _kind = winreg.QueryValueEx(key, "ProcessorNameString")
    except (ImportError, OSError):
        return ""
    return " ".join(str(value).split())  # Intel pads the name with spaces


# IsProcessorFeaturePresent's numbers for the flags Linux's /proc/cpuinfo names (winnt.h). Windows has no
# number for FMA, F16C or the AVX-512 extensions; every x86 CPU known with AVX2 has FMA and F16C too.
_WINDOWS_FEATURES = {"avx": 39, "avx2": 40, "avx512f": 41, "neon": 19}


def _windows_cpu_flags() -> set[str]:
    try:
        import ctypes

        present = ctypes.windll.kernel32.IsProcessorFeaturePresent  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        return set()
    flags = {name for name, number in _WINDOWS_FEATURES.items() if present(number)}
    if "avx2" in flags:
        flags.update(("fma", "f16c"))
    return flags


def cpu_model() -> str:
    return cpu_model_and_flags()[0]

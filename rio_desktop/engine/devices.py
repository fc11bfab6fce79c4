"""llama.cpp's devices (CPU, GPUs) and their memory, once its backends are loaded as the probe chose; and
what `doctor` reports of them."""

from __future__ import annotations

from rio_desktop.engine import backend_probe, ggml_backends
from rio_desktop.engine.ggml_backends import Device
from rio_desktop.engine.llama_build import backend_family


def backend_devices() -> list[Device]:
    """llama.cpp's own devices and their free memory (its backends loaded as the probe chose)."""
    backend_probe.ensure()
    return ggml_backends.loaded_devices()


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

"""The model catalogue (data in resources/catalogue) and how each quantization fits this machine."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rio_desktop.models.hub import Quantization
from rio_desktop.models.planner import GPU_RESERVE, MARGIN, RAM_RESERVE

Fit = Literal["gpu", "offload", "cpu", "too_big"]
DEFAULT_CONTEXT = 8192


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    name: str
    family: str
    repos: tuple[str, ...]
    base_model: str | None = None
    parameters_total: int | None = None
    parameters_active: int | None = None
    context: int | None = None
    licence: str | None = None
    kv_bytes_per_token: int | None = None
    alternatives: tuple[str, ...] = ()


def load_catalog(path: Path, extra_repos: list[str] | None = None) -> list[CatalogEntry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = []
    for item in data["models"]:
        entries.append(CatalogEntry(
            id=item["id"], name=item["name"], family=item.get("family", ""), repos=tuple(item.get("repos", [])),
            base_model=item.get("base_model"), parameters_total=item.get("parameters_total"),
            parameters_active=item.get("parameters_active"), context=item.get("context"),
            licence=item.get("licence"), kv_bytes_per_token=item.get("kv_bytes_per_token"),
            alternatives=tuple(item.get("alternatives", []))))
    for repo in extra_repos or []:
        entries.append(CatalogEntry(id=repo, name=repo.split("/")[-1], family="Added", repos=(repo,)))
    return entries


def repo_from_text(text: str) -> str | None:
    """"owner/name" from a repo id or a hub URL (https://huggingface.co/owner/name/tree/main)."""
    text = text.strip().rstrip("/")
    if "://" in text:
        text = text.split("://", 1)[1].split("/", 1)[-1]
    parts = [p for p in text.split("/") if p]
    if len(parts) >= 2 and all(p.replace("-", "").replace("_", "").replace(".", "").isalnum() for p in parts[:2]):
        return f"{parts[0]}/{parts[1]}"
    return None


@dataclass
class QuantFit:
    quantization: Quantization
    fit: Fit
    needed_bytes: int


@dataclass
class RepoAssessment:
    fits: list[QuantFit] = field(default_factory=list)
    recommended: str | None = None  # the largest quantization that fits at the default context


def assess(quantizations: list[Quantization], gpu_free: list[int], ram_available: int,
           kv_bytes_per_token: int | None, n_ctx: int = DEFAULT_CONTEXT) -> RepoAssessment:
    """A traffic light per quantization from its size (the weights) plus the cache and buffers.

    Without a known KV size per token, a twentieth of the weights stands in for cache and buffers
    (what small and mid-size models take at 8k tokens); the exact plan comes from the header at load.
    """
    gpu_room = sum(max(f - GPU_RESERVE, 0) for f in gpu_free)
    ram_room = ram_available - RAM_RESERVE
    result = RepoAssessment()
    for quant in quantizations:
        extra = kv_bytes_per_token * n_ctx if kv_bytes_per_token else quant.size // 20
        needed = int((quant.size + extra) * (1 + MARGIN))
        if gpu_room and needed <= gpu_room:
            fit: Fit = "gpu"
        elif needed <= gpu_room + ram_room:
            fit = "offload" if gpu_room else "cpu"
        else:
            fit = "too_big"
        result.fits.append(QuantFit(quant, fit, needed))
    fitting = [f for f in result.fits if f.fit != "too_big"]
    # Fully on the GPU beats a bigger file split with the CPU: speed is what the clerk feels.
    tiers = [tier for tier in ("gpu", "offload", "cpu") if any(f.fit == tier for f in fitting)]
    candidates = [f for f in fitting if tiers and f.fit == tiers[0]]
    if candidates:
        result.recommended = max(candidates, key=lambda f: f.quantization.size).quantization.name
    return result


# A Q4_K_M file holds about 4.8 bits per parameter: the size to expect before the hub is asked.
Q4_BYTES_PER_PARAMETER = 0.6


def recommend(entries: list[CatalogEntry], gpu_free: list[int], ram_available: int) -> tuple[CatalogEntry, int] | None:
    """The largest catalogue model whose Q4 file (estimated from its parameter count) fits this machine,
    with that estimated size; fully on the GPU is preferred to a bigger model split with the CPU."""
    from rio_desktop.models.download import RemoteFile

    sized = [(e, int(e.parameters_total * Q4_BYTES_PER_PARAMETER)) for e in entries if e.parameters_total]
    quants = [Quantization(e.id, [RemoteFile(e.repos[0] if e.repos else e.id, "estimate.gguf", size, "")])
              for e, size in sized]
    result = assess(quants, gpu_free, ram_available, None)
    if result.recommended is None:
        return None
    return next((e, size) for e, size in sized if e.id == result.recommended)

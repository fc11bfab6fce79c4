"""The model catalogue (data in resources/catalogue) and how each quantization fits this machine.

The catalogue ships each model's shape (layers, heads, context, experts) and the expected size of each
listed quantization, so that what fits and the memory plan are known before the hub was ever reached
(most offices start offline). Values marked approximate are estimates; the hub's listing and the GGUF
header replace them when availability is checked.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from rio_desktop.engine.backend import DEFAULT_CONTEXT
from rio_desktop.engine.gguf_header import GGUFHeader, HeaderError
from rio_desktop.i18n import QT_TRANSLATE_NOOP, UserFacingError
from rio_desktop.models.download import remote_header
from rio_desktop.models.hub import HubCatalog, Quantization, RepoState
from rio_desktop.models.planner import GPU_RESERVE, KV_BYTES, MARGIN, RAM_RESERVE, ModelShape

log = logging.getLogger(__name__)
Fit = Literal["gpu", "offload", "cpu", "too_big"]


# How the interface names each family of the catalogue data (and the repositories the clerk added).
FAMILY_TITLES = {
    "Rio": QT_TRANSLATE_NOOP("Core", "Rio (Prefeitura do Rio)"),
    "Qwen (base)": QT_TRANSLATE_NOOP("Core", "Qwen (base model)"),
    "Starter": QT_TRANSLATE_NOOP("Core", "Starter, for very weak computers"),
    "Added": QT_TRANSLATE_NOOP("Core", "Added by you"),
}


@dataclass(frozen=True)
class CatalogShape:
    """A model's shape as its config.json gives it (the GGUF header's names in the planner)."""

    architecture: str
    layers: int
    heads: int
    kv_heads: int
    head_dim_k: int
    head_dim_v: int
    embedding: int
    vocab: int
    context: int
    full_attention_interval: int = 1  # hybrid models: one layer in this many has attention (and a KV cache)
    experts: int = 0
    experts_used: int = 0
    ssm: dict[str, int] | None = None  # the linear-attention layers' state sizes
    approximate: bool = False

    @classmethod
    def from_json(cls, data: dict) -> CatalogShape:
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})

    @classmethod
    def from_header(cls, header: GGUFHeader) -> CatalogShape:
        """The shape a GGUF header gives (the first part of a split model is enough)."""
        shape = ModelShape.from_header(header)
        attention = sum(shape.kv_layers)
        ssm = {key: header.arch_value(f"ssm.{key}") for key in ("state_size", "inner_size", "group_count",
                                                                "conv_kernel")}
        return cls(architecture=shape.architecture, layers=shape.n_layers, heads=shape.n_head,
                   kv_heads=max(shape.n_head_kv, default=0), head_dim_k=shape.head_dim_k,
                   head_dim_v=shape.head_dim_v, embedding=shape.n_embd, vocab=shape.n_vocab,
                   context=shape.context_trained,
                   full_attention_interval=shape.n_layers // attention if attention else 1,
                   experts=int(header.arch_value("expert_count", 0) or 0),
                   experts_used=int(header.arch_value("expert_used_count", 0) or 0),
                   ssm={k: int(v) for k, v in ssm.items()} if all(isinstance(v, int) for v in ssm.values())
                   else None)

    def kv_layers(self) -> list[bool]:
        return [(i + 1) % self.full_attention_interval == 0 for i in range(self.layers)]

    @property
    def kv_bytes_per_token(self) -> int:
        return sum(self.kv_layers()) * self.kv_heads * (self.head_dim_k + self.head_dim_v) * KV_BYTES

    def model_shape(self, name: str, file_bytes: int, parameters_total: int | None,
                    parameters_active: int | None) -> ModelShape:
        """An estimated planner shape for a file of `file_bytes`: the embeddings and output take their
        share by parameter count, the layers the rest evenly; in a MoE model the routed experts hold what
        is not active per token."""
        bytes_per_parameter = file_bytes / parameters_total if parameters_total else 0.6
        other = int(2 * self.vocab * self.embedding * bytes_per_parameter)
        per_layer = max(file_bytes - other, 0) // max(self.layers, 1)
        expert_share = (1 - (parameters_active or 0) / parameters_total) if self.experts and parameters_total else 0
        recurrent = 0
        if self.ssm:
            state, inner = self.ssm["state_size"], self.ssm["inner_size"]
            conv, groups = self.ssm.get("conv_kernel", 4), self.ssm.get("group_count", 1)
            per_state = ((conv - 1) * (inner + 2 * groups * state) + state * inner) * 4
            recurrent = per_state * sum(1 for kv in self.kv_layers() if not kv)
        return ModelShape(name=name, architecture=self.architecture, n_layers=self.layers,
                          layer_bytes=[per_layer] * self.layers,
                          expert_bytes=[int(per_layer * expert_share)] * self.layers, other_bytes=other,
                          kv_layers=self.kv_layers(), n_head_kv=[self.kv_heads] * self.layers,
                          head_dim_k=self.head_dim_k, head_dim_v=self.head_dim_v, n_embd=self.embedding,
                          n_head=self.heads, n_vocab=self.vocab, context_trained=self.context,
                          recurrent_bytes=recurrent)


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
    alternatives: tuple[str, ...] = ()
    shape: CatalogShape | None = None
    quantizations: tuple[tuple[str, int], ...] = ()  # (name, expected bytes), approximate, before the hub

    @property
    def kv_bytes_per_token(self) -> int | None:
        return self.shape.kv_bytes_per_token if self.shape else None

    def expected_quantizations(self, repo: str) -> list[Quantization]:
        """The quantizations the catalogue expects in `repo` (no files: the hub lists those)."""
        return [Quantization(name, [], expected_size=size, approximate=True) for name, size in self.quantizations]



def load_catalog(path: Path, extra_repos: list[str] | None = None) -> list[CatalogEntry]:
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = []
    for item in data["models"]:
        entries.append(CatalogEntry(
            id=item["id"], name=item["name"], family=item.get("family", ""), repos=tuple(item.get("repos", [])),
            base_model=item.get("base_model"), parameters_total=item.get("parameters_total"),
            parameters_active=item.get("parameters_active"), context=item.get("context"),
            licence=item.get("licence"), alternatives=tuple(item.get("alternatives", [])),
            shape=CatalogShape.from_json(item["shape"]) if item.get("shape") else None,
            quantizations=tuple((q["name"], int(q["bytes"])) for q in item.get("quantizations", []))))
    for repo in extra_repos or []:
        entries.append(CatalogEntry(id=repo, name=repo.split("/")[-1], family="Added", repos=(repo,)))
    return entries


def check(hub: HubCatalog, repo: str) -> RepoState:
    """The repository's state from the hub and, the first time it is available, its model's shape from
    the header of its smallest file (a few megabytes), so that what fits is exact from then on, offline
    too."""
    state = hub.state(repo)
    if state.status != "available" or state.known_from_cache or state.shape or not state.quantizations:
        return state
    try:
        state.shape = asdict(CatalogShape.from_header(remote_header(state.quantizations[0].files[0], hub.token)))
    except (UserFacingError, HeaderError) as exc:  # the sizes are still right; the shape stays estimated
        log.warning("header of %s not read: %s", repo, exc)
        return state
    hub.remember(state)
    return state


def estimated_shapes(state: RepoState, entry: CatalogEntry | None) -> list[tuple[Quantization, ModelShape]]:
    """Each quantization's planner shape without reading a header (offline): the shape read from the hub
    before, or else the catalogue's, with the hub's file sizes or else the catalogue's expected ones."""
    shape = CatalogShape.from_json(state.shape) if state.shape else entry.shape if entry else None
    if shape is None:
        return []
    quantizations = state.quantizations or (entry.expected_quantizations(state.repo) if entry else [])
    total, active = (entry.parameters_total, entry.parameters_active) if entry else (None, None)
    return [(q, shape.model_shape(f"{state.repo} {q.name}", q.size, total, active)) for q in quantizations]


def kv_bytes_per_token(entry: CatalogEntry | None, state: RepoState | None) -> int | None:
    """The KV cache per token: from the header read from the hub, or else from the catalogue."""
    if state is not None and state.shape:
        return CatalogShape.from_json(state.shape).kv_bytes_per_token
    return entry.kv_bytes_per_token if entry else None


def quantizations_of(entry: CatalogEntry, repo: str, state: RepoState | None) -> list[Quantization]:
    """What the catalogue shows of `repo`: the hub's listing when it is available, nothing when it is
    withdrawn, else (not known from the hub yet) the quantizations the catalogue expects."""
    if state is not None and state.status == "available":
        return state.quantizations
    if state is not None and state.status == "withdrawn":
        return []
    return entry.expected_quantizations(repo)


def entry_for_repo(entries: list[CatalogEntry], repo: str) -> CatalogEntry | None:
    return next((e for e in entries if repo in e.repos), None)


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


def recommend(entries: list[CatalogEntry], gpu_free: list[int], ram_available: int,
              cores: int | None = None) -> tuple[CatalogEntry, int] | None:
    """The largest catalogue model whose Q4 file (estimated from its parameter count) fits this machine,
    with that estimated size; fully on the GPU is preferred to a bigger model split with the CPU. With
    `cores`, a model that would run on the CPU alone must also be fast enough there (models.speed): a 2-core
    PC gets the model it can use, not the largest its memory holds; failing that, the fastest that fits."""
    from rio_desktop.models.download import RemoteFile
    from rio_desktop.models.speed import cpu_speed

    sized = [(e, int(e.parameters_total * Q4_BYTES_PER_PARAMETER)) for e in entries if e.parameters_total]
    quants = [Quantization(e.id, [RemoteFile(e.repos[0] if e.repos else e.id, "estimate.gguf", size, "")])
              for e, size in sized]
    result = assess(quants, gpu_free, ram_available, None)
    if result.recommended is None:
        return None
    by_id = {e.id: (e, size) for e, size in sized}
    fits = {f.quantization.name: f.fit for f in result.fits}
    if cores is not None and fits[result.recommended] == "cpu":
        def speed(entry: CatalogEntry):  # type: ignore[no-untyped-def]
            return cpu_speed(entry.parameters_active or entry.parameters_total or 1, cores)

        fitting = [by_id[name] for name, fit in fits.items() if fit == "cpu"]
        fast = [(e, size) for e, size in fitting if speed(e).usable]
        if fast:
            return max(fast, key=lambda pair: pair[1])
        return max(fitting, key=lambda pair: speed(pair[0]).decode_tokens_per_s)
    return by_id[result.recommended]


# Catalogue entries in the order they are offered: what fits this computer first (on the GPU, or in memory
# where there is no GPU), then what fits with part on the CPU, then what has no size known yet (a repository
# the clerk added, not checked), then what is too big.
FIT_ORDER: dict[Fit | None, int] = {"gpu": 0, "cpu": 0, "offload": 1, None: 2, "too_big": 3}


def entry_fit(entry: CatalogEntry, states: Mapping[str, RepoState], gpu_free: list[int],
              ram_available: int) -> Fit | None:
    """How well the entry's best-fitting quantization (in any of its repositories) fits this computer;
    None when no size is known."""
    best: Fit | None = None
    for repo in entry.repos:
        state = states.get(repo)
        quantizations = quantizations_of(entry, repo, state)
        if not quantizations:
            continue
        for fit in assess(quantizations, gpu_free, ram_available, kv_bytes_per_token(entry, state)).fits:
            if best is None or FIT_ORDER[fit.fit] < FIT_ORDER[best]:
                best = fit.fit
    return best


def sorted_by_fit(entries: list[CatalogEntry], states: Mapping[str, RepoState], gpu_free: list[int],
                  ram_available: int, cores: int | None = None) -> list[CatalogEntry]:
    """The entries in FIT_ORDER's groups, each group in the catalogue's own order. With `cores`, a model that
    would run on the CPU alone and too slowly there (models.speed) comes after those that run well, as the
    welcome screen's recommendation does."""
    from rio_desktop.models.speed import cpu_speed

    def key(entry: CatalogEntry) -> tuple[int, bool]:
        fit = entry_fit(entry, states, gpu_free, ram_available)
        active = entry.parameters_active or entry.parameters_total
        slow = cores is not None and fit == "cpu" and bool(active) and not cpu_speed(active, cores).usable
        return FIT_ORDER[fit], slow

    return sorted(entries, key=key)

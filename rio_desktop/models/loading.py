"""One path from a model file to the parameters it is loaded with, for the window and every CLI command.

The file is inspected once; the plan is made from that inspection (this machine's GPUs and RAM, the
context asked for) unless the clerk fixed the number of GPU layers; the backend loads the same inspected
file (LoadParams.model_file) instead of reading its header again.

GPU layers are written as "auto" (the plan decides: everything on the GPU, part of the layers, the MoE
experts in RAM, or the CPU), "all", or a number ("0" is the CPU only). -1 is never a setting: llama.cpp
reads it as "every layer", which is what "all" says.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop.engine.backend import LoadParams
from rio_desktop.engine.errors import ModelLoadError
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message

if TYPE_CHECKING:
    from rio_desktop.engine.model_file import ModelFile
    from rio_desktop.models.hardware import Hardware
    from rio_desktop.models.planner import Plan

GPU_LAYERS_AUTO = "auto"
GPU_LAYERS_ALL = "all"
ALL_LAYERS = -1  # llama.cpp's n_gpu_layers for "every layer"


def parse_gpu_layers(value: str | int) -> int | None:
    """None for automatic, ALL_LAYERS for all, else the number. Raises ValueError for anything else."""
    text = str(value).strip().lower()
    if text in ("", GPU_LAYERS_AUTO):
        return None
    if text == GPU_LAYERS_ALL:
        return ALL_LAYERS
    number = int(text)
    if number < 0:
        raise ValueError(f"GPU layers must be auto, all or a number of layers, not {value}")
    return number


@dataclass(frozen=True)
class LoadChoice:
    """What the clerk (settings) or the command line asks for."""

    n_ctx: int = 0  # 0: the plan's (the trained context, capped)
    gpu_layers: str = GPU_LAYERS_AUTO
    n_threads: int | None = None  # None: chosen per request from the machine's load


@dataclass(frozen=True)
class LoadDecision:
    model: ModelFile
    params: LoadParams
    plan: Plan | None  # None when the number of GPU layers was fixed


def decide_load(path: Path, choice: LoadChoice = LoadChoice(), hardware: Hardware | None = None,
                models_dir: Path | None = None) -> LoadDecision:
    """Inspect `path` once and decide how to load it on this machine. Raises ModelFileError for a bad file,
    ModelLoadError (with what would fit) when the plan finds no way."""
    from rio_desktop.engine.model_file import inspect_model_file
    from rio_desktop.models.planner import load_params

    model = inspect_model_file(path)
    try:
        layers = parse_gpu_layers(choice.gpu_layers)
    except ValueError as exc:
        raise ModelLoadError(Message(QT_TRANSLATE_NOOP(
            "Core", "The number of GPU layers must be \"auto\", \"all\" or a whole number, not \"{value}\"."),
            value=choice.gpu_layers)) from exc
    if layers is not None:
        params = LoadParams(model_path=model.path, n_ctx=choice.n_ctx, n_gpu_layers=layers,
                            n_threads=choice.n_threads, model_file=model)
        return LoadDecision(model, params, None)
    if hardware is None:
        from rio_desktop.models.hardware import detect

        hardware = detect(models_dir)
    params, plan = load_params(model, hardware.gpu_free_bytes, hardware.ram["available_bytes"], choice.n_ctx,
                               choice.n_threads, hardware.gpu_names)
    return LoadDecision(model, dataclasses.replace(params, model_file=model), plan)


def choice_from_settings(values: dict[str, object]) -> LoadChoice:
    """The LoadChoice of the user's settings (Settings.get for n_ctx, gpu_layers, n_threads)."""
    return LoadChoice(n_ctx=int(values.get("n_ctx") or 0), gpu_layers=str(values.get("gpu_layers") or "auto"),
                      n_threads=int(values.get("n_threads") or 0) or None)


def plan_installed(models: list[ModelFile], n_ctx: int = 0, hardware: Hardware | None = None,
                   models_dir: Path | None = None) -> dict[Path, Plan]:
    """The automatic plan of each installed model on this machine (where it would run, how much memory),
    shown before anything is loaded. A model whose header gives no shape is left out."""
    if not models:  # nothing to plan: no planner and no hardware detection (it loads llama.cpp) at start-up
        return {}
    from rio_desktop.models.planner import plan, shape_of

    if hardware is None:
        from rio_desktop.models.hardware import detect

        hardware = detect(models_dir)
    plans: dict[Path, Plan] = {}
    for model in models:
        try:
            plans[model.path] = plan(shape_of(model), hardware.gpu_free_bytes, hardware.ram["available_bytes"],
                                     n_ctx, hardware.gpu_names)
        except (ValueError, KeyError, ZeroDivisionError):  # an odd header: the table says nothing for it
            continue
    return plans

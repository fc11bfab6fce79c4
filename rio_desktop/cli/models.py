"""The computer and model commands: doctor, models plan, list, import, download and export."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop import APP_ID, __version__
from rio_desktop.cli.common import CliError, ProgressLine

if TYPE_CHECKING:
    from rio_desktop.models.hub import Quantization, RepoState
    from rio_desktop.models.library import ModelLibrary
    from rio_desktop.models.planner import Plan


def doctor(args: argparse.Namespace) -> int:
    from rio_desktop.engine import devices, llama_build
    from rio_desktop.models.hardware import detect
    from rio_desktop.paths import app_paths
    from rio_desktop.units import format_bytes

    hardware = detect(app_paths().models)
    llama = devices.backend_report()
    if args.json:
        data = hardware.as_dict()
        data["llama_cpp_python"] = llama_build.llama_cpp_python_version()
        data["llama"] = llama
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    cpu, ram, disk = hardware.cpu, hardware.ram, hardware.disk
    print(f"Rio Desktop {__version__} on {hardware.os}")
    print(f"CPU: {cpu['model']} ({cpu['physical_cores']} cores, {cpu['logical_cores']} threads; "
          f"{' '.join(cpu['flags']) or 'no SIMD flags read'})")
    print(f"RAM: {format_bytes(ram['available_bytes'])} available of {format_bytes(ram['total_bytes'])}")
    print(f"Disk for models ({disk['path']}): {format_bytes(disk['free_bytes'])} free")
    for gpu in hardware.gpus or []:
        extra = f", driver {gpu.driver}, CUDA {gpu.cuda}" if gpu.driver else ""
        print(f"GPU: {gpu.name}: {format_bytes(gpu.free_bytes)} free of {format_bytes(gpu.total_bytes)}{extra}")
    if not hardware.gpus:
        print("GPU: none found")
    print(f"llama-cpp-python {llama_build.llama_cpp_python_version()}, backends: "
          f"{', '.join(hardware.llama_backends)}")
    print(f"llama.cpp CPU variant: {llama['cpu_variant']} ({' '.join(llama['cpu_features']) or 'no features read'})")
    for device in llama["devices"]:
        print(f"llama.cpp device: {device['name']} ({device['backend']}, {device['description']}): "
              f"{format_bytes(device['free_bytes'])} free of {format_bytes(device['total_bytes'])}")
    for name, why in llama["remembered"].get("skipped", {}).items():
        print(f"llama.cpp CPU variant {name} skipped on this computer: {why}")
    for module, status in llama["remembered"].get("gpu", {}).items():
        print(f"llama.cpp GPU module {module}: {status}")
    for notice in llama["notices"]:
        print(f"note: {notice}")
    for advice in hardware.advice:
        print(f"advice: {advice}")
    return 0


def plan(args: argparse.Namespace) -> int:
    from rio_desktop.engine.model_file import inspect_model_file
    from rio_desktop.i18n import UserFacingError
    from rio_desktop.models.catalog import entry_for_repo, estimated_shapes, load_catalog, repo_from_text
    from rio_desktop.models.hardware import detect
    from rio_desktop.models.hub import HubCatalog
    from rio_desktop.models.planner import plan, shape_of, shape_of_remote
    from rio_desktop.paths import app_paths
    from rio_desktop.resources import resource_path
    from rio_desktop.secrets import HUB_TOKEN, get_secret

    hardware = detect(app_paths().models)
    gpu_free, ram = hardware.gpu_free_bytes, hardware.ram["available_bytes"]
    names = hardware.gpu_names
    local = Path(args.model).expanduser()
    repo = None if local.exists() else repo_from_text(args.model)
    approximate = False
    reasoning = None
    if repo is None:
        model = inspect_model_file(local)
        plans = [(model.name, plan(shape_of(model), gpu_free, ram, args.ctx, names))]
        reasoning = model.reasoning_mode
    else:
        token = get_secret(HUB_TOKEN)
        state = HubCatalog(app_paths().cache, token=token).state(repo)
        shapes = estimated_shapes(state, entry_for_repo(load_catalog(resource_path("catalogue", "models.json")),
                                                        repo))
        if state.problem is not None and shapes:
            # Offline: the shape known from before (or the catalogue's) gives an approximate plan.
            print(f"note: {state.problem} The plan below is approximate, from what was known before.",
                  file=sys.stderr)
            approximate = True
            plans = [(q.name, plan(shape, gpu_free, ram, args.ctx)) for q, shape in shapes]
        elif state.problem is not None:
            raise UserFacingError(state.problem)
        elif state.status != "available":
            raise CliError(f"{repo} is {state.status}" + (f" ({state.detail})" if state.detail else ""))
        else:
            plans = [(q.name, plan(shape_of_remote(q.files, token), gpu_free, ram, args.ctx, names))
                     for q in state.quantizations]
    if args.json:
        data = [dict(p.as_dict(), name=name, approximate=approximate) for name, p in plans]
        if reasoning is not None:
            data[0]["reasoning_mode"] = reasoning
        print(json.dumps(data[0] if repo is None else data))
        return 0
    for name, result in plans:
        _print_plan(name, result, approximate, reasoning)
    return 0


def _print_plan(name: str, result: Plan, approximate: bool, reasoning: str | None) -> None:
    from rio_desktop.units import format_bytes

    print(f"{name}: {result.mode}" + (" (approximate)" if approximate else ""))
    if reasoning is not None:
        print(f"  reasoning        {_REASONING_LABELS[reasoning]}")
    for label, value in (("weights", result.weights_bytes), ("KV cache", result.kv_cache_bytes),
                         ("compute", result.compute_bytes), ("recurrent state", result.recurrent_bytes),
                         ("margin", result.margin_bytes), ("total", result.total_bytes)):
        print(f"  {label:<16} {format_bytes(value)}")
    print(f"  context {result.n_ctx} tokens; GPU layers {result.n_gpu_layers}; split {result.tensor_split}")
    for device, value in result.devices.items():
        print(f"  on {device:<13} {format_bytes(value)}")
    for tip in result.suggestions:
        print(f"  would fit with: {tip}")


_REASONING_LABELS = {
    "always": "always thinks before it answers (budgeted; --reasoning off closes the block at once)",
    "switchable": "thinks by default; switchable with enable_thinking (--reasoning)",
    "never": "answers without a reasoning block",
    "unknown": "unknown (the server does not show its template)",
}


def open_library() -> ModelLibrary:
    from rio_desktop.models.library import user_library
    from rio_desktop.paths import app_paths
    from rio_desktop.settings import Settings

    paths = app_paths().ensure()
    return user_library(Settings(paths.config), paths)


def models_list(args: argparse.Namespace) -> int:
    from rio_desktop.units import format_bytes

    models, problems = open_library().scan()
    if args.json:
        print(json.dumps([{"name": m.model.name, "file": m.path.name, "path": str(m.path),
                           "quantization": m.model.quantization, "architecture": m.model.architecture,
                           "bytes": m.size_bytes, "in_place": m.in_place} for m in models], ensure_ascii=False))
    else:
        for m in models:
            where = " (used in place)" if m.in_place else ""
            print(f"{m.path.name}: {m.model.name}, {m.model.quantization}, {format_bytes(m.size_bytes)}{where}")
        if not models:
            print("No models installed.")
    for problem in problems:
        print(f"note: not a usable model: {problem.path.name}: {problem.message.render()}", file=sys.stderr)
    return 0


def models_import(args: argparse.Namespace) -> int:
    library = open_library()
    progress = ProgressLine()
    try:
        if args.source.is_dir():
            installed = library.import_folder(args.source, progress.reporter("copying"))
        else:
            installed = library.import_file(args.source, not args.in_place, progress.reporter("copying"))
    finally:
        progress.end()
    print(f"installed: {installed.model.name} ({installed.path})")
    return 0


def models_export(args: argparse.Namespace) -> int:
    library = open_library()
    models, _ = library.scan()
    chosen = [m for m in models if args.model in (m.path.name, str(m.path), m.model.name)]
    if not chosen:
        raise CliError(f"no installed model '{args.model}'; `{APP_ID} models list` shows them")
    progress = ProgressLine()
    try:
        folder = library.export_folder(chosen[0], args.target, progress.reporter("copying"))
    finally:
        progress.end()
    print(f"exported to {folder}")
    return 0


def _quantization(repo: str, state: RepoState, name: str | None, folder: Path) -> Quantization:
    """The quantization named, or the largest that fits this computer (the catalogue's traffic light)."""
    from rio_desktop.models.catalog import assess, entry_for_repo, kv_bytes_per_token, load_catalog
    from rio_desktop.models.hardware import detect
    from rio_desktop.resources import resource_path

    if name is None:
        hardware = detect(folder, with_llama=False)
        entry = entry_for_repo(load_catalog(resource_path("catalogue", "models.json")), repo)
        name = assess(state.quantizations, hardware.gpu_free_bytes, hardware.ram["available_bytes"],
                      kv_bytes_per_token(entry, state)).recommended
        if name is None:
            raise CliError(f"no quantization of {repo} fits this computer; choose one with --quant")
    quant = {q.name.upper(): q for q in state.quantizations}.get(name.upper())
    if quant is None:
        raise CliError(f"{repo} has no {name}; it has: {', '.join(q.name for q in state.quantizations)}")
    return quant


def models_download(args: argparse.Namespace) -> int:
    from rio_desktop.i18n import UserFacingError
    from rio_desktop.models.catalog import check, repo_from_text
    from rio_desktop.models.hub import HubCatalog
    from rio_desktop.models.library import models_folder
    from rio_desktop.paths import app_paths
    from rio_desktop.secrets import HUB_TOKEN, get_secret
    from rio_desktop.settings import Settings
    from rio_desktop.tasks.download import DownloadTask

    repo = repo_from_text(args.repo)
    if repo is None:
        raise CliError(f"'{args.repo}' is not a repository: write OWNER/REPO or paste its hub address")
    paths = app_paths().ensure()
    settings = Settings(paths.config)
    if settings.get("offline"):
        raise CliError("Rio Desktop is set to work offline (Settings): no download is started")
    token = get_secret(HUB_TOKEN)
    hub = HubCatalog(paths.cache, token=token)
    # Choosing for this machine needs the model's shape: read once from a header (a few megabytes).
    state = hub.state(repo) if args.quant else check(hub, repo)
    if state.problem is not None:
        raise UserFacingError(state.problem)
    if state.status != "available" or not state.quantizations:
        raise CliError(f"{repo} is {state.status if state.status != 'available' else 'without GGUF files'}")
    folder = models_folder(settings, paths)
    quant = _quantization(repo, state, args.quant, folder)
    task = DownloadTask.prepare(repo, quant.name, quant.files, folder, offline=False, token=token)
    progress = ProgressLine()
    signal.signal(signal.SIGINT, lambda *_: task.pause.cancel())  # Ctrl+C keeps what arrived, for a resume
    try:
        outcome = task.run(lambda p: progress.show(f"{p.state} MB", p.done >> 20, p.total >> 20, p.eta_s))
    finally:
        progress.end()
    if outcome != "done":
        print(f"{APP_ID}: stopped; what arrived is kept: run the same command to resume", file=sys.stderr)
        return 130
    installed = task.installed
    print(f"installed: {installed[0]} ({quant.name}, verified)")
    return 0


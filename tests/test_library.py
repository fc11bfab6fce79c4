"""Installed models: scan, import (copied or in place), delete, air-gapped export and import, move."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from gguf_factory import truncated_copy

from rio_desktop.models.catalog import assess, load_catalog, repo_from_text
from rio_desktop.models.download import RemoteFile
from rio_desktop.models.hub import Quantization
from rio_desktop.models.library import MANIFEST, LibraryError, ModelLibrary
from rio_desktop.resources import resource_path


@pytest.fixture
def library(tmp_path: Path) -> ModelLibrary:
    return ModelLibrary(tmp_path / "models", tmp_path / "config" / "in-place.json")


def test_import_copy_in_place_and_a_bad_file_dropped_by_hand(library: ModelLibrary, model_path: Path,
                                                             split_model: Path, tmp_path: Path) -> None:
    copied = library.import_file(model_path)
    assert copied.path.parent == library.folder and copied.size_bytes == model_path.stat().st_size
    in_place = library.import_file(split_model, copy=False)
    assert in_place.in_place and in_place.path == split_model
    truncated_copy(model_path, library.folder / "cortado.gguf", 1_000_000)
    models, problems = library.scan()
    assert {m.path for m in models} == {copied.path, split_model}
    [problem] = problems
    assert problem.path.name == "cortado.gguf" and "incomplete" in str(problem.message)
    assert library.delete(in_place) == 0 and split_model.exists()  # forgotten, not deleted
    assert library.delete(copied) == model_path.stat().st_size and not copied.path.exists()
    assert library.scan()[0] == []


def test_split_model_parts_are_one_model(library: ModelLibrary, split_model: Path) -> None:
    imported = library.import_file(split_model)
    assert len(imported.model.parts) == 3 and all(p.parent == library.folder for p in imported.model.parts)
    models, problems = library.scan()
    assert len(models) == 1 and not problems


def test_air_gapped_export_and_import(library: ModelLibrary, split_model: Path, tmp_path: Path) -> None:
    model = library.import_file(split_model)
    usb = library.export_folder(model, tmp_path / "usb")
    manifest = json.loads((usb / MANIFEST).read_text(encoding="utf-8"))
    assert [f["name"] for f in manifest["files"]] == [p.name for p in model.model.parts]
    other = ModelLibrary(tmp_path / "other-machine", tmp_path / "other.json")
    imported = other.import_folder(usb)
    assert imported.size_bytes == model.size_bytes
    # A damaged copy is refused before anything is installed.
    damaged = tmp_path / "damaged"
    shutil.copytree(usb, damaged)
    part = damaged / manifest["files"][1]["name"]
    data = bytearray(part.read_bytes())
    data[-10] ^= 0xFF
    part.write_bytes(bytes(data))
    third = ModelLibrary(tmp_path / "third", tmp_path / "third.json")
    with pytest.raises(LibraryError) as info:
        third.import_folder(damaged)
    assert manifest["files"][1]["name"] in str(info.value.message)
    assert not (tmp_path / "third").exists() or not list((tmp_path / "third").iterdir())


def test_move_the_models_folder(library: ModelLibrary, model_path: Path, tmp_path: Path) -> None:
    library.import_file(model_path)
    library.move_to(tmp_path / "other-disk")
    assert (tmp_path / "other-disk" / model_path.name).exists()
    assert not (tmp_path / "models" / model_path.name).exists()


def test_catalogue_and_repo_ids() -> None:
    entries = load_catalog(resource_path("catalogue", "models.json"), ["someone/Custom-GGUF"])
    ids = {e.id for e in entries}
    assert {"rio-3.5-open", "rio-3.0-open-mini", "qwen3.5-4b", "smollm2-135m-instruct"} <= ids
    rio35 = next(e for e in entries if e.id == "rio-3.5-open")
    assert rio35.repos == ("bartowski/prefeitura-rio_Rio-3.5-Open-397B-GGUF",) and rio35.alternatives
    assert entries[-1].repos == ("someone/Custom-GGUF",)
    assert repo_from_text("https://huggingface.co/unsloth/Qwen3.5-4B-GGUF/tree/main") == "unsloth/Qwen3.5-4B-GGUF"
    assert repo_from_text(" mradermacher/Rio-3.0-Open-Mini-i1-GGUF ") == "mradermacher/Rio-3.0-Open-Mini-i1-GGUF"
    assert repo_from_text("not a repo") is None


def _quant(name: str, gb: float) -> Quantization:
    return Quantization(name, [RemoteFile("r/x", f"x-{name}.gguf", int(gb * 10**9), "")])


def test_traffic_lights_and_the_recommended_quantization() -> None:
    quants = [_quant("IQ2_XXS", 106), _quant("Q4_K_M", 240), _quant("Q8_0", 420)]
    on_gpus = assess(quants, [120 * 10**9] * 2, 64 * 10**9, kv_bytes_per_token=30_720)
    assert [f.fit for f in on_gpus.fits] == ["gpu", "offload", "too_big"]
    assert on_gpus.recommended == "IQ2_XXS"  # the largest that fits on the GPUs
    cpu_only = assess(quants, [], 512 * 10**9, kv_bytes_per_token=30_720)
    assert [f.fit for f in cpu_only.fits] == ["cpu", "cpu", "cpu"] and cpu_only.recommended == "Q8_0"
    small = assess(quants, [], 16 * 10**9, kv_bytes_per_token=None)
    assert small.recommended is None and {f.fit for f in small.fits} == {"too_big"}


def test_recommended_model_for_this_machine() -> None:
    from rio_desktop.models.catalog import recommend

    entries = load_catalog(resource_path("catalogue", "models.json"))
    weak = recommend(entries, [], 3 * 10**9)  # after what the system needs, under 1 GB is left
    assert weak is not None and weak[0].id == "smollm2-135m-instruct"
    assert recommend(entries, [], 8 * 10**9)[0].id == "qwen3.5-4b"
    office = recommend(entries, [], 16 * 10**9)
    assert office is not None and office[0].id == "qwen3.5-9b" and office[1] == int(9e9 * 0.6)
    assert recommend(entries, [], 32 * 10**9)[0].id == "qwen3.5-35b-a3b"
    workstation = recommend(entries, [48 * 10**9], 64 * 10**9)
    assert workstation is not None and workstation[0].id == "qwen3.5-35b-a3b"
    server = recommend(entries, [141 * 10**9] * 8, 1024 * 10**9)
    assert server is not None and server[0].id in ("rio-3.5-open", "qwen3.5-397b-a17b")
    assert recommend(entries, [], 2 * 10**9) is None


def test_a_two_core_pc_without_a_gpu_gets_a_model_it_can_use() -> None:
    """The welcome screen recommended Qwen3.5 9B (about 5 GB) to a 2-core PC without a GPU, where it would
    crawl (issue 23): the CPU's expected speed decides too, not only the memory."""
    from rio_desktop.models.catalog import recommend
    from rio_desktop.models.speed import cpu_speed

    entries = load_catalog(resource_path("catalogue", "models.json"))
    assert recommend(entries, [], 16 * 10**9)[0].id == "qwen3.5-9b"  # memory alone
    two_cores = recommend(entries, [], 16 * 10**9, cores=2)
    assert two_cores is not None and two_cores[0].id == "qwen3.5-4b"
    assert not cpu_speed(9 * 10**9, 2).usable and cpu_speed(4 * 10**9, 2).usable
    assert recommend(entries, [], 16 * 10**9, cores=8)[0].id == "qwen3.5-9b"
    assert recommend(entries, [48 * 10**9], 64 * 10**9, cores=2)[0].id == "qwen3.5-35b-a3b"  # the GPU's speed
    one_core = recommend(entries, [], 16 * 10**9, cores=1)  # nothing is fast: the fastest that fits
    assert one_core is not None and one_core[0].id == "smollm2-135m-instruct"

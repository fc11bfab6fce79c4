"""Installed models: the models folder, models used in place, import, delete, and air-gapped transfer.

A model in the models folder is its GGUF file (or every part of a split set). Models imported "in place"
stay where they are and are remembered in a small list. For machines without a network, a model is
exported as a folder holding every part and a manifest with each file's sha256, and imported from such a
folder on another machine only after every file is verified.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop import __version__
from rio_desktop.engine.backend import CancelToken
from rio_desktop.engine.errors import ModelFileError
from rio_desktop.engine.model_file import SPLIT_NAME, ModelFile, inspect_model_file
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError

if TYPE_CHECKING:
    from rio_desktop.paths import AppPaths
    from rio_desktop.settings import Settings

log = logging.getLogger(__name__)
MANIFEST = "rio-model-manifest.json"
Progress = Callable[[int, int], None]


class LibraryError(UserFacingError):
    """An import, export or move that could not be done."""


class CopyCancelled(Exception):
    pass


@dataclass
class InstalledModel:
    model: ModelFile
    in_place: bool = False

    @property
    def path(self) -> Path:
        return self.model.path

    @property
    def size_bytes(self) -> int:
        return self.model.total_bytes


@dataclass
class Unusable:
    path: Path
    message: Message


def _copy(sources: list[Path], folder: Path, progress: Progress | None, cancel: CancelToken | None) -> list[Path]:
    """Copy files into `folder` through temporary names, so a failure never leaves a half model."""
    total = sum(p.stat().st_size for p in sources)
    done = 0
    temporaries: list[tuple[Path, Path]] = []
    try:
        for source in sources:
            target = folder / source.name
            temporary = folder / f".{source.name}.importing"
            temporaries.append((temporary, target))
            with source.open("rb") as src, temporary.open("wb") as dst:
                for block in iter(lambda s=src: s.read(1 << 22), b""):
                    if cancel is not None and cancel.cancelled:
                        raise CopyCancelled
                    dst.write(block)
                    done += len(block)
                    if progress:
                        progress(done, total)
        for temporary, target in temporaries:
            os.replace(temporary, target)
    except BaseException:
        for temporary, _ in temporaries:
            temporary.unlink(missing_ok=True)
        raise
    return [target for _, target in temporaries]


IN_PLACE_LIST = "models-in-place.json"


def models_folder(settings: Settings, paths: AppPaths) -> Path:
    """The models folder from Settings (an administrator may preset it), or the default one."""
    return Path(settings.get("models_folder")) if settings.get("models_folder") else paths.models


def user_library(settings: Settings, paths: AppPaths) -> ModelLibrary:
    """The library the application uses: the models folder, and the list of models used where they are."""
    return ModelLibrary(models_folder(settings, paths), paths.config / IN_PLACE_LIST)


class ModelLibrary:
    def __init__(self, folder: Path, in_place_list: Path) -> None:
        self.folder = folder
        self.in_place_list = in_place_list

    def _in_place(self) -> list[str]:
        try:
            return list(json.loads(self.in_place_list.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return []

    def _remember_in_place(self, paths: list[str]) -> None:
        self.in_place_list.parent.mkdir(parents=True, exist_ok=True)
        self.in_place_list.write_text(json.dumps(sorted(set(paths)), indent=1), encoding="utf-8")

    def has_models(self) -> bool:
        """Whether there is anything to list, without reading any header (cheap: for the first run)."""
        if self.folder.is_dir() and any(self.folder.glob("*.gguf")):
            return True
        return any(Path(p).is_file() for p in self._in_place())

    def scan(self) -> tuple[list[InstalledModel], list[Unusable]]:
        """Every model in the folder (found also when dropped in by hand) and the ones used in place;
        files that are not usable models, with the reason."""
        models: list[InstalledModel] = []
        problems: list[Unusable] = []
        candidates = sorted(self.folder.glob("*.gguf")) if self.folder.is_dir() else []
        for path in candidates:
            match = SPLIT_NAME.match(path.name)
            if match and int(match.group("no")) != 1:
                continue  # a later part: it belongs to the first
            try:
                models.append(InstalledModel(inspect_model_file(path)))
            except ModelFileError as exc:
                problems.append(Unusable(path, exc.message))
        for text in self._in_place():
            path = Path(text)
            try:
                models.append(InstalledModel(inspect_model_file(path), in_place=True))
            except ModelFileError as exc:
                problems.append(Unusable(path, exc.message))
        return models, problems

    def delete(self, model: InstalledModel) -> int:
        """Remove the model (every part); a model used in place is only forgotten. Returns bytes freed."""
        if model.in_place:
            self._remember_in_place([p for p in self._in_place() if Path(p) != model.path])
            return 0
        freed = 0
        for part in model.model.parts:
            if part.exists():
                freed += part.stat().st_size
                part.unlink()
        return freed

    def import_file(self, path: Path, copy: bool = True, progress: Progress | None = None,
                    cancel: CancelToken | None = None) -> InstalledModel:
        model = inspect_model_file(path)  # validated like any model before anything is copied
        if not copy:
            self._remember_in_place([*self._in_place(), str(model.path)])
            return InstalledModel(model, in_place=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._check_space(model.total_bytes)
        _copy(model.parts, self.folder, progress, cancel)
        return InstalledModel(inspect_model_file(self.folder / model.path.name))

    def _check_space(self, needed: int) -> None:
        free = shutil.disk_usage(self.folder).free
        if needed > free:
            from rio_desktop.units import Bytes

            raise LibraryError(Message(QT_TRANSLATE_NOOP(
                "Core", "Not enough disk space in {folder}: {needed} needed, {free} free."),
                folder=str(self.folder), needed=Bytes(needed), free=Bytes(free)))

    def export_folder(self, model: InstalledModel, target: Path, progress: Progress | None = None,
                      cancel: CancelToken | None = None) -> Path:
        """A folder for a USB drive: every part and a manifest with each file's sha256."""
        from rio_desktop.hashing import file_sha256  # here: the first screen imports this module

        folder = target / model.path.name.removesuffix(".gguf")
        folder.mkdir(parents=True, exist_ok=True)
        copied = _copy(model.model.parts, folder, progress, cancel)
        manifest = {"name": model.model.name, "architecture": model.model.architecture,
                    "quantization": model.model.quantization, "exported_by": f"Rio Desktop {__version__}",
                    "files": [{"name": p.name, "size": p.stat().st_size, "sha256": file_sha256(p)} for p in copied]}
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        return folder

    def import_folder(self, folder: Path, progress: Progress | None = None,
                      cancel: CancelToken | None = None) -> InstalledModel:
        """Import an exported folder: every file is checked against the manifest before it is installed."""
        from rio_desktop.hashing import file_sha256

        try:
            manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            files = manifest["files"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LibraryError(Message(QT_TRANSLATE_NOOP(
                "Core", "{folder} is not a model folder exported by Rio Desktop ({file} is missing or "
                        "damaged)."), folder=str(folder), file=MANIFEST)) from exc
        sources = []
        for entry in files:
            path = folder / entry["name"]
            if not path.is_file() or path.stat().st_size != entry["size"] or file_sha256(path) != entry["sha256"]:
                raise LibraryError(Message(QT_TRANSLATE_NOOP(
                    "Core", "{name} in {folder} is missing or damaged (its size or sha256 does not match the "
                            "manifest). Copy the folder again."), name=entry["name"], folder=str(folder)))
            sources.append(path)
        first = inspect_model_file(sources[0])  # validated as a model too
        self.folder.mkdir(parents=True, exist_ok=True)
        self._check_space(sum(p.stat().st_size for p in sources))
        _copy(sources, self.folder, progress, cancel)
        return InstalledModel(inspect_model_file(self.folder / first.path.name))

    def move_to(self, new_folder: Path, progress: Progress | None = None) -> None:
        """Move every model of the folder to another disk (copy, then delete the originals)."""
        models, _ = self.scan()
        own = [m for m in models if not m.in_place]
        new_folder.mkdir(parents=True, exist_ok=True)
        old = self.folder
        self.folder = new_folder
        self._check_space(sum(m.size_bytes for m in own))
        for model in own:
            _copy(model.model.parts, new_folder, progress, None)
        for model in own:
            for part in model.model.parts:
                if part.parent == old:
                    part.unlink(missing_ok=True)

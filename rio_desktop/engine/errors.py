"""Errors the engine raises; each carries a message a clerk can read and act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rio_desktop.i18n import Message, UserFacingError

if TYPE_CHECKING:
    from rio_desktop.engine.backend import Generation


class EngineError(UserFacingError):
    """Something the engine could not do."""


class ModelFileError(EngineError):
    """The model file is missing, damaged, incomplete or not usable by this build."""


class ModelLoadError(EngineError):
    """llama.cpp could not load a file that passed validation (memory, device)."""


class NoModelLoaded(EngineError):
    """A request needs a model and none is loaded."""


class GenerationError(EngineError):
    """Generation failed part-way."""


class GenerationCancelled(Exception):
    """The user cancelled; `partial` holds what was generated until then."""

    def __init__(self, partial: Generation) -> None:
        super().__init__("cancelled")
        self.partial = partial


__all__ = ["EngineError", "ModelFileError", "ModelLoadError", "NoModelLoaded", "GenerationError",
           "GenerationCancelled", "Message"]

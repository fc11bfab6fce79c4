"""Load a model: a GGUF file on this computer, planned for this machine, or the organisation's server.

One object for the window and the command line. `prepare()` settles everything before any work: the server's
configuration, or the model file inspected once and the way to load it (models.loading: a bad file or a model
that does not fit fails before minutes of reading a document, and is not inspected again when it is loaded).
The window runs `run(ctx)` on the inference worker (preparing there, so the GUI never reads a model file);
the command line calls `open()` on its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rio_desktop.engine.backend import Backend, ModelInfo
    from rio_desktop.engine.server_backend import ServerConfig
    from rio_desktop.engine.service import TaskContext
    from rio_desktop.engine.state_cache import StateCache
    from rio_desktop.models.loading import LoadChoice, LoadDecision


@dataclass
class LoadTask:
    path: Path | None = None
    choice: LoadChoice | None = None
    models_dir: Path | None = None
    server: ServerConfig | None = None
    decision: LoadDecision | None = None  # set by prepare() for a model file
    states: StateCache | None = None  # where read documents' states are kept (the command line's backend)

    @classmethod
    def local(cls, path: Path, choice: LoadChoice, models_dir: Path | None) -> LoadTask:
        return cls(path=path, choice=choice, models_dir=models_dir)

    @classmethod
    def remote(cls, config: ServerConfig) -> LoadTask:
        return cls(server=config)

    @property
    def n_threads(self) -> int | None:
        return self.choice.n_threads if self.choice is not None else None

    def prepare(self) -> LoadTask:
        """Inspect the model file (once) and plan its loading. Raises UserFacingError: ModelFileError for a
        bad file, ModelLoadError with what would fit."""
        if self.server is None and self.decision is None:
            from rio_desktop.models.loading import LoadChoice, decide_load

            assert self.path is not None
            self.decision = decide_load(self.path, self.choice or LoadChoice(), models_dir=self.models_dir)
        return self

    def run(self, ctx: TaskContext) -> ModelInfo:
        """On the inference worker: load into its backend (the server backend connects and checks)."""
        if self.server is not None:
            return ctx.backend.load(None, ctx.cancel, ctx.progress)
        decision = self.prepare().decision
        assert decision is not None
        return ctx.backend.load(decision.params, ctx.cancel, ctx.progress)

    def open(self) -> tuple[Backend, ModelInfo]:
        """Connect to the server or load the model on the calling thread (the command line)."""
        if self.server is not None:
            from rio_desktop.engine.server_backend import OpenAIServerBackend

            server = OpenAIServerBackend(self.server)
            return server, server.load(None)
        from rio_desktop.engine.llama_backend import LlamaCppBackend

        decision = self.prepare().decision
        assert decision is not None
        backend = LlamaCppBackend(n_threads=self.n_threads, states=self.states)
        return backend, backend.load(decision.params)

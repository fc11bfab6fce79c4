"""A backend wrapper for tests: the real backend, with every prompt measured before it runs."""

from __future__ import annotations

from collections.abc import Sequence

from rio_desktop.engine.backend import Backend, ChatMessage, Generation, GenerationParams
from rio_desktop.engine.llama_backend import LlamaCppBackend


class RecordingBackend(Backend):
    """The real backend, with every prompt measured against the context before it runs."""

    def __init__(self, inner: LlamaCppBackend) -> None:
        self.inner = inner
        self.calls: list[tuple[int, int, str]] = []  # (prompt tokens, max tokens, user message)

    @property
    def info(self):
        return self.inner.info

    def load(self, params, cancel=None, progress=None):
        return self.inner.load(params, cancel, progress)

    def unload(self) -> None:
        self.inner.unload()

    def context_size(self) -> int:
        return self.inner.context_size()

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def count_chat_tokens(self, messages: Sequence[ChatMessage]) -> int:
        return self.inner.count_chat_tokens(messages)

    def chat(self, messages, params: GenerationParams, on_text=None, cancel=None) -> Generation:
        prompt = self.inner.count_chat_tokens(messages)
        self.calls.append((prompt, params.max_tokens, messages[-1].content))
        assert prompt + params.max_tokens <= self.inner.context_size(), "a prompt would exceed the context"
        return self.inner.chat(messages, params, on_text, cancel)

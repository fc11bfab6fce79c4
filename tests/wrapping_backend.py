"""A Backend that passes every call to a real one: tests subclass it to watch or check what is asked."""

from __future__ import annotations

from rio_desktop.engine.backend import Backend


class WrappingBackend(Backend):
    def __init__(self, inner: Backend) -> None:
        self.inner = inner

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

    def count_chat_tokens(self, messages, reasoning=None) -> int:
        return self.inner.count_chat_tokens(messages, reasoning)

    def chat(self, messages, params, on_text=None, cancel=None, on_reasoning=None, on_step=None):
        return self.inner.chat(messages, params, on_text, cancel, on_reasoning=on_reasoning, on_step=on_step)

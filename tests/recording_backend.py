"""A backend wrapper for tests: the real backend, with every prompt measured before it runs."""

from __future__ import annotations

from wrapping_backend import WrappingBackend

from rio_desktop.engine.backend import Generation, GenerationParams
from rio_desktop.engine.llama_backend import LlamaCppBackend


class RecordingBackend(WrappingBackend):
    """The real backend, with every prompt measured against the context (reasoning budget included)
    before it runs."""

    def __init__(self, inner: LlamaCppBackend) -> None:
        super().__init__(inner)
        self.calls: list[tuple[int, int, str]] = []  # (prompt tokens, max tokens, user message)
        self.reasoning_budgets: list[int] = []

    def chat(self, messages, params: GenerationParams, on_text=None, cancel=None, on_reasoning=None,
             on_step=None) -> Generation:
        prompt = self.inner.count_chat_tokens(messages, params.reasoning)
        self.calls.append((prompt, params.max_tokens, messages[-1].content))
        self.reasoning_budgets.append(params.reasoning_budget)
        reserve = params.reasoning_budget + 16 if params.reasoning_budget else 0  # reasoning and its closing
        assert prompt + params.max_tokens + reserve <= self.inner.context_size(), "a prompt would exceed the context"
        return self.inner.chat(messages, params, on_text, cancel, on_reasoning=on_reasoning, on_step=on_step)

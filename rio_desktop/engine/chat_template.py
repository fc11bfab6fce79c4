"""Rendering a model's own chat template, sandboxed.

A GGUF carries its chat template as Jinja source written by whoever made the file. It is rendered in
Jinja's immutable sandbox, as llama-cpp-python does, so a template cannot reach Python internals or
change state; one that tries is refused before the model is loaded.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

# Used when a model has no template of its own (ChatML, the format of the Qwen and SmolLM families).
CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)


class ChatTemplateError(Exception):
    """The template cannot be used. `unsafe` is True when it tried to leave the sandbox."""

    def __init__(self, detail: str, unsafe: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.unsafe = unsafe


def _raise_exception(message: str) -> None:
    from jinja2.exceptions import TemplateError

    raise TemplateError(message)


def _strftime_now(fmt: str) -> str:
    return datetime.datetime.now().strftime(fmt)


@dataclass
class ChatTemplate:
    source: str
    bos_token: str = ""
    eos_token: str = ""

    def __post_init__(self) -> None:
        # Jinja is imported with the first template, not when the application starts.
        import jinja2
        from jinja2.exceptions import TemplateError
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        environment = ImmutableSandboxedEnvironment(
            loader=jinja2.BaseLoader(), trim_blocks=True, lstrip_blocks=True,
        )
        environment.globals.update(raise_exception=_raise_exception, strftime_now=_strftime_now)
        try:
            self._template = environment.from_string(self.source)
        except TemplateError as exc:
            raise ChatTemplateError(str(exc)) from exc

    def _render(self, messages: list[dict[str, str]], add_generation_prompt: bool,
                enable_thinking: bool | None) -> str:
        from jinja2.exceptions import SecurityError, TemplateError

        # enable_thinking stays undefined unless asked for: templates test `is defined`, and their
        # default (thinking on, for Qwen3 and Qwen3.5) is what the model was trained to expect.
        switch = {} if enable_thinking is None else {"enable_thinking": enable_thinking}
        try:
            return self._template.render(
                messages=messages, add_generation_prompt=add_generation_prompt,
                bos_token=self.bos_token, eos_token=self.eos_token, **switch,
            )
        except SecurityError as exc:
            raise ChatTemplateError(str(exc), unsafe=True) from exc
        except (TemplateError, TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            raise ChatTemplateError(str(exc) or type(exc).__name__) from exc

    def render(self, messages: list[dict[str, str]], add_generation_prompt: bool = True,
               enable_thinking: bool | None = None) -> str:
        try:
            return self._render(messages, add_generation_prompt, enable_thinking)
        except ChatTemplateError as exc:
            # Some templates (Gemma, Mistral) refuse a system role: fold it into the first user turn.
            if exc.unsafe or not messages or messages[0].get("role") != "system" or len(messages) < 2:
                raise
            system, first, *rest = messages
            merged = {"role": first["role"], "content": system["content"] + "\n\n" + first["content"]}
            return self._render([merged, *rest], add_generation_prompt, enable_thinking)

    def check(self) -> None:
        """Render a sample conversation; raises ChatTemplateError if the template is unusable."""
        sample = [
            {"role": "system", "content": "You are a helpful assistant."},
            {"role": "user", "content": "Olá"},
            {"role": "assistant", "content": "Olá! Como posso ajudar?"},
            {"role": "user", "content": "Resuma o documento."},
        ]
        self.render(sample, add_generation_prompt=True)

"""Translatable text for the Qt-free packages.

Core packages must not import Qt, yet the messages they produce reach the user. They write each message
as `Message(QT_TRANSLATE_NOOP("Core", "English text {param}"), param=value)`: Qt's lupdate finds the
text under the "Core" context, and the UI translates the template before it fills in the parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CORE_CONTEXT = "Core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


class Message:
    """A user-facing message: an English template and its parameters."""

    __slots__ = ("template", "params")

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params

    def render(self, translate: Callable[[str, str], str] | None = None) -> str:
        template = translate(CORE_CONTEXT, self.template) if translate else self.template
        params = {key: _render_param(value, translate) for key, value in self.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message: fall back to English.
            return self.template.format(**params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.render()!r})"


def _render_param(value: Any, translate: Callable[[str, str], str] | None) -> Any:
    """A parameter that is itself a message (or a list of them) is rendered in the same language; a list
    of messages reads as one clause after another."""
    if isinstance(value, Message):
        return value.render(translate)
    if isinstance(value, list) and value and all(isinstance(v, Message) for v in value):
        return "; ".join(v.render(translate) for v in value)
    return value


class UserFacingError(Exception):
    """An error whose message a clerk can read and act on."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message

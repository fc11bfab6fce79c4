"""Small helpers that turn values into text for the interface."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from rio_desktop.i18n import Message
from rio_desktop.units import format_bytes

__all__ = ["translate_message", "format_bytes"]


def translate_message(message: Message) -> str:
    """A core message in the interface language."""
    return message.render(lambda context, text: QCoreApplication.translate(context, text))

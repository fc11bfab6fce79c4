"""Streaming text into a view: each batch appended at the end, so the work per batch stays the same
however long the answer grows (setting the whole text again made a long summary quadratic)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit


def append_text(view: QTextEdit, text: str, replace_last: bool = False) -> None:
    """Append `text` at the end of `view` (`replace_last`: in place of its last character, a placeholder
    such as "…") and keep the end in sight."""
    cursor = QTextCursor(view.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    if replace_last:
        cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(text)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())

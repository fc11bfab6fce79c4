"""Descriptions for screen readers and tooltips, from one text.

Every control gets an accessible name (what it is, usually from its label) and a description (what it
does); the same description shows as the tooltip for clerks who hover with the mouse.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget


def describe(pairs: Iterable[tuple[QWidget, str]]) -> None:
    for widget, description in pairs:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)

"""Labels that behave with text of any length."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy


def message_label(text: str = "") -> QLabel:
    """A label for a message of any length (errors name files and addresses): it wraps, and its width is
    the layout's to give, never the text's to ask. A label's size hint follows its text and a window's
    minimum size follows its layout: one long error in a plain label once made the window 2,400 px wide
    on a smaller screen, and it could not be narrowed again."""
    label = QLabel(text)
    label.setWordWrap(True)  # before the policy: it sets the height-for-width the wrapping needs
    policy = label.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
    label.setSizePolicy(policy)
    return label

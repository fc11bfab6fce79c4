"""Pages still to come: placeholders until their features land."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.body = QLabel()
        self.body.setWordWrap(True)
        layout.addStretch(1)
        for label in (self.heading, self.body):
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(label)
        layout.addStretch(1)

    def set_text(self, title: str, text: str) -> None:
        self.heading.setText(f"<h2>{title}</h2>")
        self.body.setText(text)
        self.setAccessibleName(title)


class DraftPage(PlaceholderPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_text(self.tr("Draft correspondence"),
                      self.tr("Drafting of ofícios, memorandos and answers to citizens will be available here."))

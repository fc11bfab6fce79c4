"""The model's reasoning, shown apart from the document: "Thinking… 230 tokens" with a bar against the
budget while it thinks, and a collapsed panel to read what it thought.

Reasoning reaches a page as ReasoningProgress payloads of the worker's status channel; a page hands
them to `ThinkingIndicator.offer`, which takes only those. The reasoning lives in this widget alone:
pages never copy it into the document view, a draft, an export or the clipboard.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.engine.reasoning import ReasoningProgress
from rio_desktop.ui.accessibility import describe


def reasoning_mode_text(mode: str) -> str:
    """How a model reasons, in words for the Models page."""
    texts = {
        "always": QCoreApplication.translate(
            "ThinkingIndicator", "Thinks before every answer (within the reasoning budget; with reasoning "
                                 "off it is stopped at once)"),
        "switchable": QCoreApplication.translate(
            "ThinkingIndicator", "Thinks by default; Rio Desktop switches it off for letters and rewrites "
                                 "(Settings: Model reasoning)"),
        "never": QCoreApplication.translate("ThinkingIndicator", "Answers without reasoning"),
    }
    return texts.get(mode) or QCoreApplication.translate(
        "ThinkingIndicator", "Unknown (the server does not show the model's template)")


def _set_enum(widget: QWidget, name: str, key: str) -> None:
    """Set an enum property of `widget` by the key's name, through Qt's property system. PySide6 builds
    Python enums for the whole Qt namespace (~15 ms) at the first use of `Qt`, and the Models page, with
    this panel, is the first screen on a new computer (bench/startup.py, tests/test_desktop.py)."""
    if not widget.setProperty(name, key):
        raise ValueError(f"{type(widget).__name__}.{name} has no value {key!r}")


class ThinkingIndicator(QWidget):
    """Hidden until the model reasons; stays (collapsed) after the answer so the reasoning can be read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tokens = 0
        self.budget = 0
        self.thinking = False
        self.label = QLabel("")
        self.label.setAccessibleName(self.tr("Model reasoning"))
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        self.bar.setAccessibleName(self.tr("Reasoning budget used"))
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        _set_enum(self.toggle, "toolButtonStyle", "ToolButtonTextBesideIcon")
        _set_enum(self.toggle, "arrowType", "RightArrow")
        self.toggle.setText(self.tr("Show the reasoning"))
        self.toggle.toggled.connect(self._expand)
        self.panel = QPlainTextEdit()
        self.panel.setReadOnly(True)
        self.panel.setAccessibleName(self.tr("The model's reasoning (not part of the text)"))
        self.panel.setMaximumHeight(160)
        describe(((self.panel, self.tr("What the model thought before answering; it is not part of the text "
                                       "and is never saved or copied")),
                  (self.toggle, self.tr("Show or hide what the model thought before answering"))))
        self.panel.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.panel)
        self.hide()

    def reset(self) -> None:
        """A new request: forget the last reasoning."""
        self.tokens = self.budget = 0
        self.thinking = False
        self.panel.clear()
        self.toggle.setChecked(False)
        self.hide()

    def offer(self, payload: object) -> bool:
        """Show `payload` if it is reasoning progress; False for any other status payload."""
        if not isinstance(payload, ReasoningProgress):
            return False
        if payload.text:
            self.panel.moveCursor(QTextCursor.MoveOperation.End)
            empty = self.panel.document().isEmpty()
            if not self.thinking and not empty:  # the next step's reasoning
                self.panel.insertPlainText("\n\n")
            self.panel.insertPlainText(payload.text.lstrip() if empty else payload.text)
        # A summary reasons in several steps: the counter shows the current step against its budget.
        self.tokens, self.budget = payload.tokens, payload.budget
        self.thinking = not payload.done
        self._refresh()
        self.show()
        return True

    def finish(self) -> None:
        """The request ended: keep the panel if there was reasoning, else hide."""
        self.thinking = False
        if self.panel.document().isEmpty() and not self.tokens:
            self.hide()
            return
        self._refresh()

    @property
    def reasoning_text(self) -> str:
        return self.panel.toPlainText().strip()

    def _refresh(self) -> None:
        count = QLocale().toString(self.tokens)
        # Two strings rather than Qt's %n plural forms: English then needs no translation file of its own.
        if self.thinking:
            text = self.tr("Thinking… 1 token") if self.tokens == 1 else self.tr("Thinking… {count} tokens")
        else:
            text = self.tr("Reasoned for 1 token") if self.tokens == 1 else self.tr("Reasoned for {count} tokens")
        self.label.setText(text.format(count=count))
        self.bar.setRange(0, max(self.budget, 1))
        self.bar.setValue(min(self.tokens, max(self.budget, 1)))
        self.bar.setVisible(self.thinking and self.budget > 0)
        self.bar.setToolTip(self.tr("{used} of {budget} reasoning tokens").format(
            used=count, budget=QLocale().toString(self.budget)))

    def _expand(self, open_: bool) -> None:
        _set_enum(self.toggle, "arrowType", "DownArrow" if open_ else "RightArrow")
        self.toggle.setText(self.tr("Hide the reasoning") if open_ else self.tr("Show the reasoning"))
        self.panel.setVisible(open_)

"""Every interactive widget on every page and dialog has an accessible name and takes keyboard focus."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from rio_desktop.ui.settings_dialog import SettingsDialog

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit,
               QAbstractItemView)


def problems(root: QWidget) -> list[str]:
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.parent() is None:
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside a combo or spin box is part of it
        if type(widget).__name__ in ("QTabBar", "QScrollBar", "QHeaderView") or widget.objectName().startswith("qt_"):
            continue
        if widget.window() is not root.window():
            continue  # a combo box's popup list: a window of its own, reached through the combo
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface else ""
        label = f"{type(widget).__name__} in {type(widget.parent()).__name__}"
        if not name.strip():
            found.append(f"{label}: no accessible name")
        if widget.focusPolicy() == widget.focusPolicy().NoFocus:
            found.append(f"{label} '{name}': not reachable by keyboard")
    return found


@pytest.mark.parametrize("page", [0, 1, 2])
def test_pages(gui, page: int) -> None:
    gui.window.navigation.setCurrentRow(page)
    assert problems(gui.window.stack.currentWidget()) == []


def test_main_window_navigation_and_shortcuts(gui) -> None:
    interface = QAccessible.queryAccessibleInterface(gui.window.navigation)
    assert interface.text(QAccessible.Text.Name) == "Pages"
    assert gui.window.load_action.shortcut().toString() == "Ctrl+L"


def test_settings_dialog(gui, qtbot) -> None:
    dialog = SettingsDialog(gui.settings, gui.window)
    qtbot.addWidget(dialog)
    assert problems(dialog) == []


def test_welcome_dialog(gui, qtbot) -> None:
    dialog = gui.window.show_welcome()
    qtbot.addWidget(dialog)
    assert problems(dialog) == []
    assert gui.settings.get("welcome_done")

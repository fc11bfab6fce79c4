"""Every interactive widget on every page and dialog has an accessible name and description and takes
keyboard focus; menus, shortcuts, mnemonics, screen size and font size."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

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
        # A description says what the control does (also its tooltip); Qt's own OK/Cancel and tab-scroll
        # buttons speak for themselves.
        own = not isinstance(widget.parent(), (QDialogButtonBox, QTabBar))
        if own and not interface.text(QAccessible.Text.Description).strip():
            found.append(f"{label} '{name}': no accessible description")
        if widget.focusPolicy() == widget.focusPolicy().NoFocus:
            found.append(f"{label} '{name}': not reachable by keyboard")
    return found


@pytest.mark.parametrize("page", [0, 1, 2])
def test_pages(gui, page: int) -> None:
    gui.window.navigation.setCurrentRow(page)
    assert problems(gui.window.stack.currentWidget()) == []


def test_catalogue_tab(gui) -> None:
    page = gui.window.models_page
    page.tabs.setCurrentIndex(page.CATALOG_TAB)  # built when first opened
    assert page.tabs.currentWidget() is page.catalog_tab
    assert problems(page.catalog_tab) == []


def test_main_window_navigation_and_shortcuts(gui) -> None:
    interface = QAccessible.queryAccessibleInterface(gui.window.navigation)
    assert interface.text(QAccessible.Text.Name) == "Pages"
    shortcuts = {action.text(): action.shortcut().toString() for menu in gui.window.menuBar().findChildren(QMenu)
                 for action in menu.actions() if not action.isSeparator()}
    # open, summarize, cancel and export, as the accessibility requirements name them
    assert shortcuts["&Open PDF…"] == "Ctrl+O" and shortcuts["&Summarize or write"] == "Ctrl+Return"
    assert shortcuts["&Cancel"] == "Esc" and shortcuts["&Export…"] == "Ctrl+E"
    assert shortcuts["&Load model…"] == "Ctrl+L" and shortcuts["&Models"] == "Ctrl+3"


@pytest.mark.parametrize("language", ["en", "pt_BR"])
def test_menu_mnemonics_are_unique_in_each_language(qtbot, tmp_path, language: str) -> None:
    """Alt+letter must reach one item: no two entries of a menu (or of the menu bar) share a letter."""
    from conftest import gui_in_language

    with gui_in_language(qtbot, tmp_path / "home", language) as gui:
        bar = gui.window.menuBar()
        groups = [[a.text() for a in bar.actions()]] + [
            [a.text() for a in menu.actions() if not a.isSeparator()] for menu in bar.findChildren(QMenu)]
        for texts in groups:
            letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
            assert len(letters) == len(texts), f"an entry without a mnemonic: {texts}"
            assert len(set(letters)) == len(letters), f"shared mnemonic in {texts}"


def test_every_page_fits_a_1280_pixel_screen_in_portuguese(qtbot, tmp_path) -> None:
    """Office laptops have 1366 x 768 screens: the window's smallest size, with every page built, fits."""
    from conftest import gui_in_language

    with gui_in_language(qtbot, tmp_path / "home", "pt_BR") as gui:
        for row in range(gui.window.navigation.count()):
            gui.window.page(row)
        gui.window.models_page.catalog_tab  # noqa: B018 - built on first use
        size = gui.window.minimumSizeHint()
        assert size.width() <= 1280 and size.height() <= 700, size


def test_a_large_system_font_is_followed(qtbot, tmp_path, qapp) -> None:
    """A clerk who reads with a larger system font gets it everywhere, and nothing is cut to make room."""
    from conftest import gui_in_language
    from PySide6.QtGui import QFont

    normal = qapp.font()
    large = QFont(normal)
    large.setPointSizeF(normal.pointSizeF() * 1.75)
    qapp.setFont(large)
    try:
        with gui_in_language(qtbot, tmp_path / "home", "pt_BR") as gui:
            window = gui.window
            window.show()
            page = window.models_page
            assert page.load_button.font().pointSizeF() == large.pointSizeF()
            navigation = window.navigation
            for row in range(navigation.count()):
                item = navigation.item(row)
                needed = navigation.fontMetrics().horizontalAdvance(item.text())
                assert navigation.visualItemRect(item).width() >= needed, item.text()
            # the question box still shows several lines of the larger text
            assert page.prompt_edit.maximumHeight() >= 3 * page.prompt_edit.fontMetrics().lineSpacing()
    finally:
        qapp.setFont(normal)

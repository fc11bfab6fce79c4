"""The letter's fields, declared once: each row says which field of LetterFields it edits, its label,
its description and its kind of widget; the form builds the widgets, the rows, the descriptions and the
change signals from that table, and reads and writes the fields' dictionary through it (in the spirit of
Picard's option pages, which map options to widgets in one dict).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from rio_desktop.documents.letter_rules import LetterFields
from rio_desktop.i18n import QT_TRANSLATE_NOOP

CONTEXT = "LetterForm"


@dataclass(frozen=True)
class FormField:
    key: str  # in LetterFields.as_dict(); "addressee.name" for a nested one
    label: str  # with the & of its keyboard shortcut
    description: str
    kind: str = "line"  # line, list (acronyms joined by /), lines (one per line), choice, year, date
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    placeholder: str = ""


FIELDS: tuple[FormField, ...] = (
    FormField("number", QT_TRANSLATE_NOOP("LetterForm", "&Number:"),
              QT_TRANSLATE_NOOP("LetterForm", "The document's number, as given by the protocol")),
    FormField("year", QT_TRANSLATE_NOOP("LetterForm", "&Year:"),
              QT_TRANSLATE_NOOP("LetterForm", "The year in the document's identification"), "year"),
    FormField("department", QT_TRANSLATE_NOOP("LetterForm", "De&partment:"),
              QT_TRANSLATE_NOOP("LetterForm", "The last line of the letterhead, your department; remembered for "
                                              "your next letters"),
              placeholder=QT_TRANSLATE_NOOP("LetterForm", "e.g. Coordenadoria-Geral de Gestão de Pessoas")),
    FormField("sectors", QT_TRANSLATE_NOOP("LetterForm", "&Sectors:"),
              QT_TRANSLATE_NOOP("LetterForm", "The acronyms in the identification, smallest first; remembered "
                                              "for your next letters"), "list",
              placeholder=QT_TRANSLATE_NOOP("LetterForm", "smallest first, e.g. CGP/SMF")),
    FormField("city", QT_TRANSLATE_NOOP("LetterForm", "&City:"),
              QT_TRANSLATE_NOOP("LetterForm", "The city in the place and date line")),
    FormField("date", QT_TRANSLATE_NOOP("LetterForm", "&Date:"),
              QT_TRANSLATE_NOOP("LetterForm", "The date of the document"), "date"),
    FormField("addressee.name", QT_TRANSLATE_NOOP("LetterForm", "Addressee &name:"),
              QT_TRANSLATE_NOOP("LetterForm", "Who receives the document")),
    FormField("addressee.office", QT_TRANSLATE_NOOP("LetterForm", "Addressee &office:"),
              QT_TRANSLATE_NOOP("LetterForm", "The addressee's office or position")),
    FormField("addressee.treatment", QT_TRANSLATE_NOOP("LetterForm", "&Form of address:"),
              QT_TRANSLATE_NOOP("LetterForm", "The form of address the Manual de Redação prescribes for the "
                                              "addressee"), "choice",
              (("excelencia", QT_TRANSLATE_NOOP("LetterForm", "Vossa Excelência")),
               ("senhoria", QT_TRANSLATE_NOOP("LetterForm", "Vossa Senhoria")),
               ("particular", QT_TRANSLATE_NOOP("LetterForm", "Private citizen")))),
    FormField("addressee.gender", QT_TRANSLATE_NOOP("LetterForm", "&Gender:"),
              QT_TRANSLATE_NOOP("LetterForm", "Gives Senhor or Senhora in the vocative"), "choice",
              (("m", QT_TRANSLATE_NOOP("LetterForm", "Male (Senhor)")),
               ("f", QT_TRANSLATE_NOOP("LetterForm", "Female (Senhora)")))),
    FormField("addressee.address", QT_TRANSLATE_NOOP("LetterForm", "Add&ress:"),
              QT_TRANSLATE_NOOP("LetterForm", "The addressee's address, for the address block"), "lines",
              placeholder=QT_TRANSLATE_NOOP("LetterForm", "Street and number\nCEP and city/UF")),
    FormField("subject", QT_TRANSLATE_NOOP("LetterForm", "S&ubject:"),
              QT_TRANSLATE_NOOP("LetterForm", "One line saying what the document is about")),
    FormField("references", QT_TRANSLATE_NOOP("LetterForm", "&References:"),
              QT_TRANSLATE_NOOP("LetterForm", "Earlier documents this one answers or cites")),
    FormField("relation", QT_TRANSLATE_NOOP("LetterForm", "Re&lation:"),
              QT_TRANSLATE_NOOP("LetterForm", "The addressee's level compared with the signatory's: it sets the "
                                              "closing (Respeitosamente or Atenciosamente)"), "choice",
              (("higher", QT_TRANSLATE_NOOP("LetterForm", "Higher authority")),
               ("same", QT_TRANSLATE_NOOP("LetterForm", "Same level")),
               ("lower", QT_TRANSLATE_NOOP("LetterForm", "Lower level")))),
    FormField("signatory.name", QT_TRANSLATE_NOOP("LetterForm", "Signatory n&ame:"),
              QT_TRANSLATE_NOOP("LetterForm", "Who signs the document; remembered for your next letters")),
    FormField("signatory.office", QT_TRANSLATE_NOOP("LetterForm", "Signatory o&ffice:"),
              QT_TRANSLATE_NOOP("LetterForm", "The signatory's office or position; remembered for your next "
                                              "letters")),
)


# Each field's default is the one LetterFields declares (the command line's --fields file gets the same).
_DEFAULTS = LetterFields().as_dict()


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _get(data: dict, key: str) -> Any:
    for part in key.split("."):
        data = data.get(part, {}) if isinstance(data, dict) else {}
    return data if data != {} else None


def field_value(data: dict, key: str) -> Any:
    """The value of `key` ("addressee.name") in a dict of LetterFields.as_dict()'s shape, or None."""
    return _get(data, key)


def _set(data: dict, key: str, value: Any) -> None:
    *parents, last = key.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


class LetterForm(QObject):
    """The widgets of FIELDS, added as rows to a QFormLayout; `changed` on any edit."""

    changed = Signal(str)  # the key of the field edited

    def __init__(self, form: QFormLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        for spec in FIELDS:
            widget = self._make(spec)
            label = QLabel(_tr(spec.label))
            label.setBuddy(widget)
            widget.setAccessibleName(_tr(spec.label).replace("&", "").rstrip(":"))
            widget.setAccessibleDescription(_tr(spec.description))
            widget.setToolTip(_tr(spec.description))
            form.addRow(label, widget)
            self.widgets[spec.key], self.labels[spec.key] = widget, label
        self.set_values({})

    def __getitem__(self, key: str) -> Any:
        return self.widgets[key]

    def _make(self, spec: FormField) -> QWidget:
        emit: Callable[..., None] = lambda *_args, key=spec.key: self.changed.emit(key)  # noqa: E731
        if spec.kind == "choice":
            combo = QComboBox()
            for value, label in spec.choices:
                combo.addItem(_tr(label), value)
            combo.currentIndexChanged.connect(emit)
            return combo
        if spec.kind == "year":
            spin = QSpinBox()
            spin.setRange(1990, 2100)
            spin.valueChanged.connect(emit)
            return spin
        if spec.kind == "date":
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setDisplayFormat("dd/MM/yyyy")
            date.dateChanged.connect(emit)
            return date
        if spec.kind == "lines":
            text = QPlainTextEdit()
            # Tab moves to the next field, as in every other row (it used to type a tab into the address).
            text.setTabChangesFocus(True)
            text.setMaximumHeight(text.fontMetrics().lineSpacing() * 2 + 14)  # two lines
            text.setPlaceholderText(_tr(spec.placeholder))
            text.textChanged.connect(emit)
            return text
        line = QLineEdit()
        if spec.placeholder:
            line.setPlaceholderText(_tr(spec.placeholder))
        line.textChanged.connect(emit)
        return line

    def values(self) -> dict:
        """The fields as LetterFields.from_dict takes them."""
        data: dict = {}
        for spec in FIELDS:
            widget = self.widgets[spec.key]
            value: Any
            if isinstance(widget, QComboBox):
                value = widget.currentData()
            elif isinstance(widget, QSpinBox):
                value = widget.value()
            elif isinstance(widget, QDateEdit):
                value = widget.date().toString("yyyy-MM-dd")
            elif isinstance(widget, QPlainTextEdit):
                value = [x for x in widget.toPlainText().splitlines() if x.strip()]
            elif spec.kind == "list":
                value = [s.strip() for s in widget.text().replace(",", "/").split("/") if s.strip()]
            else:
                value = widget.text().strip() if spec.key in ("number", "city") else widget.text()
            _set(data, spec.key, value)
        return data

    def set_values(self, data: dict) -> None:
        """Fill every field from `data`; a missing one gets its default (today for the date)."""
        for spec in FIELDS:
            self._show(spec, _get(data, spec.key))

    def set_value(self, key: str, value: Any) -> None:
        """One field, as set_values would fill it from a value of LetterFields.as_dict()."""
        self._show(next(spec for spec in FIELDS if spec.key == key), value)

    def mark_guessed(self, keys: list[str], tip: str) -> None:
        """Mark the fields a model guessed (tinted, with `tip`), and only those: the clerk checks them."""
        for spec in FIELDS:
            widget = self.widgets[spec.key]
            guessed = spec.key in keys
            widget.setProperty("guessed", guessed)
            widget.setStyleSheet("background-color: #fff3c4; color: #1a1a1a;" if guessed else "")
            widget.setToolTip(tip if guessed else _tr(spec.description))

    def _show(self, spec: FormField, value: Any) -> None:
        widget = self.widgets[spec.key]
        if isinstance(widget, QComboBox):
            index = widget.findData(value if value is not None else _get(_DEFAULTS, spec.key))
            widget.setCurrentIndex(max(0, index))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value) if value else datetime.date.today().year)
        elif isinstance(widget, QDateEdit):
            date = QDate.fromString(str(value), "yyyy-MM-dd") if value else QDate.currentDate()
            widget.setDate(date if date.isValid() else QDate.currentDate())
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("\n".join(value or []))
        elif spec.kind == "list":
            widget.setText("/".join(value or []))
        else:
            default = _get(_DEFAULTS, spec.key)
            widget.setText(str(value) if value is not None else str(default) if default else "")
            widget.setCursorPosition(0)  # show the start of a long department name, not its end

"""Beside the Draft page's form while a reply is written: the received letter as it was read — who wrote it,
its number and date, what could not be read — its requests (ticking one puts it in the notes for the body)
and its deadlines, each with the page it is on."""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, QRect, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.tasks.reply import ReplyDraft
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.formatting import long_date, translate_message
from rio_desktop.ui.labels import message_label


def _pages(pages: list[int]) -> str:
    if not pages:
        return ""
    numbers = ", ".join(QLocale().toString(n) for n in pages)
    return f" ({'p.' if len(pages) == 1 else 'pp.'} {numbers})"


def _fit_rows(view: QListWidget, most: int = 160) -> None:
    """As tall as its rows, wrapped at the view's width, up to `most` pixels: one request does not take a
    screenful, and a long deadline is not cut."""
    metrics = view.fontMetrics()
    width = max(200, view.viewport().width() - 32)  # the check box's room
    rows = sum(metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                    view.item(i).text()).height() + 6 for i in range(view.count()))
    view.setFixedHeight(min(most, rows + 2 * view.frameWidth() + 4))


class ReceivedPanel(QGroupBox):
    requests_changed = Signal()  # a request was ticked or unticked
    closed = Signal()  # the clerk no longer answers this letter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Replying to"))
        self.reply: ReplyDraft | None = None
        self.summary = message_label()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.problems = message_label()
        self.problems.setStyleSheet("color: palette(dark);")
        self.requests = QListWidget()
        self.requests.setWordWrap(True)
        self.requests.setAccessibleName(self.tr("Requests of the received letter"))
        self.deadlines = QListWidget()
        self.deadlines.setWordWrap(True)
        self.deadlines.setAccessibleName(self.tr("Deadlines of the received letter"))
        self.requests_label = QLabel(self.tr("&Requests (tick one to put it in the notes):"))
        self.requests_label.setBuddy(self.requests)
        self.deadlines_label = QLabel(self.tr("Deadlines:"))
        self.close_button = QPushButton(self.tr("Stop replying"))
        describe((
            (self.requests, self.tr("Each sentence of the received letter that asks for something, with its page")),
            (self.deadlines, self.tr("Each deadline the received letter sets, with the day it falls on")),
            (self.close_button, self.tr("Write this letter without the received one beside it")),
        ))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problems)
        layout.addWidget(self.requests_label)
        layout.addWidget(self.requests)
        layout.addWidget(self.deadlines_label)
        layout.addWidget(self.deadlines)
        self.requests.itemChanged.connect(lambda _item: self.requests_changed.emit())
        self.close_button.clicked.connect(self.close_action)
        self.hide()

    def show_reply(self, reply: ReplyDraft) -> None:
        self.reply = reply
        received = reply.received
        kind = received.kind or self.tr("Document")
        what = received.identification or (f"{kind} nº {received.number}" if received.number else kind)
        if received.is_email:
            what = self.tr("E-mail “{subject}”").format(subject=received.subject) if received.subject else \
                self.tr("E-mail")
        line = f"<b>{html.escape(what)}</b>"
        if received.date is not None:
            line += html.escape(self.tr(", of {date}").format(date=long_date(received.date)))
        sender = ", ".join(x for x in (received.sender.name, received.sender.office) if x)
        if sender:
            by = self.tr("Sent by {sender}") if received.is_email else self.tr("Signed by {sender}")
            line += "<br>" + html.escape(by.format(sender=sender))
        if reply.ocr_confidence is not None:
            line += "<br>" + html.escape(self.tr("Read from a scan (OCR), confidence {percent}: check the fields.")
                                         .format(percent=QLocale().toString(round(reply.ocr_confidence)) + " %"))
        if reply.guessed:
            names = {"name": self.tr("the sender"), "office": self.tr("the office"),
                     "organization": self.tr("the organization"), "subject": self.tr("the subject")}
            line += "<br><i>" + html.escape(self.tr("Guessed by the model, marked in the form: {fields}.").format(
                fields=", ".join(names[key] for key in reply.guessed))) + "</i>"
        self.summary.setText(f"{html.escape(reply.file)}<br>{line}")
        self.problems.setText("\n".join(translate_message(w) for w in reply.warnings))
        self.problems.setVisible(bool(reply.warnings))
        self.requests.blockSignals(True)
        self.requests.clear()
        for request in received.requests:
            item = QListWidgetItem(request.text + _pages(request.pages))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.requests.addItem(item)
        if not received.requests:
            self.requests.addItem(QListWidgetItem(self.tr("No sentence of the letter asks for something.")))
        self.requests.blockSignals(False)
        _fit_rows(self.requests)
        self.deadlines.clear()
        for deadline in received.deadlines:
            when = long_date(deadline.date) if deadline.date else self.tr("no day given")
            text = f"{when}: {deadline.text}{_pages(deadline.pages)}"
            item = QListWidgetItem(text)
            if deadline.note is not None:
                item.setToolTip(translate_message(deadline.note))
                item.setText(f"{text} — {translate_message(deadline.note)}")
            self.deadlines.addItem(item)
        if not received.deadlines:
            self.deadlines.addItem(QListWidgetItem(self.tr("The letter sets no deadline.")))
        _fit_rows(self.deadlines)
        self.show()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        _fit_rows(self.requests)  # wrapped rows take more lines in a narrower column
        _fit_rows(self.deadlines)

    def chosen(self) -> list[int]:
        """The requests ticked (indexes in received.requests)."""
        if self.reply is None:
            return []
        return [row for row in range(min(self.requests.count(), len(self.reply.received.requests)))
                if self.requests.item(row).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, rows: list[int]) -> None:
        self.requests.blockSignals(True)
        for row in range(self.requests.count()):
            item = self.requests.item(row)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if row in rows else Qt.CheckState.Unchecked)
        self.requests.blockSignals(False)

    @Slot()
    def close_action(self) -> None:
        self.reply = None
        self.hide()
        self.closed.emit()

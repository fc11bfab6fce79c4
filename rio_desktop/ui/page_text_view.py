"""What was read from one page of the open document: its text, where it came from (the PDF's text layer
or OCR of its image) and how sure the OCR was. Shown in place of the page's image, on request."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from rio_desktop.documents.pdf_text import PageText, PdfText
from rio_desktop.ui.accessibility import describe


class PageTextView(QWidget):
    page_requested = Signal(int)  # a page number (1-based) the clerk moved to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: PdfText | None = None
        self.number = 1
        self.setAccessibleName(self.tr("Text read from the page"))
        self.header = QLabel("")
        self.header.setWordWrap(True)
        self.previous_button = QPushButton(self.tr("◀ Previous page"))
        self.next_button = QPushButton(self.tr("Next page ▶"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Text of the page"))
        describe(((self.previous_button, self.tr("Show the text read from the previous page")),
                  (self.next_button, self.tr("Show the text read from the next page")),
                  (self.text, self.tr("The text Rio Desktop read from this page, as the summary uses it"))))
        row = QHBoxLayout()
        row.addWidget(self.header, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        self.previous_button.clicked.connect(lambda: self.page_requested.emit(self.number - 1))
        self.next_button.clicked.connect(lambda: self.page_requested.emit(self.number + 1))

    def set_document(self, document: PdfText | None) -> None:
        self.document = document
        self.show_page(1)

    def describe_page(self, page: PageText | None) -> str:
        if page is None:
            return self.tr("Page {number}: not read.").format(number=self.number)
        if page.source == "ocr":
            confidence = QLocale().toString(float(page.confidence or 0.0), "f", 0)
            text = self.tr("Page {number}: read from the image by OCR, {confidence} % confidence.").format(
                number=page.number, confidence=confidence)
            if page.low_confidence:
                text += " " + self.tr("A poor scan: check the text against the page.")
            return text
        if page.source == "text":
            return self.tr("Page {number}: the PDF's own text.").format(number=page.number)
        reasons = {"no_text": self.tr("no text was found"), "failed": self.tr("it could not be read"),
                   "timeout": self.tr("reading it took too long")}
        return self.tr("Page {number}: {reason}; the summary leaves it out.").format(
            number=page.number, reason=reasons.get(page.status, ""))

    @Slot(int)
    def show_page(self, number: int) -> None:
        pages = self.document.pages if self.document is not None else []
        self.number = max(1, min(number, len(pages) or 1))
        page = next((p for p in pages if p.number == self.number), None)
        self.header.setText(self.describe_page(page))
        self.text.setPlainText(page.text if page is not None else "")
        self.previous_button.setEnabled(self.number > 1)
        self.next_button.setEnabled(self.number < len(pages))

"""Drawing a laid-out letter (documents.letter_layout) with QPainter: the on-screen preview and the
printer draw the same words at the same places as the exported PDF.
"""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from rio_desktop.documents import fonts
from rio_desktop.documents.letter_layout import LetterLayout, Page

_registered = False


def register_fonts() -> None:
    """Carlito from resources/fonts for this process (the system may not have it)."""
    global _registered
    if _registered:
        return
    for style in fonts.STYLES:
        QFontDatabase.addApplicationFont(str(fonts.font_file(style)))
    _registered = True


def _font(style: str, size_pt: float) -> QFont:
    font = QFont(fonts.FAMILY)
    font.setPointSizeF(size_pt)
    font.setBold("B" in style)
    font.setItalic("I" in style)
    # The layout measured each word with the font's plain advances: no kerning, no ligatures (which also
    # keeps "ti" and "fi" copyable from a printed PDF), no hinting that would move glyphs on screen.
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    for tag in ("liga", "clig", "calt"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def paint_page(painter: QPainter, page: Page, dpi_x: float, dpi_y: float) -> None:
    """One page, its top-left corner at the painter's origin; the device's DPI gives points their size."""
    register_fonts()
    # At screen resolutions a glyph's advance is rounded to whole pixels, which squeezed the spaces the
    # layout measured ("Geralde"): the words are drawn k times larger under a 1/k scale, so their widths
    # are those of a 600 dpi page.
    k = max(1.0, 600.0 / min(dpi_x, dpi_y))

    def px(mm: float, dpi: float) -> float:
        return mm / 25.4 * dpi * k

    painter.save()
    painter.scale(1 / k, 1 / k)
    for picture in page.pictures:
        painter.drawImage(QRectF(px(picture.x, dpi_x), px(picture.y, dpi_y), px(picture.width, dpi_x),
                                 px(picture.height, dpi_y)), QImage(str(picture.path)))
    painter.setPen(QColor("black"))
    current = None
    for word in page.words:
        if current != (word.style, word.size):
            current = (word.style, word.size)
            painter.setFont(_font(word.style, word.size * k))
        painter.drawText(QPointF(px(word.x, dpi_x), px(word.y, dpi_y)), word.text)
    painter.restore()


def a4_printer_setup(printer: QPrinter, layout: LetterLayout) -> None:
    """The printer's page is the layout's page, measured from the paper's corner (no printer margins
    added to ours)."""
    rules = layout.rules
    page = QPageSize(QPageSize.PageSizeId.A4) if (rules.width, rules.height) == (210.0, 297.0) else QPageSize(
        (rules.width, rules.height), QPageSize.Unit.Millimeter, "letter")
    printer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0),
                                      QPageLayout.Unit.Millimeter))
    printer.setFullPage(True)


def print_layout(layout: LetterLayout, printer: QPrinter) -> bool:
    """Print every page; False when the printer could not be opened."""
    a4_printer_setup(printer, layout)
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        dpi = printer.resolution()
        for index, page in enumerate(layout.pages):
            if index:
                printer.newPage()
            paint_page(painter, page, dpi, dpi)
    finally:
        painter.end()
    return True


def page_image(layout: LetterLayout, index: int, dpi: float) -> QImage:
    """A page as an image at `dpi` (white paper), for the preview and for measuring in tests."""
    rules = layout.rules
    image = QImage(round(rules.width / 25.4 * dpi), round(rules.height / 25.4 * dpi), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    paint_page(painter, layout.pages[index], dpi, dpi)
    painter.end()
    return image


class LetterPreview(QScrollArea):
    """The letter's pages as they will be printed, one under the other, as wide as the view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_: LetterLayout | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages = QWidget()
        self.pages.setAutoFillBackground(True)
        self.pages.setBackgroundRole(self.pages.backgroundRole().Mid)
        self.column = QVBoxLayout(self.pages)
        self.column.setSpacing(8)
        self.column.addStretch(1)
        self.setWidget(self.pages)
        self.labels: list[QLabel] = []
        self.redraw_timer = QTimer(self)
        self.redraw_timer.setSingleShot(True)
        self.redraw_timer.setInterval(60)
        self.redraw_timer.timeout.connect(self._draw)

    def show_layout(self, layout: LetterLayout) -> None:
        self.layout_ = layout
        self._draw()

    def text(self) -> str:
        """The letter's words, line by line, as on the pages."""
        return self.layout_.text() if self.layout_ else ""

    def page_count(self) -> int:
        return len(self.layout_.pages) if self.layout_ else 0

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.redraw_timer.start()

    def _draw(self) -> None:
        if self.layout_ is None:
            return
        margins = self.column.contentsMargins()
        width = max(200, self.viewport().width() - margins.left() - margins.right())
        ratio = self.devicePixelRatioF()
        dpi = width * ratio / (self.layout_.rules.width / 25.4)
        while len(self.labels) < len(self.layout_.pages):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.column.insertWidget(len(self.labels), label)
            self.labels.append(label)
        for index, label in enumerate(self.labels):
            if index >= len(self.layout_.pages):
                label.hide()
                continue
            pixmap = QPixmap.fromImage(page_image(self.layout_, index, dpi))
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
            label.show()

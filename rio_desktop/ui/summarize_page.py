"""The Summarize page: open a PDF, see it, summarize it with page citations, export the summary."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QPointF, QUrl, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.documents.export import export, model_sha256
from rio_desktop.documents.lgpd import redact_all
from rio_desktop.documents.pdf_text import PageText, PdfPasswordRequired, PdfText, read_pdf
from rio_desktop.documents.summarize import Progress, Summarizer, SummaryOptions, SummaryResult, summary_document
from rio_desktop.engine.backend import CancelToken
from rio_desktop.engine.model_file import inspect_model_file
from rio_desktop.engine.server_backend import OpenAIServerBackend
from rio_desktop.i18n import Message, UserFacingError
from rio_desktop.paths import AppPaths
from rio_desktop.settings import Settings
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.formatting import translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.privacy import privacy_choice
from rio_desktop.ui.thinking import ThinkingIndicator

log = logging.getLogger(__name__)
PAGE_LINK = "page:"


class SummarizePage(QWidget):
    models_requested = Signal()
    # For the taskbar and notifications (desktop_integration): ("summary", fraction or None) and
    # (title, text) when a summary ended.
    activity_progress = Signal(str, object)
    activity_done = Signal(str, str)

    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.jobs = jobs
        self.settings = settings
        self.paths = paths
        self.document: PdfText | None = None
        self.result: SummaryResult | None = None
        self.read_job: int | None = None
        self.export_job: int | None = None
        self.read_cancel: CancelToken | None = None
        self.pending_path: Path | None = None
        self.password: str | None = None
        self.request_id: int | None = None
        self.streamed = ""
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Summarize page"))

        self.open_button = QPushButton(self.tr("&Open PDF…"))
        self.open_button.setAccessibleDescription(self.tr("Choose a PDF document to summarize"))
        self.recent = QComboBox()
        self.recent.setAccessibleName(self.tr("Recent documents"))
        self.recent.setMinimumWidth(180)
        self.style = QComboBox()
        self.style.setAccessibleName(self.tr("Summary style"))
        for key, label in (("bullets", self.tr("Bullet points")), ("executive", self.tr("Executive (one paragraph)")),
                           ("detailed", self.tr("Detailed (by section)"))):
            self.style.addItem(label, key)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Summary language"))
        self.language.addItem("Português (Brasil)", "pt-BR")
        self.language.addItem("English", "en")
        self.style.setCurrentIndex(max(0, self.style.findData(settings.get("summary_style"))))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("summary_language"))))
        self.summarize_button = QPushButton(self.tr("&Summarize"))
        self.summarize_button.setAccessibleDescription(self.tr("Write a summary of the open document"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setAccessibleDescription(self.tr("Stop reading or summarizing; what is done is kept"))
        describe((
            (self.recent, self.tr("Open one of the documents summarized before")),
            (self.style, self.tr("How the summary is written: bullet points, one paragraph, or by section")),
            (self.language, self.tr("The language the summary is written in")),
        ))
        toolbar = QHBoxLayout()
        for widget in (self.open_button, self.recent, QLabel(self.tr("Style:")), self.style,
                       QLabel(self.tr("Language:")), self.language, self.summarize_button, self.cancel_button):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)

        self.pdf = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setAccessibleName(self.tr("The document"))
        self.pdf_view.setDocument(self.pdf)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.summary_view = QTextBrowser()
        self.summary_view.setAccessibleName(self.tr("The summary"))
        self.summary_view.setOpenLinks(False)
        self.summary_view.anchorClicked.connect(self.citation_action)
        self.copy_button = QPushButton(self.tr("Co&py"))
        self.copy_button.setAccessibleDescription(self.tr("Copy the summary as text"))
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.setAccessibleDescription(self.tr("Save the summary as Word, PDF or Markdown"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.summary_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.pdf_view)
        splitter.addWidget(right)
        splitter.setSizes([500, 500])

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.stage_label = QLabel("")
        self.stage_label.setWordWrap(True)
        self.notes_label = QLabel("")
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: palette(dark);")
        status = QHBoxLayout()
        status.addWidget(self.progress, 1)
        status.addWidget(self.stage_label, 2)

        describe(((self.summary_view, self.tr(
            "The summary; each page number is a link to that page of the document")),))
        layout = QVBoxLayout(self)
        layout.addLayout(toolbar)
        layout.addWidget(splitter, 1)
        layout.addLayout(status)
        self.thinking = ThinkingIndicator()
        layout.addWidget(self.thinking)
        layout.addWidget(self.notes_label)

        self.open_button.clicked.connect(self.open_action)
        self.recent.activated.connect(self.recent_action)
        self.summarize_button.clicked.connect(self.summarize_action)
        self.cancel_button.clicked.connect(self.cancel_action)
        self.copy_button.clicked.connect(self.copy_action)
        self.export_button.clicked.connect(self.export_action)
        jobs.progress.connect(self.job_progress_event_response)
        jobs.done.connect(self.job_done_event_response)
        jobs.failed.connect(self.job_failed_event_response)
        worker.status.connect(self.status_event_response)
        worker.tokens.connect(self.tokens_event_response)
        worker.finished.connect(self.finished_event_response)
        worker.failed.connect(self.failed_event_response)
        worker.cancelled.connect(self.cancelled_event_response)
        worker.loaded.connect(self.model_event_response)
        self._fill_recent()
        self._update_buttons()
        self.progress.hide()

    # -- state ---------------------------------------------------------------------------------------
    def _busy(self) -> bool:
        return self.read_job is not None or self.request_id is not None

    def _update_buttons(self) -> None:
        busy = self._busy()
        has_model = self.worker.model_info is not None
        self.summarize_button.setEnabled(not busy and self.document is not None and has_model)
        self.cancel_button.setEnabled(busy)
        self.open_button.setEnabled(not busy)
        self.recent.setEnabled(not busy and self.recent.count() > 1)
        self.copy_button.setEnabled(self.result is not None and not busy)
        self.export_button.setEnabled(self.result is not None and not busy and self.export_job is None)
        if self.document is not None and not has_model and not busy:
            self.stage_label.setText(self.tr("Load a model on the Models page to summarize."))

    def _fill_recent(self) -> None:
        self.recent.clear()
        self.recent.addItem(self.tr("Recent documents…"), "")
        for path in self.settings.get("recent_documents"):
            self.recent.addItem(Path(path).name, path)

    # -- opening -------------------------------------------------------------------------------------
    @Slot()
    def open_action(self) -> None:
        if self._busy():
            return
        start = str(Path(self.settings.get("recent_documents")[0]).parent) if self.settings.get(
            "recent_documents") else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a PDF"), start, self.tr("PDF documents (*.pdf)"))
        if path:
            self.open_document(Path(path))

    @Slot(int)
    def recent_action(self, index: int) -> None:
        path = self.recent.itemData(index)
        self.recent.setCurrentIndex(0)
        if path:
            self.open_document(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".pdf"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        urls = event.mimeData().urls()
        if urls and not self._busy():
            self.open_document(Path(urls[0].toLocalFile()))
            event.acceptProposedAction()

    def open_document(self, path: Path, password: str | None = None) -> int:
        """Read the PDF's text on the jobs pool; the page shows it when done."""
        self.pending_path, self.password = path, password
        self.document, self.result = None, None
        self.summary_view.clear()
        self.notes_label.clear()
        self.read_cancel = CancelToken()
        cancel = self.read_cancel
        self.progress.show()
        self.progress.setRange(0, 0)
        self.stage_label.setText(self.tr("Reading {name}…").format(name=path.name))
        self.read_job = self.jobs.start(lambda report: read_pdf(path, password, cancel,
                                                                lambda done, total: report((done, total))))
        self._update_buttons()
        return self.read_job

    def _show_document(self, document: PdfText) -> None:
        self.document = document
        self.pdf.close()
        if self.password:
            self.pdf.setPassword(self.password)
        self.pdf.load(str(document.path))
        self.settings.remember("recent_documents", str(document.path))
        self._fill_recent()
        problem = Summarizer.prepare(document)
        notes = [translate_message(w) for w in document.warnings()]
        if problem is not None:
            notes.insert(0, translate_message(problem))
            self.document = None
        self.notes_label.setText("\n".join(notes))
        self.stage_label.setText(self.tr("{name}: {pages} pages, {text_pages} with text.").format(
            name=document.path.name, pages=document.page_count, text_pages=len(document.text_pages)))
        self.progress.hide()

    # -- summarizing ---------------------------------------------------------------------------------
    @Slot()
    def summarize_action(self) -> None:
        if self.document is None or self._busy() or self.worker.model_info is None:
            return
        document = self.document
        redaction = None
        if isinstance(self.worker.service.current_backend, OpenAIServerBackend):
            choice = privacy_choice(self, "\n".join(p.text for p in document.text_pages))
            if choice is None:
                return
            if choice:
                texts, redaction = redact_all([p.text for p in document.pages])
                document = PdfText(path=document.path, sha256=document.sha256, pages=[
                    PageText(p.number, text, p.status) for p, text in zip(document.pages, texts, strict=True)])
        options = SummaryOptions(style=self.style.currentData(), language=self.language.currentData(),
                                 reasoning=self.settings.reasoning_policy())
        self.settings.update(summary_style=options.style, summary_language=options.language)
        self.result = None
        self.streamed = ""
        self.summary_view.clear()
        self.thinking.reset()
        self.progress.show()
        self.progress.setRange(0, 0)
        self.stage_label.setText(self.tr("Preparing…"))

        def task(ctx):  # runs on the inference worker
            result = Summarizer(ctx.backend, options, ctx.cancel, ctx.status, ctx.text, ctx.reasoning).run(document)
            if redaction is not None:  # the placeholders sent to the server become the originals again
                for point in result.points:
                    point.text = redaction.restore(point.text)
            return result

        self.request_id = self.worker.submit(task, kind="summary")
        self._update_buttons()

    @Slot()
    def cancel_action(self) -> None:
        if self.read_job is not None and self.read_cancel is not None:
            self.read_cancel.cancel()
        if self.request_id is not None:
            self.worker.cancel(self.request_id)
            self.stage_label.setText(self.tr("Stopping…"))

    def _stage_text(self, progress: Progress) -> str:
        if progress.stage == "summarizing":
            text = self.tr("Summarizing part {k} of {n}").format(k=min(progress.done + 1, progress.total),
                                                                  n=progress.total)
        elif progress.stage == "merging":
            text = self.tr("Merging notes ({k} of {n})").format(k=progress.done + 1, n=progress.total)
        else:
            text = self.tr("Writing the summary")
        if progress.eta_s:
            text += self.tr(" — about {minutes} min {seconds} s left").format(
                minutes=int(progress.eta_s // 60), seconds=int(progress.eta_s % 60))
        return text

    @Slot(int, object)
    def status_event_response(self, request_id: int, progress: Progress) -> None:
        if request_id != self.request_id or self.thinking.offer(progress):
            return
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)
        self.stage_label.setText(self._stage_text(progress))
        self.activity_progress.emit("summary", progress.done / max(progress.total, 1))

    @Slot(int, str)
    def tokens_event_response(self, request_id: int, text: str) -> None:
        if request_id == self.request_id:
            self.streamed += text
            self.summary_view.setPlainText(self.streamed)
            bar = self.summary_view.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _show_result(self, result: SummaryResult) -> None:
        self.result = result
        self.thinking.finish()
        muted = self.summary_view.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.summary_view.setHtml(summary_html(result, muted))
        stats = result.stats
        self.stage_label.setText(self.tr(
            "{pages} pages, {tokens} tokens in the document, {seconds:.0f} s, {speed:.0f} tokens/s; the model "
            "evaluated {ratio:.2f}× the document.").format(
            pages=stats.pages, tokens=stats.document_tokens, seconds=stats.seconds,
            speed=stats.tokens_per_second, ratio=stats.evaluated_ratio))
        self.notes_label.setText("\n".join(translate_message(w) for w in result.warnings))
        self.progress.hide()

    @Slot(int, object)
    def finished_event_response(self, request_id: int, result: object) -> None:
        if request_id == self.request_id and isinstance(result, SummaryResult):
            self.request_id = None
            self._show_result(result)
            self._update_buttons()
            self.activity_progress.emit("summary", None)
            name = self.document.path.name if self.document is not None else ""
            self.activity_done.emit(self.tr("Summary ready"), self.tr("The summary of {name} is ready.").format(
                name=name))

    @Slot(int, object)
    def failed_event_response(self, request_id: int, message: Message) -> None:
        if request_id == self.request_id:
            self.request_id = None
            self.progress.hide()
            self.thinking.finish()
            self.stage_label.setText(translate_message(message))
            self._update_buttons()
            self.activity_progress.emit("summary", None)
            self.activity_done.emit(self.tr("The summary failed"), translate_message(message))

    @Slot(int, object)
    def cancelled_event_response(self, request_id: int, _partial: object) -> None:
        if request_id == self.request_id:
            self.request_id = None
            self.progress.hide()
            self.thinking.finish()
            self.stage_label.setText(self.tr("Stopped."))
            self._update_buttons()
            self.activity_progress.emit("summary", None)

    @Slot(int, object)
    def model_event_response(self, _request_id: int, _info: object) -> None:
        self._update_buttons()

    # -- background jobs (reading, exporting) --------------------------------------------------------
    @Slot(int, object)
    def job_progress_event_response(self, job_id: int, payload: object) -> None:
        if job_id == self.read_job and isinstance(payload, tuple):
            done, total = payload
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.stage_label.setText(self.tr("Reading page {done} of {total}…").format(done=done, total=total))

    @Slot(int, object)
    def job_done_event_response(self, job_id: int, result: object) -> None:
        if job_id == self.read_job and isinstance(result, PdfText):
            self.read_job = None
            self._show_document(result)
            self._update_buttons()
        elif job_id == self.export_job:
            self.export_job = None
            self.stage_label.setText(self.tr("Saved {name}.").format(name=Path(str(result)).name))
            self._update_buttons()

    @Slot(int, object)
    def job_failed_event_response(self, job_id: int, error: UserFacingError) -> None:
        if job_id == self.read_job:
            self.read_job = None
            self.progress.hide()
            path = self.pending_path
            if isinstance(error, PdfPasswordRequired) and path is not None:
                self._update_buttons()
                self._ask_password(path, translate_message(error.message))
                return
            self.stage_label.setText(translate_message(error.message))
            self._update_buttons()
        elif job_id == self.export_job:
            self.export_job = None
            self._update_buttons()
            QMessageBox.warning(self, self.tr("The summary could not be saved"), translate_message(error.message))

    def _ask_password(self, path: Path, message: str) -> None:
        password, ok = QInputDialog.getText(self, self.tr("Password"), message, QLineEdit.EchoMode.Password)
        if ok and password:
            self.open_document(path, password)
        else:
            self.stage_label.setText(message)

    # -- results -------------------------------------------------------------------------------------
    @Slot(QUrl)
    def citation_action(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith(PAGE_LINK):
            self.show_page(int(target[len(PAGE_LINK):]))

    def show_page(self, number: int) -> None:
        self.pdf_view.pageNavigator().jump(number - 1, QPointF(0, 0), self.pdf_view.zoomFactor())

    @Slot()
    def copy_action(self) -> None:
        if self.result is not None:
            QGuiApplication.clipboard().setText(self.result.summary)
            self.stage_label.setText(self.tr("The summary was copied."))

    @Slot()
    def export_action(self) -> None:
        if self.result is None or self.document is None:
            return
        suggested = self.document.path.with_name(self.tr("{name} - summary.docx").format(
            name=self.document.path.stem))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the summary"), str(suggested), self.tr(
            "Word document (*.docx);;PDF (*.pdf);;Markdown (*.md)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> int:
        result, document, info = self.result, self.document, self.worker.model_info
        assert result is not None and document is not None and info is not None
        cache = self.paths.cache

        def job(_report):
            sha = model_sha256(inspect_model_file(info.path).parts, cache)
            return export(summary_document(result, document, info.name, sha, translate_core), path)

        self.export_job = self.jobs.start(job)
        self.stage_label.setText(self.tr("Saving {name}…").format(name=path.name))
        self._update_buttons()
        return self.export_job


def translate_core(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def summary_html(result: SummaryResult, muted: str = "gray") -> str:
    """The summary with each citation a link to its page; `muted` colours the citations (from the
    palette in use, so they stay readable in a dark theme)."""
    parts: list[str] = []
    heading = None
    executive = result.options.style == "executive"
    items: list[str] = []
    for point in result.points:
        links = ", ".join(f'<a href="{PAGE_LINK}{p}">{p}</a>' for p in point.pages)
        label = "p." if len(point.pages) == 1 else "pp."
        cite = f' <span style="color:{muted}">({label} {links})</span>' if point.pages else ""
        text = f"{html.escape(point.text)}{cite}"
        if executive:
            items.append(text)
            continue
        if result.options.style == "detailed" and point.heading and point.heading != heading:
            if items:
                parts.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
                items = []
            heading = point.heading
            parts.append(f"<h3>{html.escape(heading)}</h3>")
        items.append(text)
    if executive:
        parts.append("<p>" + " ".join(items) + "</p>")
    elif items:
        parts.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
    return "".join(parts)


__all__ = ["SummarizePage", "summary_html"]

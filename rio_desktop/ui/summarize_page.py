"""The Summarize page: open a PDF, see it, summarize it with page citations, export the summary."""

from __future__ import annotations

import html
import logging
import math
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QPointF, QTimer, QUrl, Signal, Slot
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
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.documents.citations import PageLabel, page_spans
from rio_desktop.documents.pdf_text import PdfPasswordRequired, PdfText, ReadProgress
from rio_desktop.documents.searchable import save_searchable_copy
from rio_desktop.documents.summarize import Progress, Summarizer, SummaryOptions, SummaryResult
from rio_desktop.engine.backend import CancelToken
from rio_desktop.i18n import UserFacingError
from rio_desktop.paths import AppPaths
from rio_desktop.settings import Settings
from rio_desktop.tasks.read import ReadTask
from rio_desktop.tasks.summarize import SummarizeTask, export_summary
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.citation_links import linked_page, page_link
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.export_job import ExportJob
from rio_desktop.ui.formatting import localized, translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.page_text_view import PageTextView
from rio_desktop.ui.privacy import document_text, redaction_choice
from rio_desktop.ui.questions_panel import QuestionsPanel
from rio_desktop.ui.task_handle import TaskHandle
from rio_desktop.ui.text_stream import append_text
from rio_desktop.ui.thinking import ThinkingIndicator

log = logging.getLogger(__name__)


class SummarizePage(QWidget):
    models_requested = Signal()
    # For the taskbar and notifications (desktop_integration): ("summary", fraction or None) and
    # (title, text) when a summary ended.
    activity_progress = Signal(str, object)
    activity_done = Signal(str, str)
    reply_requested = Signal(object)  # the open document (PdfText), to answer on the Draft page

    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.jobs = jobs
        self.settings = settings
        self.paths = paths
        self.document: PdfText | None = None
        self.result: SummaryResult | None = None
        self.read_job: TaskHandle | None = None
        self.exporter = ExportJob(self, jobs, lambda text: self.stage_label.setText(text))
        self.exporter.changed.connect(self._update_buttons)
        self.pending_path: Path | None = None
        self.password: str | None = None
        self.request: TaskHandle | None = None
        self.progress_floor = 0.0  # the bar never goes back within one summary
        self.streamed = ""
        self.attempt = 1  # of the summary being written (a second attempt voids what was streamed)
        # The stage of the summary being written, shown with the time it has taken, every second: the model
        # reads the document in batches of 512 tokens, and on a CPU a batch takes many seconds without news
        # (the bar and the stage stood still, as if the application had frozen).
        self.stage = ""
        self.clock = QElapsedTimer()
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._show_stage)
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
        # "Show the text read from this page": the page's text (OCR'd or not) in place of its image.
        self.page_text = PageTextView()
        self.viewer = QStackedWidget()
        self.viewer.addWidget(self.pdf_view)
        self.viewer.addWidget(self.page_text)
        self.text_toggle = QPushButton(self.tr("Show the &text read from this page"))
        self.text_toggle.setCheckable(True)
        self.text_toggle.setAccessibleDescription(self.tr(
            "Switch between the page's image and the text read from it (by OCR for scanned pages)"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.viewer, 1)
        self.searchable_button = QPushButton(self.tr("Save a searc&hable copy…"))
        self.searchable_button.setAccessibleDescription(self.tr(
            "Save the PDF with the text read from its scanned pages, so any PDF viewer can search and copy it"))
        self.reply_button = QPushButton(self.tr("Rep&ly to this letter"))
        self.reply_button.setAccessibleDescription(self.tr(
            "Draft the answer to this document: the form filled from it, its requests and deadlines beside it"))
        self.reply_button.clicked.connect(lambda: self.document is not None and self.reply_requested.emit(
            self.document))
        viewer_buttons = QHBoxLayout()
        viewer_buttons.addWidget(self.text_toggle)
        viewer_buttons.addWidget(self.searchable_button)
        viewer_buttons.addWidget(self.reply_button)
        viewer_buttons.addStretch(1)
        left_layout.addLayout(viewer_buttons)
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
        # Questions about the same document sit in a tab beside the summary (their own widget).
        self.questions = QuestionsPanel(worker, jobs, paths, lambda: self.language.currentData(),
                                        settings.reasoning_policy, lambda: settings.get("states_on_disk"))
        self.questions.page_requested.connect(self.show_page)
        self.questions.busy_changed.connect(self._update_buttons)
        self.side_tabs = QTabWidget()
        self.side_tabs.setAccessibleName(self.tr("Summary and questions"))
        self.side_tabs.addTab(right, self.tr("Su&mmary"))
        self.side_tabs.addTab(self.questions, self.tr("&Questions"))
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.side_tabs)
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
        self.text_toggle.toggled.connect(self.text_toggle_action)
        self.searchable_button.clicked.connect(self.searchable_action)
        self.page_text.page_requested.connect(self.show_page)
        self.pdf_view.pageNavigator().currentPageChanged.connect(self.page_changed_event_response)
        worker.loaded.connect(self.model_event_response)
        self._fill_recent()
        self._update_buttons()
        self.progress.hide()

    # -- the menu's commands (main_window.PAGE_COMMANDS) --------------------------------------------
    @property
    def primary_button(self) -> QPushButton:
        """Ctrl+Enter: Ask on the Questions tab, Summarize otherwise."""
        return self.questions.ask_button if self.side_tabs.currentWidget() is self.questions \
            else self.summarize_button

    @property
    def export_target(self) -> QPushButton:
        """Ctrl+E: export the conversation on the Questions tab, the summary otherwise."""
        return self.questions.export_button if self.side_tabs.currentWidget() is self.questions \
            else self.export_button

    # -- state ---------------------------------------------------------------------------------------
    def _busy(self) -> bool:
        return self.read_job is not None or self.request is not None or self.questions.busy

    def _update_buttons(self) -> None:
        busy = self._busy()
        has_model = self.worker.model_info is not None
        self.summarize_button.setEnabled(not busy and self.document is not None and has_model)
        self.cancel_button.setEnabled(busy)
        self.open_button.setEnabled(not busy)
        self.recent.setEnabled(not busy and self.recent.count() > 1)
        self.copy_button.setEnabled(self.result is not None and not busy)
        self.text_toggle.setEnabled(self.page_text.document is not None)
        self.reply_button.setEnabled(self.document is not None and self.read_job is None)
        self.searchable_button.setEnabled(self.page_text.document is not None and bool(
            self.page_text.document.ocr_words) and not busy and self.export_job is None)
        self.export_button.setEnabled(self.result is not None and not busy and self.export_job is None)

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

    def open_document(self, path: Path, password: str | None = None) -> TaskHandle:
        """Read the PDF's text on the jobs pool; the page shows it when done. The document in view stays
        until the new one is read: a file that cannot be read leaves it there, and the message says so."""
        self.pending_path, self.password = path, password
        cancel = CancelToken()
        self.progress.show()
        self.progress.setRange(0, 0)
        self.stage_label.setText(self.tr("Reading {name}…").format(name=path.name))
        task = ReadTask.prepare(path, self.settings, self.paths.cache, password=password)
        self.read_job = self.jobs.run(
            lambda report: task.run(cancel, report),
            on_done=self.read_done_event_response, on_failed=self.read_failed_event_response,
            on_progress=self.read_progress_event_response, cancel=cancel)
        self._update_buttons()
        return self.read_job

    def _show_document(self, document: PdfText) -> None:
        self.document, self.result = document, None
        self.summary_view.clear()
        self.pdf.close()
        if self.password:
            self.pdf.setPassword(self.password)
        self.pdf.load(str(document.path))
        self.page_text.set_document(document)
        self.settings.remember("recent_documents", str(document.path))
        self._fill_recent()
        problem = Summarizer.prepare(document)
        notes = [translate_message(w) for w in document.warnings()]
        if problem is not None:
            notes.insert(0, translate_message(problem))
            self.document = None
        self.questions.set_document(self.document)
        self.notes_label.setText("\n".join(notes))
        text = self.tr("{name}: {pages}, {text_pages} with text.").format(
            name=document.path.name, pages=self.tr("%n page(s)", "", document.page_count),
            text_pages=len(document.text_pages))
        if self.worker.model_info is None:
            text += " " + self.tr("Load a model on the Models page to summarize.")
        self.stage_label.setText(text)
        self.progress.hide()

    # -- summarizing ---------------------------------------------------------------------------------
    @Slot()
    def summarize_action(self) -> None:
        if self.document is None or self._busy() or self.worker.model_info is None:
            return
        options = SummaryOptions(style=self.style.currentData(), language=self.language.currentData(),
                                 reasoning=self.settings.reasoning_policy(),
                                 states_on_disk=self.settings.get("states_on_disk"))
        redact = redaction_choice(self, self.worker, document_text(self.document))
        if redact is None:
            return
        try:
            task = SummarizeTask.prepare(self.document, options, redact)
        except UserFacingError as error:
            self.stage_label.setText(translate_message(error.message))
            return
        self.settings.update(summary_style=options.style, summary_language=options.language)
        self.result = None
        self.streamed = ""
        self.summary_view.clear()
        self.thinking.reset()
        self.progress.show()
        self.progress.setRange(0, 0)
        self.stage = self.tr("Preparing…")
        self.clock.start()
        self.ticker.start()
        self._show_stage()
        self.progress_floor = 0.0
        self.attempt = 1

        self.request = self.worker.run(
            task.run, "summary", on_done=self.finished_event_response, on_failed=self.failed_event_response,
            on_cancelled=self.cancelled_event_response, on_text=self.text_event_response,
            on_status=self.status_event_response)
        self._update_buttons()

    @Slot()
    def cancel_action(self) -> None:
        if self.read_job is not None:
            self.read_job.cancel()
            self.read_job = None
            self.progress.hide()
            self.stage_label.setText(self.tr("Stopped reading {name}.").format(
                name=self.pending_path.name if self.pending_path else ""))
            self._update_buttons()
        if self.request is not None:
            self.request.cancel()
            self.stage = self.tr("Stopping…")
            self._show_stage()
        self.questions.cancel_action()

    def _reading_text(self, state: ReadProgress) -> str:
        """ "Reading page 3 of 12 (OCR) — about 0 min 9 s left"."""
        if state.ocr:
            text = self.tr("Reading page {k} of {n} (OCR)").format(k=state.done + 1, n=state.total)
        else:
            text = self.tr("Reading page {k} of {n}").format(k=min(state.done + 1, state.total), n=state.total)
        if state.eta_s:
            minutes, seconds = divmod(math.ceil(state.eta_s), 60)  # never "0 min 0 s" while work is left
            text += self.tr(" — about {minutes} min {seconds} s left").format(minutes=minutes, seconds=seconds)
        return text

    def _stage_text(self, progress: Progress) -> str:
        if progress.stage == "summarizing":
            text = self.tr("Summarizing part {k} of {n}").format(k=min(progress.done + 1, progress.total),
                                                                  n=progress.total)
        elif progress.stage == "merging":
            text = self.tr("Merging notes ({k} of {n})").format(k=progress.done + 1, n=progress.total)
        elif progress.attempt > 1:
            text = self.tr("Writing the summary again (the first held nothing that could be checked)")
        else:
            text = self.tr("Writing the summary")
        if progress.eta_s:
            minutes, seconds = divmod(math.ceil(progress.eta_s), 60)  # never "0 min 0 s" while work is left
            text += self.tr(" — about {minutes} min {seconds} s left").format(minutes=minutes, seconds=seconds)
        return text

    def status_event_response(self, progress: Progress) -> None:
        if self.thinking.offer(progress):  # the model's reasoning: shown by the thinking indicator
            return
        if progress.attempt > self.attempt:  # written again: what was streamed of the first attempt is void
            self.attempt = progress.attempt
            self.streamed = ""
            self.summary_view.clear()
        # One bar over the whole summary, weighted by tokens (Progress.fraction), that never goes back.
        self.progress_floor = max(self.progress_floor, progress.fraction)
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * self.progress_floor))
        self.stage = self._stage_text(progress)
        self._show_stage()
        self.activity_progress.emit("summary", self.progress_floor)

    @Slot()
    def _show_stage(self) -> None:
        """The summary's stage and the time it has taken so far ("0:42"), while it is written."""
        if not self.ticker.isActive():  # the summary has ended: its own message stays
            return
        seconds = self.clock.elapsed() // 1000
        self.stage_label.setText(self.tr("{stage} ({elapsed} so far)").format(
            stage=self.stage, elapsed=f"{seconds // 60}:{seconds % 60:02d}"))

    def text_event_response(self, text: str) -> None:
        # Appended at the end, not the whole text set again: the work per batch stays the same however
        # long the summary grows (setPlainText made it quadratic).
        self.streamed += text
        append_text(self.summary_view, text)

    def _show_result(self, result: SummaryResult) -> None:
        self.result = result
        self.thinking.finish()
        muted = self.summary_view.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.summary_view.setHtml(summary_html(result, muted, self.tr(
            "check it: the page was read from a poor scan"), self._label(), self.tr("page {n} of the file")))
        stats = result.stats
        self.stage_label.setText(localized(self.tr(
            "{pages}, {tokens} tokens in the document, {seconds:.0f} s, {speed:.0f} tokens/s; the model "
            "evaluated {ratio:.2f}× the document."),
            pages=self.tr("%n page(s)", "", stats.pages), tokens=stats.document_tokens, seconds=stats.seconds,
            speed=stats.tokens_per_second, ratio=stats.evaluated_ratio))
        self.notes_label.setText("\n".join(translate_message(w) for w in result.warnings))
        self.progress.hide()

    def finished_event_response(self, result: SummaryResult) -> None:
        self.request = None
        self.ticker.stop()
        self._show_result(result)
        self._update_buttons()
        self.activity_progress.emit("summary", None)
        name = self.document.path.name if self.document is not None else ""
        self.activity_done.emit(self.tr("Summary ready"), self.tr("The summary of {name} is ready.").format(
            name=name))

    def failed_event_response(self, error: UserFacingError) -> None:
        self.request = None
        self.ticker.stop()
        self.streamed = ""
        self.summary_view.clear()  # nothing streamed of a failed summary stays, as if it were one
        self.progress.hide()
        self.thinking.finish()
        self.stage_label.setText(translate_message(error.message))
        self._update_buttons()
        self.activity_progress.emit("summary", None)
        self.activity_done.emit(self.tr("The summary failed"), translate_message(error.message))

    def cancelled_event_response(self, _partial: object) -> None:
        self.request = None
        self.ticker.stop()
        self.progress.hide()
        self.thinking.finish()
        self.stage_label.setText(self.tr("Stopped."))
        self._update_buttons()
        self.activity_progress.emit("summary", None)

    @Slot(object)
    def model_event_response(self, _info: object) -> None:
        self._update_buttons()

    # -- reading -------------------------------------------------------------------------------------
    def read_progress_event_response(self, state: ReadProgress) -> None:
        self.progress.setRange(0, max(state.total, 1))
        self.progress.setValue(state.done)
        self.stage_label.setText(self._reading_text(state))

    def read_done_event_response(self, document: PdfText) -> None:
        self.read_job = None
        self._show_document(document)
        self._update_buttons()

    def read_failed_event_response(self, error: UserFacingError) -> None:
        self.read_job = None
        self.progress.hide()
        path = self.pending_path
        if isinstance(error, PdfPasswordRequired) and path is not None:
            self._update_buttons()
            self._ask_password(path, translate_message(error.message))
            return
        message = translate_message(error.message)
        if self.document is not None:
            message += " " + self.tr("Still showing {name}.").format(name=self.document.path.name)
        self.stage_label.setText(message)
        self._update_buttons()

    def _ask_password(self, path: Path, message: str) -> None:
        password, ok = QInputDialog.getText(self, self.tr("Password"), message, QLineEdit.EchoMode.Password)
        if ok and password:
            self.open_document(path, password)
        else:
            self.stage_label.setText(message)

    # -- results -------------------------------------------------------------------------------------
    @Slot(QUrl)
    def citation_action(self, url: QUrl) -> None:
        number = linked_page(url.toString())
        if number is not None:
            self.show_page(number)

    def _label(self) -> PageLabel | None:
        """How citations name pages: the printed numbers, where the PDF has its own."""
        return self.document.label if self.document is not None and self.document.labels else None

    @Slot(int)
    def show_page(self, number: int) -> None:
        self.pdf_view.pageNavigator().jump(number - 1, QPointF(0, 0), self.pdf_view.zoomFactor())
        self.page_text.show_page(number)

    @Slot(int)
    def page_changed_event_response(self, index: int) -> None:
        self.page_text.show_page(index + 1)

    @Slot(bool)
    def text_toggle_action(self, checked: bool) -> None:
        self.viewer.setCurrentIndex(1 if checked else 0)
        self.page_text.show_page(self.pdf_view.pageNavigator().currentPage() + 1)

    @Slot()
    def copy_action(self) -> None:
        if self.result is not None:
            QGuiApplication.clipboard().setText(self.result.render(self._label()))
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

    @Slot()
    def searchable_action(self) -> None:
        document = self.page_text.document
        if document is None or not document.ocr_words:
            return
        suggested = document.path.with_name(self.tr("{name} - searchable.pdf").format(name=document.path.stem))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a searchable copy"), str(suggested),
                                              self.tr("PDF documents (*.pdf)"))
        if path:
            self.save_searchable_copy(Path(path))

    def save_searchable_copy(self, path: Path) -> TaskHandle:
        document, password = self.page_text.document, self.password
        assert document is not None
        return self.exporter.start(path, lambda: save_searchable_copy(document, path, password),
                                   self.tr("The file could not be saved"))

    def export_to(self, path: Path) -> TaskHandle:
        result, document, info, cache = self.result, self.document, self.worker.model_info, self.paths.cache
        assert result is not None and document is not None and info is not None
        return self.exporter.start(path, lambda: export_summary(result, document, info, path, cache, translate_core),
                                   self.tr("The file could not be saved"))

    @property
    def export_job(self) -> TaskHandle | None:
        return self.exporter.job


def translate_core(context: str, text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def summary_html(result: SummaryResult, muted: str = "gray", check_label: str = "",
                 label: PageLabel | None = None, position: str = "{n}") -> str:
    """The summary with each citation a link to its page; `muted` colours the citations (from the
    palette in use, so they stay readable in a dark theme). A point citing a page read from a poor scan
    ends with a warning sign and `check_label`. With `label`, links show the printed page numbers and
    their position in the file on hover (`position`, e.g. "page {n} of the file")."""
    parts: list[str] = []
    heading = None
    executive = result.options.style == "executive"
    items: list[str] = []
    for point in result.points:
        # The same spans as the exports ("(pp. 6, 7)", "(pp. 12–14)"), each page a link.
        links = ", ".join(page_link(a, label, position) if a == b else
                          f"{page_link(a, label, position)}–{page_link(b, label, position)}"
                          for a, b in page_spans(point.pages))
        abbreviation = "p." if len(point.pages) == 1 else "pp."
        cite = f' <span style="color:{muted}">({abbreviation} {links})</span>' if point.pages else ""
        text = f"{html.escape(point.text)}{cite}"
        if check_label and result.needs_check(point):
            text += f' <b>⚠</b> <i style="color:{muted}">{html.escape(check_label)}</i>'
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

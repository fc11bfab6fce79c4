"""The Process page: a folder, a ZIP or several files read as one administrative process — its documents
listed (title, kind, date, pages, text or OCR; attachments under their e-mail), each readable page by page,
and a summary of the whole with its chronology and pending deadlines, every line citing document and page
(a citation opens that document at that page)."""

from __future__ import annotations

import html
import logging
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.documents.chronology import ChronologyEntry, Citation, Pending
from rio_desktop.documents.process import CombinedProcess, Process, ProcessDocument, ProcessProgress
from rio_desktop.documents.process_chronology import process_chronology
from rio_desktop.documents.summarize import Progress, SummaryOptions, SummaryResult
from rio_desktop.engine.backend import CancelToken
from rio_desktop.i18n import UserFacingError
from rio_desktop.paths import AppPaths
from rio_desktop.settings import Settings
from rio_desktop.tasks.read import ReadProcessTask
from rio_desktop.tasks.summarize import SummarizeTask
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.formatting import long_date, translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.labels import message_label
from rio_desktop.ui.questions_panel import QuestionsPanel
from rio_desktop.ui.task_handle import TaskHandle

log = logging.getLogger(__name__)
LINK = "doc:"  # doc:<index of the document>:<page>


class ProcessPage(QWidget):
    reply_requested = Signal(object)  # the chosen document (ProcessDocument), to answer on the Draft page

    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.jobs, self.settings, self.paths = worker, jobs, settings, paths
        self.process: Process | None = None
        self.combined: CombinedProcess | None = None
        self.result: SummaryResult | None = None
        self.chronology: list[ChronologyEntry] = []
        self.pending: list[Pending] = []
        self.read_job: TaskHandle | None = None
        self.request: TaskHandle | None = None
        self.shown: tuple[int, int | None] | None = None  # the document (and page) in the Document tab
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Process"))

        self.open_folder_button = QPushButton(self.tr("Open a &folder…"))
        self.open_files_button = QPushButton(self.tr("Open a ZIP or &files…"))
        self.add_button = QPushButton(self.tr("&Add a file…"))
        self.summarize_button = QPushButton(self.tr("&Summarize the process"))
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_job: TaskHandle | None = None
        self.reply_button = QPushButton(self.tr("Rep&ly to this document"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Documents of the process"))
        self.tree.setHeaderLabels([self.tr("Document"), self.tr("Kind"), self.tr("Date"), self.tr("Pages"),
                                   self.tr("Read from")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes what is left
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMinimumWidth(380)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.stage_label = message_label()
        self.warnings_view = QTextBrowser()  # files not read, each with what to do; scrolls when many
        self.warnings_view.setAccessibleName(self.tr("Files that were not read"))
        self.warnings_view.setMaximumHeight(130)
        self.warnings_view.hide()
        self.summary_view = QTextBrowser()
        self.summary_view.setAccessibleName(self.tr("Summary of the process"))
        self.summary_view.setOpenLinks(False)
        self.summary_view.anchorClicked.connect(self.citation_action)
        self.document_view = QTextBrowser()
        self.document_view.setAccessibleName(self.tr("The document's text"))
        # Questions across every document of the process: the pages combined, citations naming document and page.
        self.questions = QuestionsPanel(worker, jobs, paths, lambda: settings.get("summary_language"),
                                        settings.reasoning_policy, lambda: settings.get("states_on_disk"))
        self.questions.page_requested.connect(self.combined_page_requested)
        self.questions.busy_changed.connect(self._update_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.summary_view, self.tr("Summary and chronology"))
        self.tabs.addTab(self.questions, self.tr("&Questions"))
        self.tabs.addTab(self.document_view, self.tr("Document"))
        self._lay_out()

        self.open_folder_button.clicked.connect(self.open_folder_action)
        self.open_files_button.clicked.connect(self.open_files_action)
        self.add_button.clicked.connect(self.add_file_action)
        self.summarize_button.clicked.connect(self.summarize_action)
        self.cancel_button.clicked.connect(self.cancel_action)
        self.export_button.clicked.connect(self.export_action)
        self.reply_button.clicked.connect(self.reply_action)
        self.tree.currentItemChanged.connect(self.document_chosen)
        worker.loaded.connect(lambda _info: self._update_buttons())
        self._update_buttons()
        self.stage_label.setText(self.tr("Open a folder, a ZIP or several files of a process: PDF, Word, "
                                         "OpenDocument, RTF, text, HTML, e-mail and images."))

    def _lay_out(self) -> None:
        describe((
            (self.open_folder_button, self.tr("Read every document of a folder, its subfolders included")),
            (self.open_files_button, self.tr("Read a ZIP, or several documents chosen together")),
            (self.add_button, self.tr("Add a document to the open process")),
            (self.summarize_button, self.tr("Summarize the whole process, with its chronology and deadlines")),
            (self.cancel_button, self.tr("Stop reading or summarizing; what is done is kept")),
            (self.reply_button, self.tr("Draft the answer to the chosen document: the form filled from it, its "
                                        "requests and deadlines beside it")),
            (self.export_button, self.tr("Save the summary, the chronology and the list of documents as Word, "
                                         "PDF or Markdown")),
        ))
        buttons = QHBoxLayout()
        for button in (self.open_folder_button, self.open_files_button, self.add_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.summarize_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.reply_button)
        reply_row.addStretch(1)
        left_layout.addLayout(reply_row)
        left_layout.addWidget(self.warnings_view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([560, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.stage_label)
        layout.addWidget(splitter, 1)

    # -- state ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.read_job is not None or self.request is not None

    def _update_buttons(self) -> None:
        has_text = self.combined is not None and bool(self.combined.document.text_pages)
        self.summarize_button.setEnabled(has_text and not self.busy and self.worker.model_info is not None)
        self.cancel_button.setEnabled(self.busy)
        for button in (self.open_folder_button, self.open_files_button):
            button.setEnabled(not self.busy)
        self.add_button.setEnabled(self.process is not None and not self.busy)
        self.export_button.setEnabled(self.result is not None and not self.busy and self.export_job is None)
        self.reply_button.setEnabled(self.chosen_document() is not None and self.read_job is None)

    # -- reading -------------------------------------------------------------------------------------
    @Slot()
    def open_folder_action(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open the folder of a process"), str(Path.home()))
        if folder:
            self.open_paths([Path(folder)])

    @Slot()
    def open_files_action(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Open a ZIP or the documents of a process"),
                                                str(Path.home()), self._filter())
        if files:
            self.open_paths([Path(f) for f in files])

    @Slot()
    def add_file_action(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add documents to the process"), str(Path.home()),
                                                self._filter())
        if files:
            self.open_paths([Path(f) for f in files], add=True)

    def _filter(self) -> str:
        return self.tr("Documents (*.pdf *.docx *.odt *.rtf *.txt *.md *.html *.htm *.eml *.jpg *.jpeg *.png "
                       "*.tif *.tiff *.zip);;All files (*)")

    def open_paths(self, paths: list[Path], add: bool = False) -> TaskHandle:
        """Read `paths` (a folder, a ZIP, files) as the process, or `add` their documents to the open one."""
        task = ReadProcessTask.prepare(paths, self.settings, self.paths.cache)
        cancel = CancelToken()
        self.progress.setValue(0)
        self.progress.show()
        self.stage_label.setText(self.tr("Reading {name}…").format(name=", ".join(p.name for p in paths)))
        self.read_job = self.jobs.run(lambda report: task.run(cancel, report),
                                      on_done=lambda process: self.read_done(process, add),
                                      on_failed=self.read_failed, on_cancelled=self.read_cancelled,
                                      on_progress=self.read_progress, cancel=cancel)
        self._update_buttons()
        return self.read_job

    def read_progress(self, state: ProcessProgress) -> None:
        if state.total:
            self.progress.setValue(int(1000 * state.done / state.total))
        if state.file:
            self.stage_label.setText(self.tr("Reading {file} ({k} of {n})…").format(
                file=state.file, k=state.done + 1, n=state.total))

    def read_done(self, process: Process, add: bool) -> None:
        self.read_job = None
        self.progress.hide()
        if add and self.process is not None:
            self.process.documents += process.documents
            self.process.warnings += process.warnings
            process = self.process
        self.set_process(process)

    def read_failed(self, error: UserFacingError) -> None:
        self.read_job = None
        self.progress.hide()
        self.stage_label.setText(translate_message(error.message))
        self._update_buttons()

    def read_cancelled(self, _partial: object) -> None:
        self.read_job = None
        self.progress.hide()
        self.stage_label.setText(self.tr("Stopped."))
        self._update_buttons()

    def set_process(self, process: Process) -> None:
        self.process, self.combined, self.result = process, process.combined(), None
        self.chronology, self.pending = [], []
        self.summary_view.clear()
        self.document_view.clear()
        self.tree.clear()
        items: dict[str, QTreeWidgetItem] = {}
        for index, document in enumerate(process.documents):
            sources = {p.source for p in document.pages if p.status == "ok"}
            origin = self.tr("OCR") if sources == {"ocr"} else self.tr("text and OCR") if "ocr" in sources \
                else self.tr("text")
            item = QTreeWidgetItem([document.title, document.kind, long_date(document.date),
                                    QLocale().toString(document.text.page_count), origin])
            item.setToolTip(0, document.file)
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            parent = items.get(document.parent) if document.parent else None
            (parent.addChild(item) if parent is not None else self.tree.addTopLevelItem(item))
            items[document.file] = item
        self.tree.expandAll()
        self.stage_label.setText(self.tr("{documents}, {pages}.").format(
            documents=self.tr("%n document(s)", "", len(process.documents)),
            pages=self.tr("%n page(s)", "", process.page_count)))
        self.warnings_view.setPlainText("\n".join(translate_message(w) for w in process.warnings))
        self.warnings_view.setVisible(bool(process.warnings))
        combined = self.combined
        self.questions.set_document(combined.document if combined.document.pages else None, combined)
        self._update_buttons()

    # -- showing a document --------------------------------------------------------------------------
    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def document_chosen(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None = None) -> None:
        if item is not None:
            self.show_document(int(item.data(0, Qt.ItemDataRole.UserRole)))
        self._update_buttons()

    def chosen_document(self) -> ProcessDocument | None:
        item = self.tree.currentItem()
        if item is None or self.process is None:
            return None
        return self.process.documents[int(item.data(0, Qt.ItemDataRole.UserRole))]

    @Slot()
    def reply_action(self) -> None:
        document = self.chosen_document()
        if document is not None:
            self.reply_requested.emit(document)

    def show_document(self, index: int, page: int | None = None) -> None:
        assert self.process is not None
        document = self.process.documents[index]
        muted = self.document_view.palette().color(QPalette.ColorRole.PlaceholderText).name()
        parts = [f"<h3>{html.escape(document.title)}</h3><p style='color:{muted}'>{html.escape(document.file)}</p>"]
        no_text = self.tr("(no text)")
        for p in document.pages:
            heading = self.tr("Page {n}").format(n=p.number)
            body = html.escape(p.text).replace("\n", "<br>") if p.text else f"<i>{no_text}</i>"
            parts.append(f"<a name='p{p.number}'></a><h4>{heading}</h4><p>{body}</p>")
        self.document_view.setHtml("".join(parts))
        self.tabs.setCurrentWidget(self.document_view)
        if page is not None:
            self.document_view.scrollToAnchor(f"p{page}")
        self.shown = (index, page)

    @Slot(int)
    def combined_page_requested(self, number: int) -> None:
        """An answer's citation (a page of the combined process): its document, at its page."""
        if self.combined is None or self.process is None or not 1 <= number <= len(self.combined.places):
            return
        file, page = self.combined.place(number)
        index = next((i for i, d in enumerate(self.process.documents) if d.file == file), None)
        if index is not None:
            self.show_document(index, page)

    @Slot(QUrl)
    def citation_action(self, url: QUrl) -> None:
        text = url.toString()
        if not text.startswith(LINK) or self.process is None:
            return
        file, _, page = text.removeprefix(LINK).rpartition(":")
        index = next((i for i, d in enumerate(self.process.documents) if d.file == file), None)
        if index is not None:
            self.show_document(index, int(page))

    # -- summarizing ---------------------------------------------------------------------------------
    @Slot()
    def summarize_action(self) -> None:
        if self.combined is None or not self.summarize_button.isEnabled():
            return
        try:
            task = SummarizeTask.prepare(self.combined.document, SummaryOptions(
                style="bullets", language=self.settings.get("summary_language"),
                reasoning=self.settings.reasoning_policy(), states_on_disk=self.settings.get("states_on_disk")))
        except UserFacingError as error:
            self.stage_label.setText(translate_message(error.message))
            return
        self.result = None
        self.summary_view.clear()
        self.tabs.setCurrentWidget(self.summary_view)
        self.progress.setValue(0)
        self.progress.show()
        self.stage_label.setText(self.tr("Summarizing the process…"))
        self.request = self.worker.run(task.run, "summary", on_done=self.summary_done,
                                       on_failed=self.summary_failed, on_cancelled=self.summary_cancelled,
                                       on_status=self.summary_progress)
        self._update_buttons()

    def summary_progress(self, progress: object) -> None:
        if isinstance(progress, Progress):
            self.progress.setValue(int(1000 * progress.fraction))

    def summary_done(self, result: SummaryResult) -> None:
        assert self.process is not None and self.combined is not None
        self.request = None
        self.progress.hide()
        self.result = result
        self.chronology, self.pending = process_chronology(self.process, self.combined, result.points)
        self.summary_view.setHtml(self.summary_html())
        self.stage_label.setText(self.tr("Summary of {documents}.").format(
            documents=self.tr("%n document(s)", "", len(self.process.documents))))
        self._update_buttons()

    def summary_failed(self, error: UserFacingError) -> None:
        self.request = None
        self.progress.hide()
        self.summary_view.clear()
        self.stage_label.setText(translate_message(error.message))
        self._update_buttons()

    def summary_cancelled(self, _partial: object) -> None:
        self.request = None
        self.progress.hide()
        self.stage_label.setText(self.tr("Stopped."))
        self._update_buttons()

    @Slot()
    def cancel_action(self) -> None:
        for handle in (self.read_job, self.request):
            if handle is not None:
                handle.cancel()
        self.stage_label.setText(self.tr("Stopping…"))

    @Slot()
    def export_action(self) -> None:
        if self.result is None or self.process is None:
            return
        suggested = Path.home() / f"{self.process.source.name}-resumo.docx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the summary of the process"), str(suggested),
                                              self.tr("Word document (*.docx);;PDF (*.pdf);;Markdown (*.md)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> TaskHandle:
        """Write the summary, its chronology and the documents' list (on the job pool)."""
        from PySide6.QtCore import QCoreApplication

        from rio_desktop.documents.export import export, loaded_model_sha256
        from rio_desktop.documents.process_export import process_document

        assert self.result is not None and self.combined is not None
        result, combined, chronology, pending = self.result, self.combined, self.chronology, self.pending
        info, cache = self.worker.model_info, self.paths.cache

        def write(_report: object) -> Path:
            document = process_document(result, combined, chronology, pending, info.name if info else "",
                                        loaded_model_sha256(info, cache), QCoreApplication.translate)
            return export(document, path)

        self.export_job = self.jobs.run(write, on_done=self.exported, on_failed=self.export_failed)
        self._update_buttons()
        return self.export_job

    def exported(self, path: Path) -> None:
        self.export_job = None
        self.stage_label.setText(self.tr("Saved: {name}").format(name=path.name))
        self._update_buttons()

    def export_failed(self, error: UserFacingError) -> None:
        self.export_job = None
        self.stage_label.setText(translate_message(error.message))
        self._update_buttons()

    def _links(self, citations: list[Citation]) -> str:
        muted = self.summary_view.palette().color(QPalette.ColorRole.PlaceholderText).name()
        page = self.tr("p. {n}")
        links = "; ".join(f'<a href="{LINK}{html.escape(c.file)}:{c.page}">{html.escape(c.file)}, '
                          f'{page.format(n=c.page)}</a>' for c in citations)
        return f' <span style="color:{muted}">({links})</span>' if citations else ""

    def summary_html(self) -> str:
        assert self.result is not None and self.combined is not None
        combined = self.combined

        def cited(pages: list[int]) -> list[Citation]:
            return [Citation(file, page) for file, page in (combined.place(n) for n in sorted(set(pages)))]

        summary, chronology = self.tr("Summary"), self.tr("Chronology")
        pending, no_date = self.tr("Pending, with their deadlines"), self.tr("no date")
        parts = [f"<h3>{summary}</h3><ul>"]
        parts += [f"<li>{html.escape(p.text)}{self._links(cited(p.pages))}</li>" for p in self.result.points]
        parts.append("</ul>")
        if self.chronology:
            parts.append(f"<h3>{chronology}</h3><table cellpadding='4'>")
            parts += [f"<tr><td valign='top'><b>{html.escape(long_date(e.date))}</b></td>"
                      f"<td>{html.escape(e.text)}{self._links(e.citations)}</td></tr>" for e in self.chronology]
            parts.append("</table>")
        if self.pending:
            parts.append(f"<h3>{pending}</h3><ul>")
            parts += [f"<li><b>{html.escape(long_date(p.deadline) or no_date)}</b>: "
                      f"{html.escape(p.text)}{self._links(p.citations)}</li>" for p in self.pending]
            parts.append("</ul>")
        if self.result.warnings:
            parts.append("<p>" + "<br>".join(html.escape(translate_message(w)) for w in self.result.warnings)
                         + "</p>")
        return "".join(parts)

    # -- drag and drop -------------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls() and not self.busy:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.open_paths(paths, add=self.process is not None and event.keyboardModifiers() ==
                            Qt.KeyboardModifier.ControlModifier)
            event.acceptProposedAction()


"""The Questions panel beside the summary: ask about the open document, answers cite their pages.

The conversation itself lives in the core (documents.ask.Conversation); this widget only shows it. The
search index is opened on the jobs pool when a document is shown (jobs.run); questions run on the
inference worker (worker.run), one at a time, their text streaming in; each citation is a link that
shows its page.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.documents.ask import Answer, AskOptions, Conversation
from rio_desktop.documents.citations import PageLabel
from rio_desktop.documents.pdf_text import PdfText
from rio_desktop.documents.process import CombinedProcess
from rio_desktop.documents.search_index import PageSearch
from rio_desktop.engine.reasoning import ReasoningPolicy
from rio_desktop.i18n import UserFacingError
from rio_desktop.paths import AppPaths
from rio_desktop.tasks.ask import AskSession, export_conversation
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.citation_links import linked_page, page_link
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.export_job import ExportJob
from rio_desktop.ui.formatting import translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.privacy import document_text, redaction_choice
from rio_desktop.ui.task_handle import TaskHandle
from rio_desktop.ui.text_stream import append_text
from rio_desktop.ui.thinking import ThinkingIndicator

log = logging.getLogger(__name__)


class QuestionsPanel(QWidget):
    page_requested = Signal(int)  # a physical page (1-based) to show in the viewer
    busy_changed = Signal()

    def __init__(self, worker: EngineWorker, jobs: Jobs, paths: AppPaths, language: Callable[[], str],
                 reasoning: Callable[[], ReasoningPolicy] = ReasoningPolicy,
                 states_on_disk: Callable[[], str] = lambda: "all", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.states_on_disk = states_on_disk  # Settings: whether the read document is kept on disk (LGPD)
        self.worker = worker
        self.jobs = jobs
        self.paths = paths
        self.language = language
        self.reasoning = reasoning  # the user's reasoning policy, read at each question
        self.document: PdfText | None = None
        self.process: CombinedProcess | None = None  # the process whose pages `document` combines, if one
        # The conversation and its search index, made, used and closed on the inference worker.
        self.session: AskSession | None = None
        self.search: PageSearch | None = None  # the session's index once it is open (None while it opens)
        self.answers: list[Answer] = []
        self.index_request: TaskHandle | None = None
        self.exporter = ExportJob(self, jobs, lambda text: self.status.setText(text))
        self.exporter.changed.connect(self._update_buttons)
        self.request: TaskHandle | None = None
        self.asking = ""
        self.streamed = ""
        self.setAccessibleName(self.tr("Questions about the document"))

        self.view = QTextBrowser()
        self.view.setAccessibleName(self.tr("The conversation"))
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self.citation_action)
        self.question = QLineEdit()
        self.question.setAccessibleName(self.tr("Question"))
        self.question.setPlaceholderText(self.tr("Ask about the document, e.g. what is the deadline for an appeal?"))
        self.ask_button = QPushButton(self.tr("As&k"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.hide()
        self.copy_button = QPushButton(self.tr("Copy"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.thinking = ThinkingIndicator()  # a reasoning model's thinking, apart from the answer
        self._lay_out()

        self.question.returnPressed.connect(self.ask_action)
        self.question.textChanged.connect(self._update_buttons)
        self.ask_button.clicked.connect(self.ask_action)
        self.stop_button.clicked.connect(self.cancel_action)
        self.copy_button.clicked.connect(self.copy_action)
        self.export_button.clicked.connect(self.export_action)
        worker.loaded.connect(self.model_event_response)
        self._update_buttons()

    def _lay_out(self) -> None:
        describe((
            (self.view, self.tr("Questions and answers; each page number is a link to that page of the document")),
            (self.question, self.tr("Type a question about the open document and press Enter")),
            (self.ask_button, self.tr("Ask the question; the answer cites the pages it comes from")),
            (self.stop_button, self.tr("Stop this answer; what the model has written is kept")),
            (self.copy_button, self.tr("Copy the questions and answers as text")),
            (self.export_button, self.tr("Save the questions and answers as Word, PDF or Markdown")),
        ))
        ask_row = QHBoxLayout()
        ask_row.addWidget(self.question, 1)
        ask_row.addWidget(self.ask_button)
        ask_row.addWidget(self.stop_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(ask_row)
        layout.addWidget(self.thinking)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

    # -- state ---------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.request is not None

    def _update_buttons(self) -> None:
        ready = self.search is not None and self.worker.model_info is not None and not self.busy
        self.ask_button.setEnabled(ready and bool(self.question.text().strip()))
        self.stop_button.setVisible(self.busy)
        self.ask_button.setVisible(not self.busy)
        self.question.setEnabled(self.document is not None)
        self.copy_button.setEnabled(bool(self.answers) and not self.busy)
        self.export_button.setEnabled(bool(self.answers) and not self.busy and self.export_job is None)
        if self.document is not None and self.worker.model_info is None and not self.busy:
            self.status.setText(self.tr("Load a model on the Models page to ask questions."))

    def set_document(self, document: PdfText | None, process: CombinedProcess | None = None) -> None:
        """A new document (or none): the conversation starts over; its search index is opened. For a
        `process`, `document` is its pages combined, and citations name each document and its page."""
        if self.request is not None:
            self.request.cancel()
            self.request = None
        if self.index_request is not None:
            self.index_request.cancel()
            self.index_request = None
        if self.session is not None:
            # A cancelled question may still be reading the index until the cancel takes effect: the worker
            # runs requests in order, so it closes the index after that last use, on the thread that used it.
            self.worker.run(lambda _ctx, session=self.session: session.close(), "close-search")
        self.document, self.process, self.session, self.search = document, process, None, None
        self.question.setPlaceholderText(
            self.tr("Ask about the process, e.g. what was asked, and by when?") if process is not None else
            self.tr("Ask about the document, e.g. what is the deadline for an appeal?"))
        self.answers = []
        self.view.clear()
        self.status.clear()
        if document is not None and document.text_pages:
            self.session = session = AskSession.prepare(document, self.paths.cache)
            self.status.setText(self.tr("Preparing the search…"))
            self.index_request = self.worker.run(lambda _ctx: session.open_search(), "open-search",
                                                 on_done=self.index_done_event_response,
                                                 on_failed=self.index_failed_event_response)
        self._update_buttons()
        self.busy_changed.emit()

    @property
    def conversation(self) -> Conversation | None:
        """The conversation the last question went on (for tests and diagnostics)."""
        return self.session.current if self.session is not None else None

    # -- asking --------------------------------------------------------------------------------------
    @Slot()
    def ask_action(self) -> None:
        question = self.question.text().strip()
        if not question or not self.ask_button.isEnabled() or self.session is None:
            return
        redact = redaction_choice(self, self.worker, document_text(self.session.document))
        if redact is None:
            return
        session = self.session
        options = AskOptions(language=self.language(), reasoning=self.reasoning(),  # type: ignore[arg-type]
                             states_on_disk=self.states_on_disk())  # type: ignore[arg-type]
        self.asking, self.streamed = question, ""
        self.question.clear()
        self.status.setText(self.tr("Answering…"))
        self.thinking.reset()
        self.request = self.worker.run(lambda ctx: session.ask(ctx, question, options, redact), kind="question",
                                       on_done=self.answer_event_response, on_failed=self.failed_event_response,
                                       on_cancelled=self.cancelled_event_response, on_text=self.text_event_response,
                                       on_status=self.thinking.offer, on_progress=self.reading_event_response)
        self._render()
        self._update_buttons()
        self.busy_changed.emit()

    @Slot()
    def cancel_action(self) -> None:
        if self.request is not None:
            self.request.cancel()
            self.status.setText(self.tr("Stopping…"))

    def _finish(self) -> None:
        self.request = None
        self.thinking.finish()
        self.asking, self.streamed = "", ""
        self._render()
        self._update_buttons()
        self.busy_changed.emit()

    def reading_event_response(self, fraction: float) -> None:
        """The pages given to the model are read before its first word: on a CPU, most of the wait."""
        if self.request is not None and not self.streamed:
            self.status.setText(self.tr("Reading the pages for the answer… {percent}").format(
                percent=QLocale().toString(int(100 * fraction)) + " %"))

    def text_event_response(self, text: str) -> None:
        # The answer being written is appended where the "…" placeholder stands; the conversation above it
        # is not rendered again for every batch (that grew with the conversation and the answer).
        first = not self.streamed
        self.streamed += text
        append_text(self.view, text, replace_last=first)

    def answer_event_response(self, answer: Answer) -> None:
        self.answers.append(answer)
        stats = answer.stats
        if answer.partial:  # stopped while the model wrote: what it had written is kept, marked partial
            self.status.setText(self.tr("Stopped. What the model had written is kept."))
        elif answer.covered:
            locale = QLocale()
            self.status.setText(self.tr("Answered in {seconds} s; pages the model read: {pages}.").format(
                seconds=locale.toString(stats.seconds, "f", 1), pages=locale.toString(stats.pages_given)))
        else:
            self.status.clear()
        self._finish()

    def failed_event_response(self, error: UserFacingError) -> None:
        self.status.setText(translate_message(error.message))
        self._finish()

    def cancelled_event_response(self, _partial: object) -> None:
        self.status.setText(self.tr("Stopped."))
        self._finish()

    @Slot(object)
    def model_event_response(self, _info: object) -> None:
        self._update_buttons()  # another model: the session goes on with it (a new Conversation, same answers)

    # -- showing -------------------------------------------------------------------------------------
    def _label(self) -> PageLabel | None:
        """How citations name pages: the printed numbers, where the PDF has its own."""
        return self.document.label if self.document is not None and self.document.labels else None

    def _render(self) -> None:
        muted = self.view.palette().color(QPalette.ColorRole.PlaceholderText).name()
        parts = [answer_html(answer, self._cite_html, muted, self.tr("no page cited"),
                             [translate_message(w) for w in answer.warnings]) for answer in self.answers]
        if self.asking:
            parts.append(f"<p><b>{html.escape(self.asking)}</b></p><p>{html.escape(self.streamed) or '…'}</p>")
        self.view.setHtml("".join(parts))
        bar = self.view.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _cite_html(self, pages: list[int]) -> str:
        """A point's citation, each page a link: "(p. 2, 3)" or, in a process, "(01-oficio.pdf, p. 2;
        03-parecer.rtf, pp. 1, 2)", the link opening that document at that page."""
        if self.process is None:
            links = ", ".join(page_link(n, self._label(), self.tr("page {n} of the file")) for n in pages)
            return f'({"p." if len(pages) == 1 else "pp."} {links})'
        by_file: dict[str, list[str]] = {}
        for number in sorted(set(pages)):
            file, page = self.process.place(number)
            hover = f"{file}, p. {page}".replace("{", "{{").replace("}", "}}")  # page_link formats it
            by_file.setdefault(file, []).append(page_link(number, lambda _n, page=page: str(page), hover))
        return "(" + "; ".join(f'{html.escape(file)}, {"p." if len(links) == 1 else "pp."} {", ".join(links)}'
                               for file, links in by_file.items()) + ")"

    @Slot(QUrl)
    def citation_action(self, url: QUrl) -> None:
        number = linked_page(url.toString())
        if number is not None:
            self.page_requested.emit(number)

    def conversation_text(self) -> str:
        cite = self.process.cite if self.process is not None else None
        return "\n\n".join(f"{answer.question}\n{answer.render(self._label(), cite)}" for answer in self.answers)

    @Slot()
    def copy_action(self) -> None:
        if self.answers:
            QGuiApplication.clipboard().setText(self.conversation_text())
            self.status.setText(self.tr("The questions and answers were copied."))

    @Slot()
    def export_action(self) -> None:
        if not self.answers or self.document is None:
            return
        source = self.process.process.source if self.process is not None else self.document.path
        suggested = source.with_name(self.tr("{name} - questions.docx").format(name=source.stem))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the questions and answers"), str(suggested),
                                              self.tr("Word document (*.docx);;PDF (*.pdf);;Markdown (*.md)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> TaskHandle:
        answers, document, info, process = list(self.answers), self.document, self.worker.model_info, self.process
        assert document is not None and info is not None
        cache, language = self.paths.cache, answers[-1].language
        failed = self.tr("The questions could not be saved")
        translate = QCoreApplication.translate
        return self.exporter.start(
            path, lambda: export_conversation(answers, document, info, path, cache, language, translate, process),
            failed)

    @property
    def export_job(self) -> TaskHandle | None:
        return self.exporter.job

    # -- background jobs (index, export) -------------------------------------------------------------
    def index_done_event_response(self, search: PageSearch) -> None:
        self.index_request = None
        self.search = search
        self.status.clear()
        self._update_buttons()

    def index_failed_event_response(self, error: UserFacingError) -> None:
        self.index_request = None
        self.status.setText(translate_message(error.message))



def answer_html(answer: Answer, cite_html: Callable[[list[int]], str], muted: str, uncited: str,
                warnings: list[str]) -> str:
    """One question and its answer; each citation (`cite_html`: the pages as links) links to its page."""
    sentences = []
    if not answer.covered or not answer.points:
        sentences.append(html.escape(answer.render()))
    for point in answer.points:
        if point.pages:
            cite = f'<span style="color:{muted}">{cite_html(point.pages)}</span>'
        else:
            cite = f'<span style="color:{muted}">[{html.escape(uncited)}]</span>'
        sentences.append(f"{html.escape(point.text)} {cite}")
    notes = "".join(f'<p style="color:{muted}"><i>{html.escape(w)}</i></p>' for w in warnings)
    return f"<p><b>{html.escape(answer.question)}</b></p><p>{' '.join(sentences)}</p>{notes}"


__all__ = ["QuestionsPanel", "answer_html"]

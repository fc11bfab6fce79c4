"""The Draft page: fields and notes in, a letter in the padrão ofício out.

The formal parts are composed by code (documents.letter) and shown live around the body; the model
writes only the body, which stays the clerk's to edit. Drafts autosave every two seconds.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.documents.drafts import Draft, DraftStore, SenderMemory
from rio_desktop.documents.letter import (
    Letter,
    RewritePlan,
    Template,
    compose,
    heads_of_powers,
    load_templates,
    suggested_treatment,
)
from rio_desktop.documents.letter_layout import LetterLayout, layout_letter
from rio_desktop.documents.letter_rules import LetterFields
from rio_desktop.documents.pdf_text import PdfText
from rio_desktop.documents.process import ProcessDocument
from rio_desktop.documents.reply_guess import Guess
from rio_desktop.engine.backend import Generation
from rio_desktop.i18n import UserFacingError
from rio_desktop.paths import AppPaths
from rio_desktop.resources import resource_path
from rio_desktop.settings import Settings
from rio_desktop.tasks.draft import DraftTask, export_letter_file
from rio_desktop.tasks.reply import GuessTask, ReplyDraft, ReplyTask, reply_to_pages
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.export_job import ExportJob
from rio_desktop.ui.formatting import translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.letter_form import LetterForm, field_value
from rio_desktop.ui.letter_view import LetterPreview, print_layout
from rio_desktop.ui.privacy import redaction_choice
from rio_desktop.ui.received_panel import ReceivedPanel
from rio_desktop.ui.task_handle import TaskHandle
from rio_desktop.ui.thinking import ThinkingIndicator

log = logging.getLogger(__name__)
AUTOSAVE_MS = 2000


# The letter's fields a guess of the model fills (documents.reply_guess's names → the form's keys).
GUESSED_FIELDS = {"name": "addressee.name", "office": "addressee.office", "organization": "addressee.address",
                  "subject": "subject"}


class DraftPage(QWidget):
    saved = Signal(str)  # draft id, after each autosave

    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.jobs, self.settings, self.paths = worker, jobs, settings, paths
        self.store = DraftStore(paths.data / "drafts")
        self.sender = SenderMemory(paths.data / "sender.json")
        self.draft = Draft()
        self.dirty = False
        self.loading = False
        self.request: TaskHandle | None = None
        self.request_kind = ""
        self.rewrite_cursor: QTextCursor | None = None
        self.model_task: DraftTask | None = None  # the running request, and how its answer is finished
        self.rewrite_kind = ""
        self.rewrite_plan: RewritePlan | None = None
        self.rewrites: list[str] = []  # the paragraphs of the selection rewritten so far
        self.stream_cursor: QTextCursor | None = None
        self.exporter = ExportJob(self, jobs, lambda text: self.status.setText(text))
        self.exporter.changed.connect(self._update_buttons)
        self.builtin_templates = resource_path("templates")
        self.reply: ReplyDraft | None = None  # the received letter this draft answers, read by ReplyTask
        self.reply_job: TaskHandle | None = None
        self.setAccessibleName(self.tr("Draft page"))

        org = settings.get("templates_folder")
        templates, problems = load_templates(self.builtin_templates, Path(org) if org else None)
        self.templates: dict[str, Template] = {t.id: t for t in templates}
        self.template = QComboBox()
        # The plain ofício first: it is what clerks write most.
        for template in sorted(templates, key=lambda t: (t.id != "oficio", t.title())):
            self.template.addItem(template.title(), template.id)
        self.problems_label = QLabel("\n".join(translate_message(p) for p in problems))
        self.problems_label.setWordWrap(True)
        self.problems_label.setVisible(bool(problems))

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("What the letter must say…"))
        self.notes.setMinimumHeight(80)

        form = QFormLayout()
        template_label = QLabel(self.tr("&Template:"))
        template_label.setBuddy(self.template)
        self.template.setAccessibleName(self.tr("Template"))
        form.addRow(template_label, self.template)
        self.form = LetterForm(form, self)  # every field of the letter, declared once in letter_form
        notes_label = QLabel(self.tr("No&tes:"))
        notes_label.setBuddy(self.notes)
        self.notes.setAccessibleName(self.tr("Notes"))
        form.addRow(notes_label, self.notes)
        self.reply_button = QPushButton(self.tr("&Reply to a received document…"))
        self.reply_button.setAccessibleDescription(self.tr(
            "Open the letter or e-mail that arrived: the form is filled from it and its requests listed"))
        self.received = ReceivedPanel()
        form_widget = QWidget()
        form_layout = QVBoxLayout(form_widget)
        form_layout.addWidget(self.reply_button)
        form_layout.addWidget(self.received)
        form_layout.addWidget(self.problems_label)
        form_layout.addLayout(form)
        self.generate_button = QPushButton(self.tr("&Write the body"))
        self.generate_button.setAccessibleDescription(self.tr("The model writes the body from the notes"))
        self.cancel_button = QPushButton(self.tr("Cance&l"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate_button)
        buttons.addWidget(self.cancel_button)
        form_layout.addLayout(buttons)
        form_layout.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        # Never a sideways scroll bar (it hid the fields' right edge): the column is as wide as the form
        # needs in the language in use, and scrolls only up and down.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(form_widget.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth())

        self.drafts = QComboBox()
        self.drafts.setAccessibleName(self.tr("Saved drafts"))
        self.new_button = QPushButton(self.tr("New draft"))
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(self.tr("Body of the letter"))
        self.body.setPlaceholderText(self.tr("The body of the letter: write it, or let the model write it "
                                             "from the notes."))
        self.rewrite_buttons: dict[str, QPushButton] = {}
        # Two by two: four long labels in one row made the window wider than a 1366-pixel laptop screen.
        rewrite_row = QGridLayout()
        rewrite_row.addWidget(QLabel(self.tr("Selection:")), 0, 0)
        for index, (kind, label) in enumerate((
                ("formal", self.tr("More formal")), ("shorter", self.tr("Shorter")),
                ("plain", self.tr("Plain language")), ("grammar", self.tr("Fix grammar")))):
            button = QPushButton(label)
            button.setAccessibleDescription(self.tr("Rewrite the selected text: {what}").format(what=label))
            button.clicked.connect(lambda _checked=False, k=kind: self.rewrite_action(k))
            self.rewrite_buttons[kind] = button
            rewrite_row.addWidget(button, index // 2, 1 + index % 2)
        rewrite_row.setColumnStretch(3, 1)
        self.preview = LetterPreview()
        self.preview.setAccessibleName(self.tr("The letter as it will be printed"))
        self.copy_button = QPushButton(self.tr("Copy text"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Drafts:")))
        top.addWidget(self.drafts, 1)
        top.addWidget(self.new_button)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(top)
        editor_layout.addWidget(self.body, 1)
        editor_layout.addLayout(rewrite_row)
        preview = QWidget()
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview, 1)
        output_row = QHBoxLayout()
        for button in (self.copy_button, self.export_button, self.print_button):
            output_row.addWidget(button)
        output_row.addStretch(1)
        preview_layout.addLayout(output_row)
        right = QSplitter()
        right.addWidget(editor)
        right.addWidget(preview)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        right.setSizes([480, 480])
        splitter.setSizes([400, 960])
        describe((
            (self.template, self.tr("The kind of document, with its layout and form of address")),
            (self.notes, self.tr("What the letter must say, in your words; the model writes the body from them")),
            (self.cancel_button, self.tr("Stop the model writing; what is written stays")),
            (self.preview, self.tr("The document as it will be printed and exported")),
            (self.copy_button, self.tr("Copy the whole document as text")),
            (self.export_button, self.tr("Save the document as Word or PDF")),
            (self.print_button, self.tr("Print the document")),
            (self.drafts, self.tr("Drafts are saved as you type; reopen one here")),
            (self.new_button, self.tr("Start a new document; the current draft stays saved")),
            (self.body, self.tr("The body of the letter; select a passage to rewrite it")),
        ))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self.thinking = ThinkingIndicator()
        layout.addWidget(self.thinking)
        layout.addWidget(self.status)

        self.form.changed.connect(self.field_changed_action)
        for widget in (self.notes, self.body):
            widget.textChanged.connect(self.changed_action)
        self.template.currentIndexChanged.connect(self.changed_action)
        self.template.currentIndexChanged.connect(self.template_changed_action)
        self.generate_button.clicked.connect(self.generate_action)
        self.cancel_button.clicked.connect(self.cancel_action)
        self.new_button.clicked.connect(self.new_action)
        self.reply_button.clicked.connect(self.reply_action)
        self.received.requests_changed.connect(self.requests_changed_action)
        self.received.closed.connect(self.reply_closed_action)
        self.drafts.activated.connect(self.reopen_action)
        self.copy_button.clicked.connect(self.copy_action)
        self.export_button.clicked.connect(self.export_action)
        self.print_button.clicked.connect(self.print_action)
        self.body.selectionChanged.connect(self._update_buttons)
        worker.loaded.connect(self.model_event_response)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.autosave_action)
        self.autosave.start()

        latest = self.store.latest()  # the last state comes back, after a normal exit or a crash
        self.load_draft(latest if latest is not None else Draft())
        self._fill_drafts()
        self.refresh_preview()
        self._update_buttons()

    # -- the form and the draft ----------------------------------------------------------------------
    def fields(self) -> LetterFields:
        return LetterFields.from_dict(self.form.values())

    def current_template(self) -> Template:
        return self.templates.get(self.template.currentData()) or next(iter(self.templates.values()))

    def letter(self) -> Letter:
        return compose(self.current_template(), self.fields(), self.body.toPlainText(),
                       heads_of_powers(self.builtin_templates))

    def load_draft(self, draft: Draft) -> None:
        """Show `draft`; a new one starts with the sender's part as this user last wrote it."""
        self.loading = True
        self.reply = None  # another draft: the received letter beside the form was this one's
        self.received.close_action()
        self.form.mark_guessed([], "")
        try:
            self.draft = draft
            index = self.template.findData(draft.template_id)
            self.template.setCurrentIndex(max(0, index))
            self.form.set_values(draft.fields or self.sender.load())
            self.notes.setPlainText(draft.notes)
            self.body.setPlainText(draft.body)
        finally:
            self.loading = False
        self.dirty = False
        self.refresh_preview()

    def _fill_drafts(self) -> None:
        self.drafts.blockSignals(True)
        self.drafts.clear()
        for draft in self.store.list():
            # The date as the language writes it; a draft without a subject or notes yet is "a new letter".
            when = QLocale().toString(QDateTime.fromString(draft.updated[:19], Qt.DateFormat.ISODate),
                                      QLocale.FormatType.ShortFormat)
            title = draft.title or self.tr("New letter")
            self.drafts.addItem(f"{title} — {when}", draft.id)
        self.drafts.setCurrentIndex(max(0, self.drafts.findData(self.draft.id)))
        self.drafts.blockSignals(False)

    @Slot()
    def changed_action(self) -> None:
        if self.loading:
            return
        self.dirty = True
        self.refresh_preview()

    @Slot(str)
    def field_changed_action(self, key: str) -> None:
        if self.loading:
            return
        if key == "addressee.office":
            treatment = suggested_treatment(self.form["addressee.office"].text(), self.builtin_templates)
            combo = self.form["addressee.treatment"]
            if treatment and combo.currentData() != treatment:
                combo.setCurrentIndex(max(0, combo.findData(treatment)))  # emits its own change
        self.changed_action()

    @Slot()
    def template_changed_action(self) -> None:
        if self.loading:
            return
        template = self.current_template()
        for key, value in (("addressee.treatment", template.default_treatment),
                           ("relation", template.default_relation)):
            self.form[key].setCurrentIndex(max(0, self.form[key].findData(value)))

    @Slot()
    def autosave_action(self) -> None:
        if not self.dirty:
            return
        self.draft.template_id = self.template.currentData()
        self.draft.fields = self.form.values()
        self.draft.notes = self.notes.toPlainText()
        self.draft.body = self.body.toPlainText()
        try:
            self.store.save(self.draft)
            self.sender.save(self.fields().sender())
        except OSError as exc:  # a full disk must not lose the text on screen: keep trying, say so
            self.status.setText(self.tr("The draft could not be saved ({detail}); it stays on screen.").format(
                detail=exc.strerror or exc))
            return
        self.dirty = False
        self._fill_drafts()
        self.saved.emit(self.draft.id)

    @Slot()
    def new_action(self) -> None:
        self.autosave_action()
        self.load_draft(Draft(template_id=self.template.currentData() or "oficio"))
        self._fill_drafts()

    # -- replying to a received document ---------------------------------------------------------------
    @Slot()
    def reply_action(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open the letter or e-mail to answer"), str(Path.home()),
            self.tr("Letters (*.pdf *.docx *.odt *.rtf *.txt *.html *.htm *.eml *.jpg *.jpeg *.png *.tif *.tiff);;"
                    "All files (*)"))
        if path:
            self.reply_to(Path(path))

    def reply_to(self, path: Path) -> TaskHandle | None:
        """A new draft answering the letter at `path`: read on the job pool (OCR for a scan), then the form
        filled from it (ReplyTask); our side comes from what this clerk last wrote."""
        try:
            task = ReplyTask.prepare(path, self.settings, self.paths.cache)
        except UserFacingError as error:
            self.status.setText(translate_message(error.message))
            return None
        return self._read_reply(lambda ours, subject, report: task.run(ours, subject, self.builtin_templates,
                                                                       report=report), path.name)

    def reply_to_document(self, document: PdfText | ProcessDocument) -> TaskHandle | None:
        """A new draft answering a document already read (the Summarize page's, or one of a process)."""
        if isinstance(document, ProcessDocument):
            name, text, kind = PurePosixPath(document.file).name, document.text, document.kind
        else:
            name, text, kind = document.path.name, document, ""
        folder = self.builtin_templates
        return self._read_reply(lambda ours, subject, _report: reply_to_pages(name, text, kind, ours, subject, folder),
                                name)

    def _read_reply(self, read, name: str) -> TaskHandle | None:  # noqa: ANN001 - (ours, subject, report) -> ReplyDraft
        if self._busy():  # the model is writing into this draft: a new one now would take its words
            self.status.setText(self.tr("The model is still writing this draft: wait for it or stop it, then "
                                        "reply."))
            return None
        if self.reply_job is not None:
            self.reply_job.cancel()
        self.new_action()
        ours = self.fields()
        subject = self.settings.get("reply_subject")
        self.status.setText(self.tr("Reading {name}…").format(name=name))
        self.reply_job = self.jobs.run(lambda report: read(ours, subject, report),
                                       on_done=self.reply_event_response, on_failed=self.reply_failed_event_response)
        self._update_buttons()
        return self.reply_job

    def reply_event_response(self, reply: ReplyDraft) -> None:
        self.reply_job = None
        self.show_reply(reply)
        self.guess_sender()

    def guess_sender(self) -> TaskHandle | None:
        """A document without letter structure: the loaded model is asked who wrote it and what about; only
        what the document itself says is kept, marked for the clerk to check (documents.reply_guess)."""
        if self.reply is None or self.worker.model_info is None or self._busy():
            return None
        task = GuessTask.prepare(self.reply, self.settings.reasoning_policy(), self.worker.model_info)
        if task is None:
            return None
        reply = self.reply
        self.status.setText(self.tr("The document is not laid out as a letter: the model is reading who wrote "
                                    "it and what about…"))
        self.request_kind = "guess"
        self.request = self.worker.run(task.run, "chat", on_done=lambda guess: self.guess_event_response(
            reply, guess), on_failed=self.failed_event_response, on_cancelled=self.cancelled_event_response)
        self._update_buttons()
        return self.request

    def guess_event_response(self, reply: ReplyDraft, guess: Guess) -> None:
        self.request = None
        self.request_kind = ""
        if reply is not self.reply:  # another draft since: the guess was for the letter it answered
            self._update_buttons()
            return
        guessed = reply.with_guess(guess)
        before, after = reply.fields.as_dict(), guessed.fields.as_dict()
        self.reply = guessed
        self.received.show_reply(guessed)
        keys = [GUESSED_FIELDS[name] for name in guessed.guessed]
        for key in keys:  # a field the clerk has already changed stays as the clerk left it
            current = self.form.values()
            if field_value(current, key) == field_value(before, key):
                self.form.set_value(key, field_value(after, key))
        self.form.mark_guessed(keys, self.tr("Guessed by the model from the document's own words: check it."))
        self.status.setText(self.tr("The model found %n field(s) in the document, marked in the form: check them.",
                                    "", len(keys)) if keys else
                            self.tr("The model found nothing more in the document: fill in the rest by hand."))
        self.changed_action()
        self._update_buttons()

    def reply_failed_event_response(self, error: UserFacingError) -> None:
        self.reply_job = None
        self.status.setText(translate_message(error.message))
        self._update_buttons()

    def show_reply(self, reply: ReplyDraft) -> None:
        """The form filled from the received letter, the reference to it opening the body, its requests and
        deadlines beside the form. Everything stays editable."""
        self.reply = reply
        self.loading = True
        try:
            self.form.set_values(reply.fields.as_dict())
            self.body.setPlainText(reply.reference())  # "Em atenção ao Ofício nº …, de …, ": the clerk goes on
        finally:
            self.loading = False
        self.received.show_reply(reply)
        self.changed_action()
        self.status.setText(self.tr("The form was filled from {name}. Check it, tick the requests to answer "
                                    "and write the body.").format(name=reply.file))
        self._update_buttons()

    @Slot()
    def requests_changed_action(self) -> None:
        """A ticked request goes into the notes as a line of its own; unticked, that line goes."""
        if self.reply is None:
            return
        requests = [r.text for r in self.reply.received.requests]
        chosen = {requests[i] for i in self.received.chosen()}
        lines = [line for line in self.notes.toPlainText().splitlines()
                 if line.removeprefix("- ") not in requests or line.removeprefix("- ") in chosen]
        present = {line.removeprefix("- ") for line in lines}
        lines += [f"- {text}" for text in requests if text in chosen and text not in present]
        self.notes.setPlainText("\n".join(lines))

    @Slot()
    def reply_closed_action(self) -> None:
        self.reply = None

    @Slot(int)
    def reopen_action(self, index: int) -> None:
        draft_id = self.drafts.itemData(index)
        self.autosave_action()
        draft = self.store.load(draft_id) if draft_id else None
        if draft is not None:
            self.load_draft(draft)

    def layout(self) -> LetterLayout:
        return layout_letter(self.letter())

    def refresh_preview(self) -> None:
        self.preview.show_layout(self.layout())

    # -- the model -----------------------------------------------------------------------------------
    def _busy(self) -> bool:
        return self.request is not None

    @Slot()
    def _update_buttons(self) -> None:
        has_model = self.worker.model_info is not None
        busy = self._busy()
        self.generate_button.setEnabled(has_model and not busy)
        self.reply_button.setEnabled(not busy and self.reply_job is None)
        self.cancel_button.setEnabled(busy)
        selected = self.body.textCursor().hasSelection()
        for button in self.rewrite_buttons.values():
            button.setEnabled(has_model and not busy and selected)
        self.body.setReadOnly(busy)
        self.export_button.setEnabled(self.export_job is None)

    @Slot()
    def generate_action(self) -> None:
        if self._busy() or self.worker.model_info is None:
            return
        if not self.notes.toPlainText().strip():
            self.status.setText(self.tr("Write in the notes what the letter must say."))
            return
        redact = redaction_choice(self, self.worker, self.notes.toPlainText())
        if redact is None:
            return
        self.model_task = DraftTask.body(self.current_template(), self.fields(), self.notes.toPlainText(),
                                         self.settings.reasoning_policy(), self.worker.model_info, redact)
        # The whole body is replaced in one undoable step, however many pieces stream in.
        cursor = QTextCursor(self.body.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        self.stream_cursor = cursor
        self.request_kind = "body"
        self.thinking.reset()
        self.request = self._run(self.model_task)
        self.status.setText(self.tr("The model is writing the body…"))
        self._update_buttons()

    def rewrite_action(self, kind: str) -> None:
        """Rewrite the selection paragraph by paragraph (one request each), so that the paragraphs stay
        as they were; the result replaces the selection in one undoable step."""
        cursor = self.body.textCursor()
        if self._busy() or not cursor.hasSelection() or self.worker.model_info is None:
            return
        plan = RewritePlan.of(cursor.selectedText().replace("\u2029", "\n"))
        if not plan.paragraphs():
            return
        self.rewrite_cursor = QTextCursor(cursor)
        self.rewrite_kind, self.rewrite_plan, self.rewrites = kind, plan, []
        self.request_kind = "rewrite"
        self.thinking.reset()  # one panel for the whole selection, paragraph after paragraph
        self._rewrite_next()
        self.status.setText(self.tr("The model is rewriting the selection…"))
        self._update_buttons()

    def _rewrite_next(self) -> None:
        assert self.rewrite_plan is not None
        paragraph = self.rewrite_plan.paragraphs()[len(self.rewrites)]
        self.model_task = DraftTask.rewrite(self.rewrite_kind, paragraph, self.settings.reasoning_policy(),
                                            self.worker.model_info)
        self.request = self._run(self.model_task)

    def _run(self, task: DraftTask) -> TaskHandle:
        # The model's reasoning (off for letters and rewrites where the template allows it) goes to the
        # thinking indicator.
        return self.worker.run(task.run, "chat", on_text=self.text_event_response, on_status=self.thinking.offer,
                               on_done=self.finished_event_response, on_failed=self.failed_event_response,
                               on_cancelled=self.cancelled_event_response)

    @Slot()
    def cancel_action(self) -> None:
        if self.request is not None:
            self.request.cancel()

    def _end_stream(self) -> None:
        if self.stream_cursor is not None:
            self.stream_cursor.endEditBlock()
            self.stream_cursor = None

    def _finish_body(self, reasoning: str = "") -> None:
        """The streamed body, cleaned of any words of our prompts the model repeated and with the
        personal data put back, in the same undo step as the model's text."""
        self._end_stream()
        text = self.body.toPlainText()
        if self.model_task is not None:
            text = self.model_task.finish(text, reasoning)
        if self.reply is not None:  # the reference to the received letter opens the body, written by code
            text = self.reply.body(text)
        if text != self.body.toPlainText():
            cursor = QTextCursor(self.body.document())
            cursor.joinPreviousEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(text)
            cursor.endEditBlock()
        self.model_task = None

    def text_event_response(self, text: str) -> None:
        if self.stream_cursor is not None:
            self.stream_cursor.insertText(text)

    def finished_event_response(self, result: Generation) -> None:
        self.request = None
        self.thinking.finish()
        if self.request_kind == "rewrite" and self.rewrite_cursor is not None and self.rewrite_plan is not None:
            self.rewrites.append(self.model_task.finish(result.text, result.reasoning) if self.model_task
                                 else result.text.strip())
            if len(self.rewrites) < len(self.rewrite_plan.paragraphs()):
                self._rewrite_next()
                return
            cursor = self.rewrite_cursor
            cursor.beginEditBlock()  # one undo step puts the clerk's words back
            cursor.insertText(self.rewrite_plan.assemble(self.rewrites))
            cursor.endEditBlock()
            self.rewrite_cursor = self.rewrite_plan = None
        if self.request_kind == "body":
            self._finish_body(result.reasoning)
        self.status.setText(self.tr("Done. The text is yours to edit; Ctrl+Z undoes the model's change."))
        self.changed_action()
        self._update_buttons()

    def failed_event_response(self, error: UserFacingError) -> None:
        self._stopped(translate_message(error.message))

    def cancelled_event_response(self, partial: object) -> None:
        self._stopped(self.tr("Stopped. What was written is kept."), getattr(partial, "reasoning", ""))

    def _stopped(self, status: str, reasoning: str = "") -> None:
        """A request that ended without an answer: what was written is kept, cleaned like a finished one."""
        self.request = None
        self.thinking.finish()
        if self.request_kind == "body":
            self._finish_body(reasoning)
        self._end_stream()
        self.rewrite_cursor = self.rewrite_plan = None
        self.status.setText(status)
        self._update_buttons()

    @Slot(object)
    def model_event_response(self, _info: object) -> None:
        self._update_buttons()

    # -- output --------------------------------------------------------------------------------------
    @Slot()
    def copy_action(self) -> None:
        QGuiApplication.clipboard().setText(self.letter().as_text())
        self.status.setText(self.tr("The letter was copied as text."))

    @Slot()
    def export_action(self) -> None:
        letter = self.letter()
        folder = Path(self.settings.get("recent_documents")[0]).parent if self.settings.get(
            "recent_documents") else Path.home()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the letter"), str(folder / letter.file_name),
                                              self.tr("Word document (*.docx);;PDF (*.pdf)"))
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> TaskHandle:
        letter, template, info, cache = self.letter(), self.current_template(), self.worker.model_info, self.paths.cache
        return self.exporter.start(path, lambda: export_letter_file(letter, template, info, path, cache),
                                   self.tr("The letter could not be saved"))

    @property
    def export_job(self) -> TaskHandle | None:
        return self.exporter.job

    @Slot()
    def print_action(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        # The job's name in the printer's queue, and the file name Qt offers when printing to a PDF file
        # ("Oficio_7_2026_CGTI.pdf", not "print.pdf").
        printer.setDocName(Path(self.letter().file_name).stem)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer) -> bool:
        """The same pages as the PDF export (one layout draws both)."""
        if not print_layout(self.layout(), printer):
            self.status.setText(self.tr("The printer could not be opened."))
            return False
        return True

    def flush(self) -> None:
        """Save now (on close)."""
        self.autosave_action()


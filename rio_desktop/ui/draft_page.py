"""The Draft page: fields and notes in, a letter in the padrão ofício out.

The formal parts are composed by code (documents.letter) and shown live around the body; the model
writes only the body, which stays the clerk's to edit. Drafts autosave every two seconds.
"""

from __future__ import annotations

import datetime
import html
import logging
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.documents.drafts import Draft, DraftStore
from rio_desktop.documents.export import Provenance, model_sha256
from rio_desktop.documents.letter import (
    SYSTEM_PROMPT,
    Letter,
    Template,
    body_prompt,
    compose,
    heads_of_powers,
    load_templates,
    rewrite_prompt,
    suggested_treatment,
)
from rio_desktop.documents.letter_export import LetterProvenance, export_letter
from rio_desktop.documents.letter_rules import LetterFields
from rio_desktop.documents.lgpd import redact
from rio_desktop.engine.backend import ChatMessage, Generation, task_params
from rio_desktop.engine.model_file import inspect_model_file
from rio_desktop.engine.server_backend import OpenAIServerBackend
from rio_desktop.i18n import Message
from rio_desktop.paths import AppPaths
from rio_desktop.resources import resource_path
from rio_desktop.settings import Settings
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.engine_worker import EngineWorker
from rio_desktop.ui.formatting import translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.privacy import privacy_choice
from rio_desktop.ui.thinking import ThinkingIndicator

log = logging.getLogger(__name__)
AUTOSAVE_MS = 2000


class DraftPage(QWidget):
    saved = Signal(str)  # draft id, after each autosave

    def __init__(self, worker: EngineWorker, jobs: Jobs, settings: Settings, paths: AppPaths,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.jobs, self.settings, self.paths = worker, jobs, settings, paths
        self.store = DraftStore(paths.data / "drafts")
        self.draft = Draft()
        self.dirty = False
        self.loading = False
        self.request_id: int | None = None
        self.request_kind = ""
        self.rewrite_cursor: QTextCursor | None = None
        self.stream_cursor: QTextCursor | None = None
        self.export_job: int | None = None
        self.redaction = None  # the placeholders of notes sent to the organisation's server
        self.builtin_templates = resource_path("templates")
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

        self.number = QLineEdit()
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(datetime.date.today().year)
        self.sectors = QLineEdit()
        self.sectors.setPlaceholderText(self.tr("smallest first, e.g. CGP/SMF"))
        self.city = QLineEdit("Rio de Janeiro")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.to_name = QLineEdit()
        self.to_office = QLineEdit()
        self.treatment = QComboBox()
        for key, label in (("excelencia", self.tr("Vossa Excelência")), ("senhoria", self.tr("Vossa Senhoria")),
                           ("particular", self.tr("Private citizen"))):
            self.treatment.addItem(label, key)
        self.gender = QComboBox()
        self.gender.addItem(self.tr("Male (Senhor)"), "m")
        self.gender.addItem(self.tr("Female (Senhora)"), "f")
        self.address = QPlainTextEdit()
        self.address.setMaximumHeight(self.address.fontMetrics().lineSpacing() * 2 + 14)  # two lines
        self.address.setPlaceholderText(self.tr("Street and number\nCEP and city/UF"))
        self.subject = QLineEdit()
        self.references = QLineEdit()
        self.relation = QComboBox()
        for key, label in (("higher", self.tr("Higher authority")), ("same", self.tr("Same level")),
                           ("lower", self.tr("Lower level"))):
            self.relation.addItem(label, key)
        self.relation.setCurrentIndex(1)
        self.from_name = QLineEdit()
        self.from_office = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(self.tr("What the letter must say…"))
        self.notes.setMinimumHeight(80)

        form = QFormLayout()
        rows = (
            (self.tr("&Template:"), self.template), (self.tr("&Number:"), self.number), (self.tr("&Year:"), self.year),
            (self.tr("&Sectors:"), self.sectors), (self.tr("&City:"), self.city), (self.tr("&Date:"), self.date),
            (self.tr("Addressee &name:"), self.to_name), (self.tr("Addressee &office:"), self.to_office),
            (self.tr("&Form of address:"), self.treatment), (self.tr("&Gender:"), self.gender),
            (self.tr("Add&ress:"), self.address), (self.tr("S&ubject:"), self.subject),
            (self.tr("&References:"), self.references), (self.tr("Re&lation:"), self.relation),
            (self.tr("Signatory n&ame:"), self.from_name), (self.tr("Signatory o&ffice:"), self.from_office),
            (self.tr("No&tes:"), self.notes),
        )
        for label_text, widget in rows:
            label = QLabel(label_text)
            label.setBuddy(widget)
            widget.setAccessibleName(label_text.replace("&", "").rstrip(":"))
            form.addRow(label, widget)
        form_widget = QWidget()
        form_layout = QVBoxLayout(form_widget)
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
        self.preview = QTextBrowser()
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
            (self.number, self.tr("The document's number, as given by the protocol")),
            (self.year, self.tr("The year in the document's identification")),
            (self.city, self.tr("The city in the place and date line")),
            (self.date, self.tr("The date of the document")),
            (self.to_name, self.tr("Who receives the document")),
            (self.to_office, self.tr("The addressee's office or position")),
            (self.treatment, self.tr("The form of address the Manual de Redação prescribes for the addressee")),
            (self.gender, self.tr("Gives Senhor or Senhora in the vocative")),
            (self.address, self.tr("The addressee's address, for the address block")),
            (self.subject, self.tr("One line saying what the document is about")),
            (self.references, self.tr("Earlier documents this one answers or cites")),
            (self.relation, self.tr("The addressee's level compared with the signatory's: it sets the closing "
                                    "(Respeitosamente or Atenciosamente)")),
            (self.from_name, self.tr("Who signs the document")),
            (self.from_office, self.tr("The signatory's office or position")),
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

        for widget in (self.number, self.sectors, self.city, self.to_name, self.subject, self.references,
                       self.from_name, self.from_office):
            widget.textChanged.connect(self.changed_action)
        self.to_office.textChanged.connect(self.office_changed_action)
        for widget in (self.address, self.notes, self.body):
            widget.textChanged.connect(self.changed_action)
        for combo in (self.template, self.treatment, self.gender, self.relation):
            combo.currentIndexChanged.connect(self.changed_action)
        self.year.valueChanged.connect(self.changed_action)
        self.date.dateChanged.connect(self.changed_action)
        self.template.currentIndexChanged.connect(self.template_changed_action)
        self.generate_button.clicked.connect(self.generate_action)
        self.cancel_button.clicked.connect(self.cancel_action)
        self.new_button.clicked.connect(self.new_action)
        self.drafts.activated.connect(self.reopen_action)
        self.copy_button.clicked.connect(self.copy_action)
        self.export_button.clicked.connect(self.export_action)
        self.print_button.clicked.connect(self.print_action)
        self.body.selectionChanged.connect(self._update_buttons)
        worker.tokens.connect(self.tokens_event_response)
        worker.status.connect(self.status_event_response)
        worker.finished.connect(self.finished_event_response)
        worker.failed.connect(self.failed_event_response)
        worker.cancelled.connect(self.cancelled_event_response)
        worker.loaded.connect(self.model_event_response)
        jobs.done.connect(self.job_done_event_response)
        jobs.failed.connect(self.job_failed_event_response)
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.autosave_action)
        self.autosave.start()

        latest = self.store.latest()  # the last state comes back, after a normal exit or a crash
        if latest is not None:
            self.load_draft(latest)
        self._fill_drafts()
        self.refresh_preview()
        self._update_buttons()

    # -- the form and the draft ----------------------------------------------------------------------
    def fields(self) -> LetterFields:
        return LetterFields.from_dict(self._fields_dict())

    def _fields_dict(self) -> dict:
        return {
            "number": self.number.text().strip(), "year": self.year.value(),
            "sectors": [s for s in self.sectors.text().replace(",", "/").split("/") if s.strip()],
            "city": self.city.text().strip(), "date": self.date.date().toString("yyyy-MM-dd"),
            "addressee": {"name": self.to_name.text(), "office": self.to_office.text(),
                          "treatment": self.treatment.currentData(), "gender": self.gender.currentData(),
                          "address": [x for x in self.address.toPlainText().splitlines() if x.strip()]},
            "subject": self.subject.text(), "references": self.references.text(),
            "relation": self.relation.currentData(),
            "signatory": {"name": self.from_name.text(), "office": self.from_office.text()},
        }

    def current_template(self) -> Template:
        return self.templates.get(self.template.currentData()) or next(iter(self.templates.values()))

    def letter(self) -> Letter:
        return compose(self.current_template(), self.fields(), self.body.toPlainText(),
                       heads_of_powers(self.builtin_templates))

    def load_draft(self, draft: Draft) -> None:
        self.loading = True
        try:
            self.draft = draft
            index = self.template.findData(draft.template_id)
            self.template.setCurrentIndex(max(0, index))
            fields = LetterFields.from_dict(draft.fields) if draft.fields else LetterFields()
            self.number.setText(fields.number)
            self.year.setValue(fields.year or datetime.date.today().year)
            self.sectors.setText("/".join(fields.sectors))
            self.city.setText(fields.city or "Rio de Janeiro")
            if fields.date:
                self.date.setDate(QDate.fromString(fields.date, "yyyy-MM-dd"))
            self.to_name.setText(fields.addressee.name)
            self.to_office.setText(fields.addressee.office)
            self.treatment.setCurrentIndex(max(0, self.treatment.findData(fields.addressee.treatment)))
            self.gender.setCurrentIndex(max(0, self.gender.findData(fields.addressee.gender)))
            self.address.setPlainText("\n".join(fields.addressee.address))
            self.subject.setText(fields.subject)
            self.references.setText(fields.references)
            self.relation.setCurrentIndex(max(0, self.relation.findData(fields.relation)))
            self.from_name.setText(fields.signatory.name)
            self.from_office.setText(fields.signatory.office)
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
            when = draft.updated[:16].replace("T", " ")
            self.drafts.addItem(f"{draft.title} — {when}", draft.id)
        self.drafts.setCurrentIndex(max(0, self.drafts.findData(self.draft.id)))
        self.drafts.blockSignals(False)

    @Slot()
    def changed_action(self) -> None:
        if self.loading:
            return
        self.dirty = True
        self.refresh_preview()

    @Slot()
    def office_changed_action(self) -> None:
        if self.loading:
            return
        treatment = suggested_treatment(self.to_office.text(), self.builtin_templates)
        if treatment:
            self.treatment.setCurrentIndex(max(0, self.treatment.findData(treatment)))
        self.changed_action()

    @Slot()
    def template_changed_action(self) -> None:
        if self.loading:
            return
        template = self.current_template()
        self.treatment.setCurrentIndex(max(0, self.treatment.findData(template.default_treatment)))
        self.relation.setCurrentIndex(max(0, self.relation.findData(template.default_relation)))

    @Slot()
    def autosave_action(self) -> None:
        if not self.dirty:
            return
        self.draft.template_id = self.template.currentData()
        self.draft.fields = self._fields_dict()
        self.draft.notes = self.notes.toPlainText()
        self.draft.body = self.body.toPlainText()
        try:
            self.store.save(self.draft)
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

    @Slot(int)
    def reopen_action(self, index: int) -> None:
        draft_id = self.drafts.itemData(index)
        self.autosave_action()
        draft = self.store.load(draft_id) if draft_id else None
        if draft is not None:
            self.load_draft(draft)

    def refresh_preview(self) -> None:
        self.preview.setHtml(letter_html(self.letter()))

    # -- the model -----------------------------------------------------------------------------------
    def _busy(self) -> bool:
        return self.request_id is not None

    @Slot()
    def _update_buttons(self) -> None:
        has_model = self.worker.model_info is not None
        busy = self._busy()
        self.generate_button.setEnabled(has_model and not busy)
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
        notes = self.notes.toPlainText()
        self.redaction = None
        if isinstance(self.worker.service.current_backend, OpenAIServerBackend):
            choice = privacy_choice(self, notes)
            if choice is None:
                return
            if choice:
                self.redaction = redact(notes)
                notes = self.redaction.text
        messages = [ChatMessage("system", SYSTEM_PROMPT),
                    ChatMessage("user", body_prompt(self.current_template(), self.fields(), notes))]
        # The whole body is replaced in one undoable step, however many pieces stream in.
        cursor = QTextCursor(self.body.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        self.stream_cursor = cursor
        self.request_kind = "body"
        self.thinking.reset()
        self.request_id = self.worker.chat(messages, task_params(
            "letter", self.settings.reasoning_policy(), self.worker.model_info, max_tokens=700, temperature=0.3))
        self.status.setText(self.tr("The model is writing the body…"))
        self._update_buttons()

    def rewrite_action(self, kind: str) -> None:
        cursor = self.body.textCursor()
        if self._busy() or not cursor.hasSelection() or self.worker.model_info is None:
            return
        text = cursor.selectedText().replace("\u2029", "\n")
        self.rewrite_cursor = QTextCursor(cursor)
        self.request_kind = "rewrite"
        messages = [ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", rewrite_prompt(kind, text))]
        self.thinking.reset()
        self.request_id = self.worker.chat(messages, task_params(
            "rewrite", self.settings.reasoning_policy(), self.worker.model_info, max_tokens=600, temperature=0.3))
        self.status.setText(self.tr("The model is rewriting the selection…"))
        self._update_buttons()

    @Slot()
    def cancel_action(self) -> None:
        if self.request_id is not None:
            self.worker.cancel(self.request_id)

    def _end_stream(self) -> None:
        if self.stream_cursor is not None:
            self.stream_cursor.endEditBlock()
            self.stream_cursor = None

    @Slot(int, str)
    def tokens_event_response(self, request_id: int, text: str) -> None:
        if request_id == self.request_id and self.stream_cursor is not None:
            self.stream_cursor.insertText(text)

    @Slot(int, object)
    def status_event_response(self, request_id: int, payload: object) -> None:
        if request_id == self.request_id:
            self.thinking.offer(payload)

    @Slot(int, object)
    def finished_event_response(self, request_id: int, result: object) -> None:
        if request_id != self.request_id or not isinstance(result, Generation):
            return
        self.request_id = None
        self.thinking.finish()
        if self.request_kind == "rewrite" and self.rewrite_cursor is not None:
            cursor = self.rewrite_cursor
            cursor.beginEditBlock()  # one undo step puts the clerk's words back
            cursor.insertText(result.text.strip())
            cursor.endEditBlock()
            self.rewrite_cursor = None
        self._end_stream()
        if self.request_kind == "body" and self.redaction is not None:
            restored = self.redaction.restore(self.body.toPlainText())
            cursor = QTextCursor(self.body.document())
            cursor.joinPreviousEditBlock()  # the same undo step as the model's text
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.insertText(restored)
            cursor.endEditBlock()
            self.redaction = None
        self.status.setText(self.tr("Done. The text is yours to edit; Ctrl+Z undoes the model's change."))
        self.changed_action()
        self._update_buttons()

    @Slot(int, object)
    def failed_event_response(self, request_id: int, message: Message) -> None:
        if request_id == self.request_id:
            self.request_id = None
            self._end_stream()
            self.thinking.finish()
            self.status.setText(translate_message(message))
            self._update_buttons()

    @Slot(int, object)
    def cancelled_event_response(self, request_id: int, _partial: object) -> None:
        if request_id == self.request_id:
            self.request_id = None
            self._end_stream()
            self.rewrite_cursor = None
            self.thinking.finish()
            self.status.setText(self.tr("Stopped. What was written is kept."))
            self._update_buttons()

    @Slot(int, object)
    def model_event_response(self, _request_id: int, _info: object) -> None:
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

    def export_to(self, path: Path) -> int:
        letter, template = self.letter(), self.current_template()
        info = self.worker.model_info
        cache = self.paths.cache

        def job(_report):
            sha = model_sha256(inspect_model_file(info.path).parts, cache) if info else ""
            provenance = LetterProvenance(template=template.id, model_name=info.name if info else "",
                                          model_sha256=sha, created=Provenance.now())
            return export_letter(letter, path, provenance)

        self.export_job = self.jobs.start(job)
        self._update_buttons()
        return self.export_job

    @Slot(int, object)
    def job_done_event_response(self, job_id: int, result: object) -> None:
        if job_id == self.export_job:
            self.export_job = None
            self.status.setText(self.tr("Saved {name}.").format(name=Path(str(result)).name))
            self._update_buttons()

    @Slot(int, object)
    def job_failed_event_response(self, job_id: int, error: object) -> None:
        if job_id == self.export_job:
            self.export_job = None
            self._update_buttons()
            QMessageBox.warning(self, self.tr("The letter could not be saved"),
                                translate_message(error.message))  # type: ignore[attr-defined]

    @Slot()
    def print_action(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            document = QTextDocument()
            document.setHtml(letter_html(self.letter(), font_pt=12))
            document.print_(printer)

    def flush(self) -> None:
        """Save now (on close)."""
        self.autosave_action()


def letter_html(letter: Letter, font_pt: int = 10) -> str:
    """The letter laid out like the page: centred letterhead, date right, subject bold, body justified
    with its first-line indent, closing indented, signature centred."""
    e = html.escape
    indent = "text-indent: 2.5cm;"
    parts = [f'<div style="font-family: Calibri, Carlito, sans-serif; font-size: {font_pt}pt;">']
    if letter.letterhead:
        parts.append('<p align="center">' + "<br>".join(e(x) for x in letter.letterhead) + "</p>")
    if letter.identification:
        parts.append(f"<p>{e(letter.identification)}</p>")
    if letter.place_date:
        parts.append(f'<p align="right">{e(letter.place_date)}</p>')
    if letter.addressing:
        parts.append("<p>" + "<br>".join(e(x) for x in letter.addressing) + "</p>")
    if letter.subject:
        parts.append(f"<p><b>{e(letter.subject)}</b></p>")
    if letter.vocative:
        parts.append(f'<p style="{indent}">{e(letter.vocative)}</p>')
    for paragraph in letter.body:
        parts.append(f'<p align="justify" style="{indent} margin-bottom: 6pt;">{e(paragraph)}</p>')
    parts.append(f'<p style="{indent}">{e(letter.closing)}</p><br>')
    parts.append('<p align="center">' + "<br>".join(e(x) for x in letter.signature if x) + "</p>")
    parts.append("</div>")
    return "".join(parts)

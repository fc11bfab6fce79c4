"""Settings: language and how models are run (threads, context, GPU layers)."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.documents.ocr import available_languages
from rio_desktop.engine.reasoning import MAX_REASONING_BUDGET, MIN_REASONING_BUDGET
from rio_desktop.engine.server_backend import ServerConfig, check_connection
from rio_desktop.engine.state_cache import StateCache
from rio_desktop.i18n import CORE_CONTEXT, UserFacingError
from rio_desktop.models.loading import ALL_LAYERS
from rio_desktop.models.loading import parse_gpu_layers as parse_gpu_layers_setting
from rio_desktop.secrets import HUB_TOKEN, SERVER_KEY, SecretStoreUnavailable, get_secret, set_secret
from rio_desktop.settings import OPTIONS, Settings
from rio_desktop.tasks.backend_choice import server_config, server_key, server_values
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.computer_panel import ComputerPanel
from rio_desktop.ui.formatting import format_bytes, localized, translate_message
from rio_desktop.ui.jobs import Jobs
from rio_desktop.ui.translations import LANGUAGES


def _title(name: str) -> str:
    return QCoreApplication.translate(CORE_CONTEXT, OPTIONS[name].title)


def _form_row(form: QFormLayout, name: str, widget: QWidget, field: QWidget | None = None) -> None:
    """A row titled with the option's own translatable title (settings.OPTIONS)."""
    field = field or widget
    label = QLabel(_title(name))
    label.setBuddy(field)
    label.setWordWrap(True)
    # A wrapping label gets a narrow size hint, and QFormLayout then wraps (and clips) even short
    # titles beside a one-line field: a title up to 220 px keeps its line.
    label.setMinimumWidth(min(label.fontMetrics().horizontalAdvance(label.text()) + 2, 220))
    field.setAccessibleName(_title(name))
    form.addRow(label, widget)


class SettingsPage(QWidget):
    """One tab of Settings (as Picard's option pages): it builds its fields from the settings, save() writes
    them back; `fields` maps option names to widgets, for the options the administrator locks."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}

    def save(self) -> None:
        raise NotImplementedError

    def lock(self) -> None:
        for name in self.settings.locked:  # set by the administrator for everyone
            if name in self.fields:
                self.fields[name].setEnabled(False)
                self.fields[name].setToolTip(self.tr("Set by the administrator"))


class GeneralPage(SettingsPage):
    """Language, the organisation's templates, OCR and reasoning."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))

        self.reasoning = QComboBox()
        self.reasoning.addItem(self.tr("Automatic: off for letters and rewrites, on for summaries and answers"),
                               "auto")
        self.reasoning.addItem(self.tr("On, within the budget"), "on")
        self.reasoning.addItem(self.tr("Off (faster; models that always think are stopped at once)"), "off")
        self.reasoning.setCurrentIndex(max(0, self.reasoning.findData(settings.get("reasoning"))))
        self.reasoning_budget = QSpinBox()
        self.reasoning_budget.setRange(MIN_REASONING_BUDGET, MAX_REASONING_BUDGET)
        self.reasoning_budget.setSingleStep(256)
        self.reasoning_budget.setSuffix(self.tr(" tokens"))
        self.reasoning_budget.setGroupSeparatorShown(True)  # "1.024 tokens" in pt-BR, as the rest of the window
        self.reasoning_budget.setValue(settings.get("reasoning_budget"))

        self.templates_folder = QLineEdit(settings.get("templates_folder"))
        templates_row = self._templates_row()
        self.reply_subject = QComboBox()
        self.reply_subject.addItem(self.tr("“Resposta ao Ofício nº …” (the letter answered)"), "reference")
        self.reply_subject.addItem(self.tr("The received letter's own subject"), "received")
        self.reply_subject.setCurrentIndex(max(0, self.reply_subject.findData(settings.get("reply_subject"))))

        # Reading scanned pages: automatic (pages without a usable text layer), every page, or never.
        self.ocr_mode = QComboBox()
        self.ocr_mode.addItem(self.tr("Automatic: pages without usable text"), "auto")
        self.ocr_mode.addItem(self.tr("Always: read every page from its image"), "always")
        self.ocr_mode.addItem(self.tr("Never"), "never")
        self.ocr_mode.setCurrentIndex(max(0, self.ocr_mode.findData(settings.get("ocr_mode"))))
        self.ocr_language = QComboBox()
        names = {"por": self.tr("Portuguese"), "eng": self.tr("English"), "spa": self.tr("Spanish")}
        for code in available_languages():  # what the installation holds data for
            self.ocr_language.addItem(names.get(code, code), code)
        self.ocr_language.setCurrentIndex(max(0, self.ocr_language.findData(settings.get("ocr_language"))))

        _form_row(self.form, "language", self.language)
        _form_row(self.form, "templates_folder", templates_row, self.templates_folder)
        _form_row(self.form, "reply_subject", self.reply_subject)
        for name, widget in (("ocr_mode", self.ocr_mode), ("ocr_language", self.ocr_language),
                             ("reasoning", self.reasoning), ("reasoning_budget", self.reasoning_budget)):
            _form_row(self.form, name, widget)
        self.fields = {"language": self.language, "templates_folder": self.templates_folder,
                       "reasoning": self.reasoning, "reasoning_budget": self.reasoning_budget,
                       "ocr_mode": self.ocr_mode, "ocr_language": self.ocr_language,
                       "reply_subject": self.reply_subject}
        describe((
            (self.language, self.tr("The language of Rio Desktop's windows; a change needs a restart")),
            (self.ocr_mode, self.tr("Scanned pages are read from their image on this computer (OCR), offline; "
                                    "slower than pages with text")),
            (self.ocr_language, self.tr("The language scanned pages are written in")),
            (self.reply_subject, self.tr("The subject a reply to a received letter starts with; it stays "
                                         "editable")),
            (self.reasoning, self.tr("Whether the model reasons before it answers. Reasoning is shown apart "
                                     "and never enters a letter, a summary or an export")),
            (self.reasoning_budget, self.tr("At most this many tokens of reasoning per step; then the model "
                                            "must answer")),
        ))

    def _templates_row(self) -> QWidget:
        """The templates folder's field with its Choose… button."""
        self.templates_folder.setPlaceholderText(self.tr("None: the built-in templates only"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose the templates folder"))
        describe(((browse, self.tr("Choose a folder with your organisation's document templates")),))
        browse.clicked.connect(self.choose_templates_action)
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.templates_folder, 1)
        row.addWidget(browse)
        return row_widget

    def choose_templates_action(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The organisation's templates"),
                                                  self.templates_folder.text())
        if folder:
            self.templates_folder.setText(folder)

    def save(self) -> None:
        self.settings.update(language=self.language.currentData(), reasoning=self.reasoning.currentData(),
                             reasoning_budget=self.reasoning_budget.value(),
                             templates_folder=self.templates_folder.text().strip(),
                             ocr_mode=self.ocr_mode.currentData(), ocr_language=self.ocr_language.currentData(),
                             reply_subject=self.reply_subject.currentData())


GB = 1 << 30


class LocalPage(SettingsPage):
    """How models run on this computer: threads, context, GPU layers, the read documents kept on disk, and
    llama.cpp's CPU variant and GPU."""

    def __init__(self, settings: Settings, parent: QWidget | None = None, states: StateCache | None = None) -> None:
        super().__init__(settings, parent)
        self.states = states
        self.threads = QSpinBox()
        self.threads.setRange(0, max(64, os.cpu_count() or 1))
        self.threads.setSpecialValueText(self.tr("Automatic (from the machine's load)"))
        self.threads.setValue(settings.get("n_threads"))

        self.context = QSpinBox()
        self.context.setRange(0, 262_144)
        self.context.setSingleStep(1024)
        self.context.setSpecialValueText(self.tr("Automatic"))
        self.context.setGroupSeparatorShown(True)  # "8.192" in pt-BR, as the Models page writes it
        self.context.setValue(settings.get("n_ctx"))

        # -1 shows "Automatic" (the memory plan decides); a number larger than the model's layers is all.
        self.gpu_layers = QSpinBox()
        self.gpu_layers.setRange(-1, 999)
        self.gpu_layers.setSpecialValueText(self.tr("Automatic (from the memory plan)"))
        layers = parse_gpu_layers_setting(settings.get("gpu_layers"))
        self.gpu_layers.setValue(-1 if layers is None else (999 if layers == ALL_LAYERS else layers))

        size_row = self._states_rows(settings)
        for name, widget in (("n_threads", self.threads), ("n_ctx", self.context), ("gpu_layers", self.gpu_layers),
                             ("states_on_disk", self.states_on_disk)):
            _form_row(self.form, name, widget)
        _form_row(self.form, "states_disk_gb", size_row, self.states_size)
        self.computer = ComputerPanel(self.form, settings, self)
        self.fields = {"n_threads": self.threads, "n_ctx": self.context, "gpu_layers": self.gpu_layers,
                       "states_on_disk": self.states_on_disk, "states_disk_gb": self.states_size}
        describe((
            (self.threads, self.tr("How many processor cores the model uses; Automatic leaves room for other "
                                   "programs")),
            (self.context, self.tr("How much text the model holds at once; more needs more memory. Automatic "
                                   "follows the memory plan")),
            (self.gpu_layers, self.tr("How much of the model runs on the graphics card; Automatic follows the "
                                      "memory plan")),
            (self.states_on_disk, self.tr("After reading a document the model's memory of it is kept, so the next "
                                          "question about it, even tomorrow, does not read it again")),
            (self.states_empty, self.tr("Remove every read document kept on this computer")),
        ))

    def _states_rows(self, settings: Settings) -> QWidget:
        """The read documents kept on disk (engine.state_cache): whether, how much, what is in use, Empty."""
        # A document read once is not read again for the next task, nor after a restart.
        self.states_on_disk = QComboBox()
        for value, text in (("all", self.tr("Yes")),
                            ("no_personal", self.tr("Yes, except documents with personal data (LGPD)")),
                            ("never", self.tr("No (read again after a restart)"))):
            self.states_on_disk.addItem(text, value)
        self.states_on_disk.setCurrentIndex(max(0, self.states_on_disk.findData(settings.get("states_on_disk"))))
        self.states_size = QSpinBox()
        self.states_size.setRange(0, 1024)
        self.states_size.setSuffix(" GB")
        self.states_size.setSpecialValueText(self.tr("Nothing on disk"))
        self.states_size.setValue(settings.get("states_disk_gb"))
        self.states_used = QLabel()
        self.states_empty = QPushButton(self.tr("&Empty"))
        self.states_empty.clicked.connect(self.empty_states_action)
        size_row = QWidget()
        row = QHBoxLayout(size_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.states_size)
        row.addWidget(self.states_used, 1)
        row.addWidget(self.states_empty)
        self.states_used.setVisible(self.states is not None)
        self.states_empty.setVisible(self.states is not None)
        self.show_states_used()
        return size_row

    def show_states_used(self) -> None:
        if self.states is not None:
            self.states_used.setText(self.tr("In use: {size}").format(size=format_bytes(self.states.disk_bytes())))

    def empty_states_action(self) -> None:
        if self.states is not None:
            self.states.clear()
            self.show_states_used()

    def save(self) -> None:
        self.settings.update(n_threads=self.threads.value(), n_ctx=self.context.value(),
                             gpu_layers="auto" if self.gpu_layers.value() < 0 else str(self.gpu_layers.value()),
                             states_on_disk=self.states_on_disk.currentData(),
                             states_disk_gb=self.states_size.value(), **self.computer.values())
        if self.states is not None:
            self.states.configure(disk_limit=self.states_size.value() * GB,
                                  write_to_disk=self.states_on_disk.currentData() != "never")


class ServerPage(SettingsPage):
    """The network: offline or not, the organisation's server (with Test connection) and the hub's token.
    The key and the token go to the system keyring only."""

    def __init__(self, settings: Settings, jobs: Jobs, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.jobs = jobs
        self.offline = QCheckBox(self.tr("Open no network connection (air-gapped machines)"))
        self.offline.setChecked(settings.get("offline"))
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("kept in the system keyring") if get_secret(HUB_TOKEN) is None
                                      else self.tr("a token is stored; type to replace it"))
        self.token.setAccessibleName(self.tr("Hugging Face token"))

        self.backend = QComboBox()
        self.backend.addItem(self.tr("This computer (llama.cpp)"), "local")
        self.backend.addItem(self.tr("The organisation's server"), "server")
        self.backend.setCurrentIndex(max(0, self.backend.findData(settings.get("backend"))))
        self.server_url = QLineEdit(settings.get("server_url"))
        self.server_url.setPlaceholderText("https://llm.organizacao.gov.br/v1")
        self.server_model = QComboBox()
        self.server_model.setEditable(True)
        self.server_model.setCurrentText(settings.get("server_model"))
        self.server_key = QLineEdit()
        self.server_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_key.setPlaceholderText(self.tr("kept in the system keyring") if get_secret(SERVER_KEY) is None
                                           else self.tr("a key is stored; type to replace it"))
        self.server_tls = QCheckBox(self.tr("Verify the server's certificate (recommended)"))
        self.server_tls.setChecked(settings.get("server_verify_tls"))
        self.server_ca = QLineEdit(settings.get("server_ca_bundle"))
        self.server_ca.setPlaceholderText(self.tr("optional: the organisation's CA file (.pem)"))
        self.server_timeout = QSpinBox()
        self.server_timeout.setRange(5, 3600)
        self.server_timeout.setSuffix(" s")
        self.server_timeout.setValue(settings.get("server_timeout"))
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.test_result = QLabel("")
        self.test_result.setWordWrap(True)
        self.test_button.clicked.connect(self.test_action)

        self._lay_out()
        self.fields = {"offline": self.offline, "backend": self.backend, "server_url": self.server_url,
                       "server_model": self.server_model, "server_verify_tls": self.server_tls,
                       "server_ca_bundle": self.server_ca, "server_timeout": self.server_timeout}
        describe((
            (self.offline, self.tr("Rio Desktop opens no network connection at all: no catalogue checks, no "
                                   "downloads")),
            (self.backend, self.tr("Run models on this computer, or send the work to your organisation's server")),
            (self.server_model, self.tr("The model to use on the server; Test connection lists them")),
            (self.server_tls, self.tr("Check the server's certificate (keep this on)")),
            (self.server_timeout, self.tr("How long to wait for the server before giving up")),
            (self.test_button, self.tr("Connect to the server now and show its models and latency")),
        ))

    def _lay_out(self) -> None:
        self.form.addRow(QLabel(self.tr("Network:")), self.offline)
        for label_text, widget in ((self.tr("Models &run on:"), self.backend), (self.tr("Server &address:"),
                                   self.server_url), (self.tr("Server &model:"), self.server_model),
                                   (self.tr("API &key:"), self.server_key), (self.tr("TLS:"), self.server_tls),
                                   (self.tr("CA file:"), self.server_ca), (self.tr("Timeout:"), self.server_timeout),
                                   (self.tr("Hugging Face &token:"), self.token)):
            label = QLabel(label_text)
            label.setBuddy(widget)
            widget.setAccessibleName(label_text.replace("&", "").rstrip(":"))
            self.form.addRow(label, widget)
        self.form.addRow(self.test_button, self.test_result)

    def server_config(self) -> ServerConfig:
        """The server as the fields describe it now, before they are saved (Test connection)."""
        values = server_values(self.settings) | {
            "server_url": self.server_url.text(), "server_model": self.server_model.currentText(),
            "server_verify_tls": self.server_tls.isChecked(), "server_ca_bundle": self.server_ca.text(),
            "server_timeout": self.server_timeout.value()}
        return server_config(values, self.server_key.text().strip() or server_key())

    def test_action(self) -> None:
        config = self.server_config()
        if not config.base_url:
            self.test_result.setText(self.tr("Enter the server's address first, for example "
                                             "http://10.0.0.5:8080/v1 (your IT department has it)."))
            self.server_url.setFocus()
            return
        self.test_result.setText(self.tr("Testing…"))
        self.test_button.setEnabled(False)
        self.jobs.run(lambda _report: check_connection(config), on_done=self.tested_event_response,
                      on_failed=self.test_failed_event_response)

    def test_failed_event_response(self, error: UserFacingError) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(translate_message(error.message))

    def tested_event_response(self, result: dict) -> None:
        self.test_button.setEnabled(True)
        current = self.server_model.currentText()
        self.server_model.clear()
        self.server_model.addItems(result["models"])
        self.server_model.setCurrentText(current or result["model"])
        self.test_result.setText(localized(self.tr(
            "Connected: {n} ({models}); context {ctx}; answered in {ms:.0f} ms."),
            n=self.tr("%n model(s)", "", len(result["models"])), models=", ".join(result["models"]),
            ctx=result["context"] or "?",
            ms=result["latency_s"] * 1000))

    def save(self) -> None:
        self.settings.update(offline=self.offline.isChecked(), backend=self.backend.currentData(),
                             server_url=self.server_url.text().strip(),
                             server_model=self.server_model.currentText().strip(),
                             server_verify_tls=self.server_tls.isChecked(),
                             server_ca_bundle=self.server_ca.text().strip(),
                             server_timeout=self.server_timeout.value())
        for name, field in ((SERVER_KEY, self.server_key), (HUB_TOKEN, self.token)):
            if field.text().strip():
                try:
                    set_secret(name, field.text().strip())
                except SecretStoreUnavailable:
                    QMessageBox.warning(self, self.tr("Secret not saved"), self.tr(
                        "This system has no keyring to keep the token or key safely, so it was not saved. "
                        "Rio Desktop never writes them to a file."))


class SettingsDialog(QDialog):
    """Settings: a tab per page; OK saves every page."""

    def __init__(self, settings: Settings, jobs: Jobs, parent: QWidget | None = None,
                 states: StateCache | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.setMinimumWidth(600)
        self.general = GeneralPage(settings)
        self.local = LocalPage(settings, states=states)
        self.server = ServerPage(settings, jobs)
        self.pages: tuple[SettingsPage, ...] = (self.general, self.local, self.server)
        tabs = QTabWidget()
        for page, title in ((self.general, self.tr("General")), (self.local, self.tr("This computer")),
                            (self.server, self.tr("Server and network"))):
            page.lock()
            tabs.addTab(page, title)
        note = QLabel(self.tr("A new language needs a restart, which Rio Desktop offers (your draft is kept). "
                              "Templates change the next time Rio Desktop starts; OCR settings, the next time a "
                              "document is opened. Context and GPU layers apply the next time a model is loaded; "
                              "threads apply at once."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        # Never smaller than its contents: with word-wrapped labels Qt would otherwise let the dialog
        # shrink below the width its buttons need in a longer language.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(tabs)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def accept(self) -> None:
        for page in self.pages:
            page.save()
        super().accept()

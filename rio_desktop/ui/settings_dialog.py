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
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rio_desktop.i18n import CORE_CONTEXT
from rio_desktop.secrets import HUB_TOKEN, SecretStoreUnavailable, get_secret, set_secret
from rio_desktop.settings import OPTIONS, Settings
from rio_desktop.ui.translations import LANGUAGES


def _title(name: str) -> str:
    return QCoreApplication.translate(CORE_CONTEXT, OPTIONS[name].title)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.setMinimumWidth(460)

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get("language"))))

        self.threads = QSpinBox()
        self.threads.setRange(0, max(64, os.cpu_count() or 1))
        self.threads.setSpecialValueText(self.tr("Automatic (from the machine's load)"))
        self.threads.setValue(settings.get("n_threads"))

        self.context = QSpinBox()
        self.context.setRange(0, 262_144)
        self.context.setSingleStep(1024)
        self.context.setSpecialValueText(self.tr("Automatic"))
        self.context.setValue(settings.get("n_ctx"))

        self.gpu_layers = QSpinBox()
        self.gpu_layers.setRange(-1, 999)
        self.gpu_layers.setSpecialValueText(self.tr("All"))
        self.gpu_layers.setValue(settings.get("n_gpu_layers"))

        self.templates_folder = QLineEdit(settings.get("templates_folder"))
        self.templates_folder.setPlaceholderText(self.tr("None: the built-in templates only"))
        browse = QPushButton(self.tr("Choose…"))
        browse.setAccessibleName(self.tr("Choose the templates folder"))
        browse.clicked.connect(self.choose_templates_action)
        templates_row = QWidget()
        row = QHBoxLayout(templates_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.templates_folder, 1)
        row.addWidget(browse)

        self.offline = QCheckBox(self.tr("Open no network connection (air-gapped machines)"))
        self.offline.setChecked(settings.get("offline"))
        self.token = QLineEdit()
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("kept in the system keyring") if get_secret(HUB_TOKEN) is None
                                      else self.tr("a token is stored; type to replace it"))
        self.token.setAccessibleName(self.tr("Hugging Face token"))

        form = QFormLayout()
        for name, widget in (("language", self.language), ("n_threads", self.threads),
                             ("n_ctx", self.context), ("n_gpu_layers", self.gpu_layers),
                             ("templates_folder", templates_row)):
            label = QLabel(_title(name))
            label.setBuddy(widget)
            label.setWordWrap(True)
            (self.templates_folder if widget is templates_row else widget).setAccessibleName(_title(name))
            if widget is templates_row:
                label.setBuddy(self.templates_folder)
            form.addRow(label, widget)
        form.addRow(QLabel(self.tr("Network:")), self.offline)
        token_label = QLabel(self.tr("Hugging Face &token:"))
        token_label.setBuddy(self.token)
        form.addRow(token_label, self.token)
        note = QLabel(self.tr("The language and the templates change the next time Rio Desktop starts. Context "
                              "and GPU layers apply the next time a model is loaded; threads apply at once."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def choose_templates_action(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("The organisation's templates"),
                                                  self.templates_folder.text())
        if folder:
            self.templates_folder.setText(folder)

    def accept(self) -> None:
        self.settings.update(language=self.language.currentData(), n_threads=self.threads.value(),
                             n_ctx=self.context.value(), n_gpu_layers=self.gpu_layers.value(),
                             templates_folder=self.templates_folder.text().strip(),
                             offline=self.offline.isChecked())
        if self.token.text().strip():
            try:
                set_secret(HUB_TOKEN, self.token.text().strip())
            except SecretStoreUnavailable:
                QMessageBox.warning(self, self.tr("Token not saved"), self.tr(
                    "This system has no keyring to keep the token safely, so it was not saved. Rio Desktop "
                    "never writes tokens to a file."))
        super().accept()

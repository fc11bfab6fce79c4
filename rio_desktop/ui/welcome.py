"""The first-run screen: what this computer can run, and the three ways to get a model."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from rio_desktop.models.catalog import load_catalog, recommend
from rio_desktop.models.hardware import Hardware
from rio_desktop.resources import resource_path
from rio_desktop.ui.accessibility import describe
from rio_desktop.ui.formatting import format_bytes


class WelcomeDialog(QDialog):
    download_requested = Signal(str)  # catalogue entry id
    import_requested = Signal()
    import_folder_requested = Signal()  # a folder exported by another Rio Desktop (USB, no internet)
    server_requested = Signal()

    def __init__(self, hardware: Hardware, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Rio Desktop"))
        self.setAccessibleName(self.tr("Welcome"))
        self.setMinimumWidth(560)
        gpus = ", ".join(f"{g.name} ({format_bytes(g.total_bytes)})" for g in hardware.gpus) or self.tr("none")
        machine = QLabel(self.tr(
            "<h2>Welcome</h2><p>Rio Desktop runs language models on this computer, so documents stay here.</p>"
            "<p><b>This computer:</b> {cpu}, {cores} cores; {ram} of memory; GPU: {gpus}.</p>").format(
            cpu=hardware.cpu["model"], cores=hardware.cpu["physical_cores"],
            ram=format_bytes(hardware.ram["total_bytes"]), gpus=gpus))
        machine.setWordWrap(True)
        entries = load_catalog(resource_path("catalogue", "models.json"))
        choice = recommend(entries, hardware.gpu_free_bytes, hardware.ram["available_bytes"],
                           cores=int(hardware.cpu["physical_cores"]))
        self.recommended = choice[0].id if choice else None
        advice = QLabel(self.tr("<p><b>Recommended:</b> {name}, about {size} to download.</p>").format(
            name=choice[0].name, size=format_bytes(choice[1])) if choice else self.tr(
            "<p>No model of the catalogue fits this computer's memory: use the organisation's server.</p>"))
        advice.setWordWrap(True)
        self.download_button = QPushButton(self.tr("&Download it"))
        self.download_button.setEnabled(choice is not None)
        self.import_button = QPushButton(self.tr("&Import a model file…"))
        self.import_folder_button = QPushButton(self.tr("Import an exported &folder…"))
        self.import_folder_button.setAccessibleDescription(self.tr(
            "A model folder exported for USB by Rio Desktop on another computer"))
        self.server_button = QPushButton(self.tr("Use the organisation's &server…"))
        self.later_button = QPushButton(self.tr("&Later"))
        self.download_button.clicked.connect(lambda: self._close_with(self.download_requested, self.recommended))
        # The file dialogs open over this screen; it closes only when a file or folder was chosen.
        self.import_button.clicked.connect(self.import_requested)
        self.import_folder_button.clicked.connect(self.import_folder_requested)
        self.server_button.clicked.connect(lambda: self._close_with(self.server_requested))
        self.later_button.clicked.connect(self.reject)
        describe((
            (self.download_button, self.tr("Download the recommended model from Hugging Face")),
            (self.import_button, self.tr("Use a GGUF model file you already have")),
            (self.server_button, self.tr("Use your organisation's server instead of this computer")),
            (self.later_button, self.tr("Close this screen; the Models page offers the same later")),
        ))
        # Two rows: the choices are long in Portuguese, and a row of five would not fit a small screen.
        get_model = QHBoxLayout()
        for button in (self.download_button, self.import_button, self.import_folder_button):
            get_model.addWidget(button)
        other = QHBoxLayout()
        other.addWidget(self.server_button)
        other.addStretch(1)
        other.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        # Never smaller than its contents: with word-wrapped labels Qt would otherwise let the dialog
        # shrink below the width its buttons need in a longer language.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(machine)
        layout.addWidget(advice)
        layout.addLayout(get_model)
        layout.addLayout(other)

    def _close_with(self, signal, *args) -> None:  # type: ignore[no-untyped-def]
        self.accept()
        signal.emit(*args)

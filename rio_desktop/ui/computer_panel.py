"""The llama.cpp part of Settings → This computer: the CPU variant and GPU devices in use, and the choices
(force a CPU variant, turn the GPU off), which apply the next time Rio Desktop starts."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QWidget

from rio_desktop.engine import backend_probe, devices, ggml_backends
from rio_desktop.settings import Settings
from rio_desktop.ui.formatting import translate_message


def _size(n_bytes: int) -> str:
    return QLocale().formattedDataSize(n_bytes, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class ComputerPanel(QObject):
    """Adds its rows to the "This computer" form and reads them back for Settings."""

    def __init__(self, form: QFormLayout, settings: Settings, owner: QWidget) -> None:
        super().__init__(owner)

        prepared = backend_probe.prepared()
        self.cpu_variant = QComboBox()
        automatic = self.tr("Automatic")
        if prepared is not None and prepared.backends.dynamic:
            automatic = self.tr("Automatic (now: {name})").format(name=prepared.backends.cpu_variant)
        self.cpu_variant.addItem(automatic, "")
        # The variants this CPU can run, best first (reading their scores loads no kernels).
        for variant in ggml_backends.cpu_variants():
            self.cpu_variant.addItem(variant.name, variant.name)
        index = self.cpu_variant.findData(settings.get("cpu_variant"))
        self.cpu_variant.setCurrentIndex(max(index, 0))
        self.cpu_variant.setEnabled(self.cpu_variant.count() > 1)
        self.cpu_variant.setAccessibleName(self.tr("llama.cpp CPU variant"))
        self.use_gpu = QCheckBox(self.tr("Use the graphics card (GPU) when there is one"))
        self.use_gpu.setChecked(settings.get("use_gpu"))

        if prepared is None:
            in_use = self.tr("Determined when the first model is loaded.")
            devices_text = in_use
        else:
            loaded = prepared.backends
            features = " ".join(loaded.cpu_features)
            in_use = self.tr("CPU: {variant} ({features})").format(variant=loaded.cpu_variant,
                                                            features=features or self.tr("no features reported"))
            gpus = [d for d in devices.backend_devices() if d.kind != "CPU"]
            devices_text = "\n".join(
                self.tr("{name} ({description}): {free} free of {total}").format(
                    name=d.name, description=d.description, free=_size(d.free_bytes), total=_size(d.total_bytes))
                for d in gpus) or self.tr("None: models run on the CPU.")
            for notice in prepared.notices:
                devices_text += "\n" + translate_message(notice)
            skipped = prepared.remembered.get("skipped", {})
            if skipped:
                in_use += "\n" + self.tr("Skipped on this computer: {names}").format(
                    names=", ".join(f"{name} ({why})" for name, why in skipped.items()))
        self.in_use = QLabel(in_use)
        self.devices = QLabel(devices_text)
        for label in (self.in_use, self.devices):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(QLabel(self.tr("llama.cpp in use:")), self.in_use)
        form.addRow(QLabel(self.tr("GPU devices:")), self.devices)
        variant_label = QLabel(self.tr("CPU &variant:"))
        variant_label.setBuddy(self.cpu_variant)
        form.addRow(variant_label, self.cpu_variant)
        form.addRow(QLabel(self.tr("GPU:")), self.use_gpu)
        when = QLabel(self.tr("The CPU variant and the GPU choice apply the next time Rio Desktop starts."))
        when.setWordWrap(True)
        form.addRow(QLabel(""), when)
        for name, widget in (("cpu_variant", self.cpu_variant), ("use_gpu", self.use_gpu)):
            if name in settings.locked:
                widget.setEnabled(False)
                widget.setToolTip(self.tr("Set by the administrator"))
        self.cpu_variant.setToolTip(self.tr("Automatic picks the fastest variant this processor runs correctly; "
                                       "choose another only if the automatic one misbehaves"))
        self.use_gpu.setToolTip(self.tr("Off: models always run on the processor, even with a graphics card"))

    def values(self) -> dict[str, object]:
        return {"cpu_variant": self.cpu_variant.currentData() or "", "use_gpu": self.use_gpu.isChecked()}

"""Settings → This computer: llama.cpp's CPU variant and GPU devices, a forced variant, the GPU off."""

from __future__ import annotations

from pathlib import Path

from rio_desktop.engine import backend_probe, ggml_backends


def test_this_computer_shows_the_backends_and_saves_the_choices(gui, qtbot, loaded_backend, tmp_path: Path) -> None:
    from rio_desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(gui.settings, gui.window)
    panel = dialog.local.computer
    prepared = backend_probe.prepared()
    assert prepared is not None  # the session's model is loaded: the backends are known
    assert prepared.backends.cpu_variant in panel.in_use.text()
    variants = [v.name for v in ggml_backends.cpu_variants()]
    assert [panel.cpu_variant.itemData(i) for i in range(panel.cpu_variant.count())] == ["", *variants]
    if variants:
        panel.cpu_variant.setCurrentIndex(panel.cpu_variant.findData(variants[-1]))
    panel.use_gpu.setChecked(False)
    from PySide6.QtWidgets import QTabWidget

    dialog.findChild(QTabWidget).setCurrentIndex(1)  # This computer
    dialog.grab().save(str(tmp_path / "this-computer.png"))
    dialog.accept()
    assert gui.settings.get("use_gpu") is False
    assert gui.settings.get("cpu_variant") == (variants[-1] if variants else "")

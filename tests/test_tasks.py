"""The use-case layer (rio_desktop.tasks): the window and the command line run the same task objects, and
what a task settles (privacy, its search index's thread) holds for both."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from letter_samples import OFICIO_FIELDS
from openai_faults import FaultyServer
from pdf_factory import text_pdf

from rio_desktop.tasks.ask import AskSession
from rio_desktop.tasks.draft import DraftTask
from rio_desktop.tasks.load import LoadTask
from rio_desktop.tasks.read import ReadTask
from rio_desktop.tasks.summarize import SummarizeTask


def _record(monkeypatch, cls: type, name: str, calls: list[tuple[str, str]]) -> None:
    original = getattr(cls, name)

    def recorded(self, *args, **kwargs):
        calls.append((f"{cls.__name__}.{name}", threading.current_thread().name))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, recorded)


def test_the_window_and_the_command_line_run_the_same_tasks(gui_with_model, qtbot, model_path: Path,
                                                            tmp_path: Path, monkeypatch, capsys) -> None:
    from conftest import open_in_window

    from rio_desktop import __main__ as cli

    calls: list[tuple[str, str]] = []
    for cls, name in ((LoadTask, "prepare"), (ReadTask, "run"), (SummarizeTask, "run"), (AskSession, "ask"),
                      (DraftTask, "run")):
        _record(monkeypatch, cls, name, calls)
    pdf = text_pdf(tmp_path / "memorando.pdf", 1, sentences=3)
    model = ["--model", str(model_path), "--ctx", "2048", "--threads", "2"]
    assert cli.main(["summarize", str(pdf), *model, "--json"]) == 0
    assert cli.main(["ask", str(pdf), "Quantos ônibus elétricos o BRT recebeu?", "--max-tokens", "16", *model,
                     "--json"]) == 0
    (tmp_path / "campos.json").write_text(json.dumps(OFICIO_FIELDS), encoding="utf-8")
    (tmp_path / "notas.txt").write_text("Pedir 100 resmas de papel A4.", encoding="utf-8")
    assert cli.main(["draft", "--fields", str(tmp_path / "campos.json"), "--notes", str(tmp_path / "notas.txt"),
                     "-o", str(tmp_path / "oficio.docx"), *model]) == 0
    capsys.readouterr()
    command_line = [name for name, thread in calls if thread == threading.main_thread().name]
    assert command_line == ["LoadTask.prepare", "ReadTask.run", "LoadTask.prepare", "SummarizeTask.run",
                            "LoadTask.prepare", "ReadTask.run", "LoadTask.prepare", "AskSession.ask",
                            "LoadTask.prepare", "LoadTask.prepare", "DraftTask.run"]

    gui = gui_with_model
    with qtbot.waitSignal(gui.worker.loaded, timeout=60_000):
        gui.window.load_model(model_path)  # the model file is inspected on the worker, not the GUI thread
    page = gui.window.summarize_page
    open_in_window(gui, qtbot, pdf, indexed=True)
    page.summarize_action()
    qtbot.waitUntil(lambda: page.request is None, timeout=120_000)
    assert page.result is not None
    page.questions.question.setText("Quantos ônibus elétricos o BRT recebeu?")
    page.questions.ask_action()
    qtbot.waitUntil(lambda: not page.questions.busy, timeout=120_000)
    draft = gui.window.draft_page
    draft.notes.setPlainText("Pedir 100 resmas de papel A4.")
    draft.generate_action()
    qtbot.waitUntil(lambda: draft.request is None, timeout=120_000)
    window = [name for name, thread in calls if thread == "rio-engine"]
    assert window == ["LoadTask.prepare", "SummarizeTask.run", "AskSession.ask", "DraftTask.run"]  # the worker
    assert [name for name, thread in calls if thread.startswith("rio-jobs")] == ["ReadTask.run"]  # the pool


def test_the_search_index_lives_on_the_worker(gui_with_model, qtbot, tmp_path: Path, monkeypatch) -> None:
    """The Questions tab's search index is opened, used and closed on the inference worker: SQLite's own
    thread check (no longer switched off) would fail any other use."""
    from conftest import open_in_window

    from rio_desktop.documents.search_index import PageSearch

    opened: list[str] = []
    original = PageSearch.open.__func__

    def recorded(cls, *args, **kwargs):
        opened.append(threading.current_thread().name)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(PageSearch, "open", classmethod(recorded))
    failures: list[object] = []
    gui_with_model.worker.unhandled.connect(failures.append)
    page = gui_with_model.window.summarize_page
    open_in_window(gui_with_model, qtbot, text_pdf(tmp_path / "memo.pdf", 2, sentences=3), indexed=True)
    page.questions.question.setText("Quantos ônibus elétricos o BRT recebeu?")
    page.questions.ask_action()
    qtbot.waitUntil(lambda: not page.questions.busy, timeout=120_000)
    assert page.questions.answers and opened == ["rio-engine"] and not failures


def test_the_command_line_sends_placeholders_with_redact(tmp_path: Path, capsys) -> None:
    """--redact: the notes go to the server with placeholders for personal data, and the letter gets the
    originals back (the window asks the clerk the same)."""
    from rio_desktop import __main__ as cli

    (tmp_path / "campos.json").write_text(json.dumps(OFICIO_FIELDS), encoding="utf-8")
    (tmp_path / "notas.txt").write_text("Responder ao CPF 529.982.247-25, e-mail maria@exemplo.com.br.",
                                        encoding="utf-8")
    draft = ["draft", "--fields", str(tmp_path / "campos.json"), "--notes", str(tmp_path / "notas.txt"),
             "-o", str(tmp_path / "oficio.docx"), "--json"]
    with FaultyServer("echo") as server:
        assert cli.main([*draft, "--server", server.url, "--redact"]) == 0
        sent = json.dumps(server.bodies[-1], ensure_ascii=False)
        assert "529.982.247-25" not in sent and "maria@exemplo.com.br" not in sent
        assert "[CPF_1]" in sent and "[EMAIL_1]" in sent
        letter = json.loads(capsys.readouterr().out)["body"]
        assert "[CPF_1]" not in letter  # whatever the model echoed of them came back as the originals
        assert cli.main([*draft, "--server", server.url]) == 0  # without --redact: as it is
        assert "529.982.247-25" in json.dumps(server.bodies[-1], ensure_ascii=False)
    capsys.readouterr()

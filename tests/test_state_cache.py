"""Read each document once: the model's state after a document, kept in memory and on disk (engine.state_cache),
restored by the real llama.cpp for the next question, after a restart too; damaged, foreign, truncated and
half-written files are never loaded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pdf_factory import text_pdf

from rio_desktop.documents.ask import AskOptions, Conversation
from rio_desktop.documents.pdf_text import read_pdf
from rio_desktop.documents.search_index import PageSearch
from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
from rio_desktop.engine.llama_backend import LlamaCppBackend
from rio_desktop.engine.state_cache import SUFFIX, StateCache, StateKeys

KEYS = StateKeys("a" * 64, 2048, "f16", "0.3.36")
TOKENS = list(range(1000, 1100))


def _state(n: int = 4096, fill: int = 7) -> bytearray:
    return bytearray([fill]) * n


def test_a_state_comes_back_from_disk_in_a_new_session(tmp_path: Path) -> None:
    StateCache(tmp_path).put(KEYS, TOKENS, _state())
    later = StateCache(tmp_path)  # a restart: nothing in memory
    prompt = [*TOKENS, 5, 6, 7]
    found = later.find(KEYS, prompt, boundaries=[len(TOKENS)])
    assert found is not None and found.tokens == tuple(TOKENS) and found.data == _state()
    assert later.find(KEYS, [*TOKENS[:50], 5, 6], boundaries=[50]) is None  # only the state after 100 tokens
    assert later.find(KEYS, [1, *prompt], boundaries=[len(TOKENS)]) is None  # not a prefix of this prompt
    fresh = StateCache(tmp_path)
    assert fresh.find(KEYS, prompt, boundaries=[len(TOKENS) - 1]) is None  # another prefix: another file


@pytest.mark.parametrize("change", ["flipped byte", "truncated", "another model", "another context",
                                    "another llama.cpp", "not a state"])
def test_a_damaged_or_foreign_state_file_is_ignored_and_removed(tmp_path: Path, change: str) -> None:
    StateCache(tmp_path).put(KEYS, TOKENS, _state())
    [path] = list(tmp_path.glob(f"*{SUFFIX}"))
    raw = bytearray(path.read_bytes())
    keys = KEYS
    if change == "flipped byte":
        raw[-100] ^= 0x40
        path.write_bytes(raw)
    elif change == "truncated":
        path.write_bytes(raw[:-10])
    elif change == "not a state":
        path.write_bytes(b"GGUF" + bytes(raw[4:]))
    else:  # the file is found under these keys' name, but its header names the keys it was made under
        keys = {"another model": StateKeys("b" * 64, 2048, "f16", "0.3.36"),
                "another context": StateKeys("a" * 64, 4096, "f16", "0.3.36"),
                "another llama.cpp": StateKeys("a" * 64, 2048, "f16", "0.3.37")}[change]
        path.rename(tmp_path / f"{keys.digest(TOKENS)}{SUFFIX}")
    assert StateCache(tmp_path).find(keys, [*TOKENS, 1], boundaries=[len(TOKENS)]) is None
    assert not list(tmp_path.glob(f"*{SUFFIX}"))  # removed: it is made again the next time


def test_the_disk_bound_removes_the_least_recently_used_first(tmp_path: Path) -> None:
    cache = StateCache(tmp_path, disk_limit=3 * 5000)
    prefixes = [[n, *TOKENS] for n in range(4)]
    for prefix in prefixes[:3]:
        cache.put(KEYS, prefix, _state())
        time.sleep(0.02)
    os.utime(tmp_path / f"{KEYS.digest(prefixes[0])}{SUFFIX}")  # the first was used again: kept
    cache.put(KEYS, prefixes[3], _state())
    kept = {p.name for p in tmp_path.glob(f"*{SUFFIX}")}
    assert kept == {f"{KEYS.digest(p)}{SUFFIX}" for p in (prefixes[0], prefixes[2], prefixes[3])}
    assert cache.disk_bytes() <= 3 * 5000
    cache.put(KEYS, [9, *TOKENS], _state(20_000))  # larger than the whole bound: memory only
    assert cache.disk_bytes() <= 3 * 5000 and cache.find(KEYS, [9, *TOKENS, 1]) is not None
    assert cache.clear() > 0 and cache.disk_bytes() == 0 and cache.find(KEYS, [9, *TOKENS, 1]) is None


def test_states_stay_off_the_disk_when_the_clerk_says_so(tmp_path: Path) -> None:
    cache = StateCache(tmp_path)
    cache.put(KEYS, TOKENS, _state(), disk=False)  # a document with personal data, under "no_personal"
    cache.configure(write_to_disk=False)  # "never"
    cache.put(KEYS, [1, *TOKENS], _state())
    assert not list(tmp_path.iterdir())
    assert cache.find(KEYS, [*TOKENS, 1]) is not None  # this session still reads it once


def test_a_process_killed_while_writing_leaves_nothing_that_is_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "states"
    # The child writes a state and is killed after the bytes are written but before the rename (fsync made
    # to hang there): the window a power cut or a kill -9 could hit.
    script = textwrap.dedent(f"""
        import os, time
        from rio_desktop.engine.state_cache import StateCache, StateKeys
        os.fsync = lambda fd: (print("writing", flush=True), time.sleep(60))
        keys = StateKeys("a" * 64, 2048, "f16", "0.3.36")
        from pathlib import Path
        StateCache(Path({str(folder)!r})).put(keys, list(range(1000, 1100)), bytearray(8 << 20))
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    assert list(folder.glob(".*.tmp")) and not list(folder.glob(f"*{SUFFIX}"))
    cache = StateCache(folder)
    assert cache.find(KEYS, [*TOKENS, 1], boundaries=[len(TOKENS)]) is None
    [temporary] = folder.glob(".*.tmp")
    os.utime(temporary, (time.time() - 3600, time.time() - 3600))
    StateCache(folder)  # the next start removes what a dead process left
    assert not list(folder.iterdir())


# -- with the real llama.cpp and the test model --------------------------------------------------------------
def _backend(model_path: Path, folder: Path) -> LlamaCppBackend:
    # One thread count for every run: the greedy answers are compared, and a count chosen from the machine's
    # load could sum the same numbers in another order.
    backend = LlamaCppBackend(n_threads=1, states=StateCache(folder))
    backend.load(LoadParams(model_path=model_path, n_ctx=2048))
    return backend


def _ask(backend: LlamaCppBackend, document, folder: Path, question: str):
    search = PageSearch.open([(p.number, p.text) for p in document.text_pages], folder, document.sha256)
    try:
        return Conversation(backend, document, search, AskOptions(max_tokens=24, temperature=0.0)).ask(question)
    finally:
        search.close()


def _own_tokens(backend: LlamaCppBackend, document, folder: Path, question: str) -> int:
    """The tokens of a question's own words: its user message (our instructions for answering and the
    question), with a few for the chat template's turn markers."""
    search = PageSearch.open([(p.number, p.text) for p in document.text_pages], folder, document.sha256)
    try:
        return backend.count_tokens(Conversation(backend, document, search)._user(question)) + 12
    finally:
        search.close()


def test_a_question_after_a_restart_reads_only_the_question(model_path: Path, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "relatorio.pdf", 4, sentences=4))
    states = tmp_path / "states"
    question = "Quantos ônibus elétricos o BRT Transcarioca recebeu?"
    first_session = _backend(model_path, states)
    try:
        cold = _ask(first_session, document, tmp_path, question)
    finally:
        first_session.unload()
    assert cold.stats.mode == "whole" and cold.stats.prompt_tokens_evaluated == cold.stats.prompt_tokens
    assert len(list(states.glob(f"*{SUFFIX}"))) == 1

    second_session = _backend(model_path, states)  # tomorrow: a new backend, nothing in memory
    try:
        again = _ask(second_session, document, tmp_path, question)
        asked = _own_tokens(second_session, document, tmp_path, question)
        other = _ask(second_session, document, tmp_path, "E quantas turmas de educação infantil foram abertas?")
    finally:
        second_session.unload()
    # Only the end of the system turn, the question with its instruction and the assistant's opening.
    assert again.stats.prompt_tokens == cold.stats.prompt_tokens
    assert again.stats.prompt_tokens_evaluated <= asked, (again.stats, asked)
    assert again.stats.prompt_tokens_evaluated < 0.2 * cold.stats.prompt_tokens  # a 4-page document: the rest is ours
    assert again.raw == cold.raw  # greedy: the restored state answers as the cold read did
    assert other.stats.prompt_tokens_evaluated < 0.2 * cold.stats.prompt_tokens


def test_a_damaged_state_is_read_again_and_answers_the_same(model_path: Path, tmp_path: Path) -> None:
    document = read_pdf(text_pdf(tmp_path / "relatorio.pdf", 3, sentences=4))
    states = tmp_path / "states"
    backend = _backend(model_path, states)
    try:
        cold = _ask(backend, document, tmp_path, "Quantos ônibus elétricos o BRT Transcarioca recebeu?")
    finally:
        backend.unload()
    [path] = states.glob(f"*{SUFFIX}")
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(raw)
    backend = _backend(model_path, states)
    try:
        again = _ask(backend, document, tmp_path, "Quantos ônibus elétricos o BRT Transcarioca recebeu?")
    finally:
        backend.unload()
    assert again.stats.prompt_tokens_evaluated == again.stats.prompt_tokens  # read again, never loaded
    assert again.raw == cold.raw
    assert len(list(states.glob(f"*{SUFFIX}"))) == 1  # and kept again, sound


def test_another_document_in_between_does_not_make_the_first_read_again(model_path: Path, tmp_path: Path) -> None:
    """In one session, memory keeps the first document's state while a second is questioned."""
    backend = LlamaCppBackend(n_threads=1, states=StateCache(None))
    backend.load(LoadParams(model_path=model_path, n_ctx=2048))
    try:
        first = read_pdf(text_pdf(tmp_path / "a.pdf", 3, sentences=4))
        system = "Responda com base no documento.\n\n" + first.text_pages[0].text
        other = "Responda com base no documento.\n\n" + "Outro texto sobre obras públicas. " * 40
        params = GenerationParams(max_tokens=4, temperature=0.0)
        ask = ChatMessage("user", "Resuma.")
        from dataclasses import replace

        cold = backend.chat([ChatMessage("system", system), ask], replace(params, prefix_end=system))
        backend.chat([ChatMessage("system", other), ask], replace(params, prefix_end=other))
        back = backend.chat([ChatMessage("system", system), ask], replace(params, prefix_end=system))
    finally:
        backend.unload()
    assert cold.stats.prompt_tokens_evaluated == cold.stats.prompt_tokens
    assert back.stats.prompt_tokens_evaluated < 20 and back.text == cold.text


def test_settings_show_the_kept_documents_and_empty_them(gui, qtbot, tmp_path: Path) -> None:
    """Settings → This computer: the disk space kept documents may take, what they take now, Empty, and the
    choice to keep documents with personal data (or all) off the disk; saved and applied at once."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabWidget

    from rio_desktop.tasks.states import document_states
    from rio_desktop.ui.settings_dialog import SettingsDialog

    states = document_states(gui.settings, gui.paths.cache)
    states.put(KEYS, TOKENS, _state(3 << 20))
    dialog = SettingsDialog(gui.settings, gui.jobs, gui.window, states)
    page = dialog.local
    dialog.findChild(QTabWidget).setCurrentIndex(1)  # This computer
    dialog.show()
    assert page.states_size.value() == 4 and page.states_on_disk.currentData() == "all"
    assert "3.0 MB" in page.states_used.text()  # binary units, as the Models page writes them
    qtbot.mouseClick(page.states_empty, Qt.MouseButton.LeftButton)
    assert states.disk_bytes() == 0 and "0 B" in page.states_used.text()
    dialog.grab().save(str(tmp_path / "this-computer.png"))
    page.states_on_disk.setCurrentIndex(page.states_on_disk.findData("no_personal"))
    page.states_size.setValue(2)
    dialog.accept()
    assert gui.settings.get("states_on_disk") == "no_personal" and gui.settings.get("states_disk_gb") == 2
    assert states.disk_limit == 2 << 30 and document_states(gui.settings, gui.paths.cache) is states
    page.states_size.setValue(0)  # "Nothing on disk": nothing is written
    page.states_on_disk.setCurrentIndex(page.states_on_disk.findData("never"))
    page.save()
    states.put(KEYS, [1, *TOKENS], _state())
    assert states.disk_bytes() == 0


def test_documents_with_personal_data_stay_off_the_disk_under_no_personal(tmp_path: Path) -> None:
    from rio_desktop.documents.ask import states_may_go_to_disk
    from rio_desktop.documents.pdf_text import PageText, PdfText

    def document(text: str) -> PdfText:
        return PdfText(path=tmp_path / "a.pdf", sha256="0" * 64, pages=[PageText(1, text)])

    plain = document("O contrato de limpeza urbana vale por dois anos.")
    personal = document("Requerente: João da Silva, CPF 529.982.247-25, e-mail joao@example.com.")
    assert states_may_go_to_disk("all", personal) and states_may_go_to_disk("no_personal", plain)
    assert not states_may_go_to_disk("no_personal", personal)
    assert not states_may_go_to_disk("never", plain)


def test_a_question_after_the_summary_does_not_read_the_document_again(model_path: Path, tmp_path: Path) -> None:
    """A summary and a question about one document start with the same tokens (documents.document_prompt):
    the state the summary left is what the question starts from, in this session and after a restart."""
    from rio_desktop.documents.summarize import Summarizer, SummaryOptions

    document = read_pdf(text_pdf(tmp_path / "relatorio.pdf", 4, sentences=4))
    states = tmp_path / "states"
    backend = _backend(model_path, states)
    try:
        summary = Summarizer(backend, SummaryOptions(style="executive", temperature=0.0)).run(document)
        backend.chat([ChatMessage("user", "Olá")], GenerationParams(max_tokens=2))  # something else in between
        question = "Quantos ônibus elétricos o BRT Transcarioca recebeu?"
        answer = _ask(backend, document, tmp_path, question)
        own = _own_tokens(backend, document, tmp_path, question)
    finally:
        backend.unload()
    assert summary.stats.mode == "single"
    assert summary.stats.prompt_tokens_evaluated >= summary.stats.document_tokens  # read once, there
    assert answer.stats.mode == "whole"
    assert answer.stats.prompt_tokens_evaluated <= own, (answer.stats, own)
    later = _backend(model_path, states)  # tomorrow
    try:
        other = "E quantas turmas de educação infantil foram abertas?"
        again = _ask(later, document, tmp_path, other)
        own = _own_tokens(later, document, tmp_path, other)
    finally:
        later.unload()
    assert again.stats.prompt_tokens_evaluated <= own, (again.stats, own)

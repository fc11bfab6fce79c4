"""A walk through the real window in Portuguese, as a clerk's first day goes: the welcome screen and a model
imported, a text PDF and a scan summarized, questions asked (one stopped), an ofício written and exported, a
download that cannot reach the hub, every tab of Settings. After each step the window must fit a 1366×768
laptop screen, show no English, write numbers and dates the Portuguese way, and leave a screenshot
(RIO_TEST_ARTIFACTS=folder keeps them; else they are under the test's tmp_path/walk)."""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

import docx
from conftest import open_in_window, paths_under
from pdf_factory import OFICIO, PARECER, scanned_pdf, text_pdf
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QWidget,
)

from rio_desktop.ui.translations import read_ts, translation_file

ROOT = Path(__file__).resolve().parent.parent
SCREEN_W, SCREEN_H = 1366, 768

# -- telling English from Portuguese ---------------------------------------------------------------------
# Words of English that Portuguese never writes (not "no", "use", "a", "for", "some", "tokens", "hub", "GPU").
_ENGLISH_WORDS = """
the and of with this that these those from into onto your you yours they their there here where when what which
who whose while will would should could can cannot can't don't doesn't isn't won't is are was were be been being
has have had not yet still only each every any than then about after before again also just very much many
on in at to by an it its if or
model models file files loaded load loading summary summaries summarize question questions answer answers
answered asking ask settings cancel cancelled stop stopped stopping download downloads downloading downloaded
size fits fit pages none open save saved export exported computer used reasoning reading writing written
checking searching search check checked available unavailable installed install recommended memory disk space
free needed error failed could unable choose chosen select add remove delete later welcome import imported
folder name letter draft drafts notes body template templates language server network connection ready done
copy copied print printer left right show hide shown next previous always never automatic off yes please
quantization repository catalogue catalog style executive detailed bullet points preparing merging part parts
words text document documents scanned scan blank seconds minutes tokens/s refused reached reach process
processes chronology deadline deadlines pending kind date dates
"""
ENGLISH_ONLY = frozenset(_ENGLISH_WORDS.split())
# Not flagged as words: they are Portuguese too, or data ("tokens", "hub", "GPU", "CPU", "OCR", "download").
for _word in ("no", "use", "a", "as", "do", "for", "some", "more", "tokens", "page"):
    assert _word not in ENGLISH_ONLY, _word
QT_BUTTONS = frozenset({"Cancel", "Apply", "Close", "Yes", "Save", "Open", "Help", "Reset", "Discard", "Abort",
                        "Retry", "Ignore", "Yes to All", "No to All", "Restore Defaults"})
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")
PATHLIKE = re.compile(r"\S*[/\\]\S*|\S+\.(?:pdf|docx|gguf|md|json|pem)\b|https?://\S+", re.IGNORECASE)
# (c) numbers and dates as QLocale writes them in pt-BR.
# ("1.024 tokens" is pt-BR's grouping: a decimal point is followed by one or two digits.)
ENGLISH_NUMBER = re.compile(r"\b\d{4,} tokens\b|\b\d+\.\d{1,2}\s?(?:GB|MB|KB|kB|TB|GiB|MiB|KiB|tokens|ms|s)(?!\w)"
                            r"|\b\d+\.\d{1,2}×")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _plain(text: str) -> str:
    """Text as the eye reads it: rich text's tags gone (its paragraphs as lines), entities decoded, the
    mnemonics' "&" gone."""
    if "<" in text and TAG.search(text):
        text = TAG.sub(" ", re.sub(r"<br\s*/?>|</p>|</h\d>|</li>", "\n", text, flags=re.I))
        text = html.unescape(text)
    text = re.sub(r"&(?=[^&\s])", "", text.replace("&&", "\x00")).replace("\x00", "&")
    return text


def _collapse(text: str) -> str:
    return SPACES.sub(" ", text).strip()


@dataclass
class EnglishSource:
    source: str
    full: re.Pattern
    literal_words: int


def _lupdate() -> str:
    scripts = Path(sys.executable).parent
    for name in ("pyside6-lupdate", "pyside6-lupdate.exe"):
        if (scripts / name).exists():
            return str(scripts / name)
    found = shutil.which("pyside6-lupdate")
    assert found, "pyside6-lupdate (part of PySide6) is missing"
    return found


def _interface_strings() -> list[tuple[str, tuple[str, ...]]]:
    """(source, its pt-BR forms) of every string the code gives tr() today, as lupdate finds them in the
    sources (so a string added since the translation was last updated counts, with no forms)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "rio_desktop_pt_BR.ts"
        shutil.copy(translation_file("pt_BR"), copy)
        sources = sorted(str(p) for p in (ROOT / "rio_desktop").rglob("*.py"))
        result = subprocess.run([_lupdate(), "-silent", *sources, "-ts", str(copy)], capture_output=True,
                                text=True)
        assert result.returncode == 0, result.stderr
        root = ElementTree.parse(copy).getroot()
    strings = []
    for message in root.iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        kind = translation.get("type") if translation is not None else "unfinished"
        if source is None or kind in ("obsolete", "vanished"):  # no longer in the code
            continue
        forms: tuple[str, ...] = ()
        if kind != "unfinished":  # Qt shows no unfinished translation: the source is what is seen
            forms = tuple(f.text or "" for f in translation.iter("numerusform")) or (translation.text or "",)
        strings.append((source, tuple(f for f in forms if f)))
    return strings


@functools.cache
def english_sources() -> list[EnglishSource]:
    """Every source string of the interface that pt-BR says otherwise, or has no translation for: shown as it
    is, it was not translated."""
    found: dict[str, EnglishSource] = {}
    for source, forms in _interface_strings():
        plain = _collapse(_plain(source))
        if (forms and all(_collapse(_plain(form)) == plain for form in forms)) or plain in found:
            continue
        literal = PLACEHOLDER.sub(" ", plain)
        letters = sum(ch.isalpha() for ch in literal)
        words = len(re.findall(r"[A-Za-z]{2,}", literal))
        if letters < 3 or not words:  # "{a} — {b}": nothing English to see
            continue
        parts = PLACEHOLDER.split(plain)
        pattern = r".+?".join(re.escape(part) for part in parts)
        found[plain] = EnglishSource(plain, re.compile(pattern, re.S), words)
    return list(found.values())


def english_problems(text: str, data: list[str], words: bool = True) -> list[str]:
    """Why `text` (shown on screen) is English, if it is: the untranslated source it matches, or its English
    words. `data` (file, model and repository names, paths) is taken out first; `words` off for text the
    model wrote, which only the interface's own sentences may not appear in."""
    for item in sorted(data, key=len, reverse=True):
        if item:
            text = text.replace(item, " ")
    plain = _plain(text)
    whole = _collapse(plain)
    if not whole:
        return []
    lines = [_collapse(line) for line in plain.split("\n") if line.strip()]
    problems = []
    for english in english_sources():
        if any(english.full.fullmatch(candidate) for candidate in (whole, *lines)) or (
                english.literal_words >= 3 and english.full.search(whole)):
            problems.append(f"untranslated {english.source!r}")
    if not words:
        return problems
    if whole in QT_BUTTONS:
        problems.append("Qt's own button, untranslated")
    bare = PATHLIKE.sub(" ", whole)
    tokens = {t for t in re.findall(r"[A-Za-z][A-Za-z'/]*", bare.lower())}
    english = sorted(tokens & ENGLISH_ONLY)
    single = _collapse(re.sub(r"[:….!?]+$|^\W+", "", bare)).lower()
    if len(english) >= 2 or single in ENGLISH_ONLY:
        problems.append(f"English words {english or [single]}")
    return problems


def test_the_english_detector_passes_every_portuguese_translation() -> None:
    """The word list flags no pt-BR translation (a false alarm would make the walk worthless), and flags the
    English sources."""
    flagged = []
    table = read_ts(translation_file("pt_BR"))
    for (context, _source), translation in table.items():
        for form in (translation,) if isinstance(translation, str) else translation:
            shown = PLACEHOLDER.sub("7", form)
            if english_problems(shown, []):
                flagged.append((context, form, english_problems(shown, [])))
    assert flagged == []
    assert english_problems("No model loaded", []) and english_problems("12 pages, 3 with text.", [])
    assert english_problems("relatorio.pdf: 3 páginas, 3 com texto. Load a model on the Models page to "
                            "summarize.", ["relatorio.pdf"])
    assert not english_problems("Nenhum modelo carregado", [])


# -- what is on screen -----------------------------------------------------------------------------------
@dataclass
class Shown:
    where: str
    text: str
    content: bool = False  # written by the model or read from the document: only the interface's sentences


def _name(widget: QWidget) -> str:
    return widget.accessibleName() or widget.objectName() or type(widget).__name__


def visible_texts(top: QWidget, content_widgets: tuple[QWidget, ...] = ()) -> list[Shown]:
    """Every text a clerk sees on `top` now: labels, buttons, titles, tabs, list, combo and table items,
    placeholders, spin boxes, the status bar and the menus; the text of `content_widgets` (the document's,
    the model's) is marked as content."""
    shown: list[Shown] = [Shown("window title", top.windowTitle())]
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() or (widget.window() is not top and widget is not top):
            continue
        where = f"{type(widget).__name__} {_name(widget)!r}"
        content = any(widget is c or c.isAncestorOf(widget) for c in content_widgets)
        if isinstance(widget, QLabel):
            shown.append(Shown(where, widget.text(), content))
        elif isinstance(widget, QAbstractButton):
            shown.append(Shown(where, widget.text()))
        elif isinstance(widget, QGroupBox):
            shown.append(Shown(where, widget.title()))
        elif isinstance(widget, QTabBar):
            shown += [Shown(where, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            shown += [Shown(where, widget.item(i).text()) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            shown += [Shown(where, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                if header is not None:
                    shown.append(Shown(where + " header", header.text()))
                for row in range(widget.rowCount()):
                    item = widget.item(row, column)
                    if item is not None:
                        shown.append(Shown(f"{where} cell {row},{column}", item.text()))
        elif isinstance(widget, QAbstractSpinBox):
            shown.append(Shown(where, widget.text()))
            if "tokens" in widget.accessibleName() + widget.text():  # a count of tokens, not a year
                shown += [Shown(where, f"{m.group()} tokens") for m in re.finditer(r"\b\d{4,}\b", widget.text())]
        elif isinstance(widget, QLineEdit):
            if not widget.text() and not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
                shown.append(Shown(where + " placeholder", widget.placeholderText()))
        elif isinstance(widget, QTextBrowser):
            shown.append(Shown(where, widget.toPlainText(), True))
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)) and widget.document().isEmpty():
            shown.append(Shown(where + " placeholder", widget.placeholderText()))
    if isinstance(top, QMainWindow):
        shown.append(Shown("status bar", top.statusBar().currentMessage()))
        for action in top.menuBar().actions():
            shown.append(Shown("menu", action.text()))
            if action.menu() is not None:
                shown += [Shown(f"menu {action.text()!r}", a.text()) for a in action.menu().actions()
                          if not a.isSeparator()]
    return [s for s in shown if s.text and s.text.strip()]


@dataclass
class Walk:
    """The walk's state: where screenshots go, what is data (names, paths), the dialogs that came up."""

    folder: Path
    data: list[str] = field(default_factory=list)
    content: tuple[QWidget, ...] = ()
    messages: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text) of message boxes
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes
    step: int = 0
    docx_texts: list[tuple[str, str]] = field(default_factory=list)

    def check(self, top: QWidget, name: str) -> None:
        """(a) fits 1366×768, (b) no English, (c) numbers and dates the pt-BR way, (d) a screenshot."""
        QCoreApplication.processEvents()
        self.step += 1
        problems = []
        hint, minimum = top.minimumSizeHint(), top.minimumSize()
        width, height = max(hint.width(), minimum.width()), max(hint.height(), minimum.height())
        if width > SCREEN_W or height > SCREEN_H:
            problems.append(f"{name}: needs at least {width}×{height} px, more than a {SCREEN_W}×{SCREEN_H} screen")
        if isinstance(top, QDialog) and (top.width() > SCREEN_W or top.height() > SCREEN_H):
            problems.append(f"{name}: opens at {top.width()}×{top.height()} px")
        shown = visible_texts(top, self.content)
        shown += [Shown(f"message box {kind} {title!r}", text) for kind, title, text in self.messages]
        shown += [Shown(f"message box {kind} title", title) for kind, title, _text in self.messages]
        self.messages.clear()
        for item in shown:
            for problem in english_problems(item.text, self.data, words=not item.content):
                problems.append(f"{item.where}: {item.text!r}: {problem}")
            if not item.content:
                for pattern in (ENGLISH_NUMBER, ISO_DATE):
                    for match in pattern.finditer(item.text):
                        problems.append(f"{item.where}: {item.text!r}: {match.group()!r} is not written by QLocale")
            elif ISO_DATE.search(item.text):
                problems.append(f"{item.where}: an ISO date in {item.text!r}")
        for where, text in self.docx_texts:
            problems += [f"{where}: ISO date {m.group()!r}" for m in ISO_DATE.finditer(text)]
        self.docx_texts.clear()
        shot = self.folder / f"{self.step:02d}-{name}.png"
        top.grab()  # the PDF view renders its pages in the background when first painted: let them arrive
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.02)
        assert top.grab().save(str(shot)), shot
        assert not problems, "\n".join([f"step {self.step} ({name}):", *dict.fromkeys(problems)])

    # QMessageBox's static functions, answered without a modal loop (offscreen, one would wait for ever).
    def install_message_boxes(self, monkeypatch) -> None:
        def recorder(kind: str):
            def show(_parent, title, text, *_args, **_kwargs):
                self.messages.append((kind, title, text))
                return self.answer if kind == "question" else QMessageBox.StandardButton.Ok
            return show

        for kind in ("question", "warning", "information", "critical"):
            monkeypatch.setattr(QMessageBox, kind, recorder(kind))


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


class ProgressWatch:
    """What the Summarize page shows while a summary is written, read every 250 ms: the bar and the stage."""

    def __init__(self, page) -> None:
        self.page = page
        self.samples: list[tuple[float, tuple]] = []
        self.timer = QTimer()
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.sample)

    def shown(self) -> tuple:
        bar = self.page.progress
        return (bar.isVisible(), bar.minimum(), bar.maximum(), bar.value(), self.page.stage_label.text())

    def sample(self) -> None:
        self.samples.append((time.monotonic(), self.shown()))

    def __enter__(self) -> ProgressWatch:
        self.sample()
        self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.timer.stop()
        self.sample()

    def longest_still(self) -> tuple[float, tuple]:
        """The longest time the bar and stage showed the same thing while the summary ran, and what."""
        longest, what = 0.0, ()
        start, last = self.samples[0]
        for when, state in self.samples[1:]:
            if state != last:
                start, last = when, state
            elif when - start > longest:
                longest, what = when - start, state
        return longest, what


def _summarize(page, qtbot, timeout_s: int = 150) -> None:
    """Summarize the open document with the button, the bar and stage watched (never still for more than
    5 s); a result has points, a failure says so and leaves nothing that looks like a summary."""
    assert page.summarize_button.isEnabled()
    with ProgressWatch(page) as watch:
        qtbot.mouseClick(page.summarize_button, Qt.MouseButton.LeftButton)
        assert page.request is not None and page.cancel_button.isEnabled()
        qtbot.waitUntil(lambda: page.request is None, timeout=timeout_s * 1000)
    still, what = watch.longest_still()
    assert still <= 5.0, f"the progress showed {what} for {still:.1f} s without a change"
    ended = page.stage_label.text()
    stages = [state[-1] for _when, state in watch.samples]
    while stages and stages[-1] == ended:  # the timer may see the last words before the request is cleared
        stages.pop()
    assert ended.strip() and ended not in stages[1:]  # how it ended, said in words not used while it ran
    if page.result is not None:
        assert page.result.points, "a summary without points was delivered as a result"
        assert page.summary_view.toPlainText().strip() and page.copy_button.isEnabled()
    else:  # failed (the tiny model may write nothing checkable, twice): nothing that looks like a summary
        assert page.summary_view.toPlainText().strip() == ""
        assert not page.copy_button.isEnabled() and not page.export_button.isEnabled()


def test_walk_through_the_window_in_portuguese(qtbot, tmp_path: Path, model_path: Path, monkeypatch) -> None:
    from rio_desktop.models.catalog import load_catalog
    from rio_desktop.models.hardware import detect
    from rio_desktop.resources import resource_path
    from rio_desktop.ui.app import Gui
    from rio_desktop.ui.settings_dialog import SettingsDialog

    folder = Path(os.environ.get("RIO_TEST_ARTIFACTS") or tmp_path / "walk")
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{_closed_port()}")  # no hub to reach
    home = paths_under(tmp_path / "home").ensure()
    (home.config / "settings.json").write_text(json.dumps({"language": "pt_BR", "n_ctx": 2048}), encoding="utf-8")
    translations = read_ts(translation_file("pt_BR"))
    gui = Gui(home)
    try:
        window = gui.window
        qtbot.addWidget(window)
        assert QCoreApplication.translate("MainWindow", "Summarize") == "Resumir"  # the translation is in
        window.resize(SCREEN_W, SCREEN_H)
        window.show()
        walk = Walk(folder)
        _check = walk.check  # after each step: fits 1366×768, no English, pt-BR numbers and dates, a screenshot
        walk.install_message_boxes(monkeypatch)
        entries = load_catalog(resource_path("catalogue", "models.json"))
        cpu = detect(home.models, with_llama=False).cpu.get("model") or ""
        walk.data += [str(tmp_path), str(model_path), model_path.name, "English", cpu, "Rio Desktop"]
        walk.data += [e.name for e in entries] + [r for e in entries for r in e.repos]

        # 1. The first run: the welcome screen, then a model file imported (used where it is) and loaded.
        dialog = window.show_welcome()
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        _check(dialog, "welcome")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(model_path), "GGUF (*.gguf)"))
        walk.answer = QMessageBox.StandardButton.No  # "Copy it into the models folder?" No: in place
        dialog.import_button.click()
        assert not dialog.isVisible()
        assert [kind for kind, _title, _text in walk.messages] == ["question"]  # copy it, or use it in place?
        qtbot.waitUntil(lambda: gui.worker.model_info is not None and window.load_request is None, timeout=90_000)
        walk.answer = QMessageBox.StandardButton.Yes
        info = gui.worker.model_info
        walk.data += [info.display_name, info.name, info.path.name, info.architecture, str(info.path.parent)]
        qtbot.waitUntil(lambda: window.models_page.installed_tab.table.rowCount() == 1, timeout=30_000)
        _check(window, "model-loaded")
        models = window.models_page
        models.tabs.setCurrentWidget(models.installed_tab)  # where it is listed, and how it would run here
        _check(window, "model-installed")

        # 2. A text PDF summarized, then a scan (read by OCR) summarized too.
        window.navigation.setCurrentRow(0)
        page = window.summarize_page
        walk.content = (page.summary_view, page.questions.view, page.page_text.text, page.thinking.panel)
        report = text_pdf(tmp_path / "relatorio.pdf", 3, sentences=4)
        walk.data.append(report.name)
        open_in_window(gui, qtbot, report)
        _check(window, "text-pdf-open")
        _summarize(page, qtbot)
        if page.result is not None:
            page.export_to(tmp_path / "resumo.docx")
            qtbot.waitUntil(lambda: page.export_job is None, timeout=30_000)
            walk.docx_texts.append(("resumo.docx", _docx_text(tmp_path / "resumo.docx")))
        _check(window, "text-pdf-summary")

        scan = scanned_pdf(tmp_path / "oficio-digitalizado.pdf", [("scan", OFICIO), ("scan", PARECER)])
        walk.data.append(scan.name)
        page.open_document(scan)
        qtbot.waitUntil(lambda: page.read_job is None, timeout=120_000)
        assert page.document is not None and page.document.path == scan
        assert [p.source for p in page.document.pages] == ["ocr", "ocr"]
        _summarize(page, qtbot)
        _check(window, "scan-summary")

        # 3. Questions about the report: two answered, a third stopped with the panel's own Stop button.
        panel = page.questions
        index = page.recent.findData(str(report))
        assert index > 0
        page.recent.activated.emit(index)  # chosen among the recent documents
        qtbot.waitUntil(lambda: page.read_job is None and panel.search is not None, timeout=60_000)
        page.side_tabs.setCurrentWidget(panel)
        for question in ("Quantos ônibus elétricos o BRT Transcarioca recebeu?",
                         "E quantas mudas foram plantadas?"):
            before = len(panel.answers)
            panel.question.setText(question)
            panel.ask_action()
            assert panel.busy
            qtbot.waitUntil(lambda: not panel.busy, timeout=120_000)
            assert len(panel.answers) == before + 1, panel.status.text()
        _check(window, "questions-answered")
        panel.question.setText("Quantos atendimentos as clínicas da família realizaram?")  # page 3
        panel.ask_action()
        assert panel.stop_button.isVisible() and not panel.ask_button.isVisible()
        reading = translations[("QuestionsPanel", "Reading the pages for the answer… {percent}")].split("{")[0]
        qtbot.waitUntil(lambda: panel.status.text().startswith(reading), timeout=60_000)
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not panel.busy, timeout=60_000)
        stopped = (translations[("QuestionsPanel", "Stopped.")],
                   translations[("QuestionsPanel", "Stopped. What the model had written is kept.")])
        assert panel.status.text() in stopped and panel.status.text().startswith("Interrompido")
        assert panel.ask_button.isVisible() and not panel.stop_button.isVisible()
        _check(window, "question-stopped")

        # 4. An ofício written from notes and exported to Word.
        window.navigation.setCurrentRow(1)
        draft = window.draft_page
        walk.content += (draft.body, draft.preview)
        draft.form["subject"].insert("aquisição de computadores")
        draft.form["addressee.name"].insert("João da Silva")
        draft.form["addressee.office"].insert("Secretário Municipal de Saúde")
        draft.notes.setPlainText("Pedir 20 computadores novos para a coordenação; os atuais têm dez anos.")
        _check(window, "draft-form")
        assert draft.generate_button.isEnabled()
        draft.generate_action()
        assert draft.request is not None
        qtbot.waitUntil(lambda: draft.request is None, timeout=120_000)
        assert draft.body.toPlainText().strip()
        letter = tmp_path / "oficio.docx"
        draft.export_to(letter)
        qtbot.waitUntil(lambda: draft.export_job is None, timeout=30_000)
        text = _docx_text(letter)
        assert "aquisição de computadores" in text.lower() or "Aquisição de computadores" in text
        walk.docx_texts.append((letter.name, text))
        walk.docx_texts.append(("the letter's preview", draft.preview.text()))
        _check(window, "draft-exported")

        # 5. The catalogue: a download with no hub to reach fails, and says so.
        window.navigation.setCurrentRow(2)
        models.tabs.setCurrentIndex(models.CATALOG_TAB)
        catalog = models.catalog_tab
        qtbot.waitUntil(lambda: catalog.hardware is not None, timeout=30_000)
        qtbot.waitUntil(catalog.isVisible, timeout=5_000)
        _check(window, "catalogue")
        catalog.list.setCurrentRow(next(i for i, e in enumerate(catalog.entries) if e.id == "smollm2-135m-instruct"))
        catalog.table.selectRow(0)
        qtbot.mouseClick(catalog.download_button, Qt.MouseButton.LeftButton)
        [(_job, (row, _task))] = list(catalog.downloads.items())
        qtbot.waitUntil(lambda: not catalog.downloads and bool(row.detail.text()), timeout=60_000)
        refused = translations[("Core", "{what}: {host} refused the connection. The hub (or the mirror set in "
                                        "HF_ENDPOINT) is not running; try again later.")]
        assert refused.split("{host}")[1][:20] in row.detail.text(), row.detail.text()
        assert row.resume_button.isVisible()
        _check(window, "download-failed")

        # 6. Settings, every tab (window.settings_action would open it modally).
        dialog = SettingsDialog(gui.settings, gui.jobs, window)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(dialog.isVisible, timeout=5_000)
        tabs = dialog.findChild(QTabWidget)
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            _check(dialog, f"settings-{index + 1}")
        dialog.reject()
        QApplication.processEvents()
    finally:
        for translator in gui.translators:  # later tests read English again
            QCoreApplication.instance().removeTranslator(translator)
        assert gui.shutdown(5)

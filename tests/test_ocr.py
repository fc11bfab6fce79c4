"""Scanned pages read by OCR: generated scans of Portuguese pages, degraded like a scanner does, read by
the real tesseract in the real reader process."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest
from pdf_factory import GARBAGE_LAYER, OFICIO, PARECER, page_text, scanned_pdf

from rio_desktop.documents.ocr import OcrOptions, available_languages, ocr_options
from rio_desktop.documents.ocr_cache import OcrCache
from rio_desktop.documents.pdf_text import ReadCancelled, ReadProgress, read_pdf
from rio_desktop.documents.text_layer import is_garbage, usable
from rio_desktop.engine.backend import CancelToken

ROOT = Path(__file__).resolve().parent.parent


def normalize(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def character_error_rate(read: str, truth: str) -> float:
    """Edit distance over the length of the truth, whitespace normalized."""
    a, b = normalize(read), normalize(truth)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / len(b)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory):
    """text page, light scan, blank scan, scan under a garbage text layer, text page; read once."""
    folder = tmp_path_factory.mktemp("mixed")
    path = scanned_pdf(folder / "processo.pdf", [("text", ""), ("scan", OFICIO), ("blank", ""),
                                                ("garbage", PARECER), ("text", "")])
    seen: list[ReadProgress] = []
    document = read_pdf(path, progress=seen.append, ocr=OcrOptions(cache_dir=folder / "cache"))
    return path, document, seen, folder / "cache"


def test_a_light_scan_is_read_with_few_errors_and_its_accents(mixed) -> None:
    _, document, _, _ = mixed
    page = document.pages[1]
    assert page.status == "ok" and page.source == "ocr"
    assert page.confidence is not None and page.confidence > 80 and not page.low_confidence
    cer = character_error_rate(page.text, OFICIO)
    assert cer < 0.02, (cer, page.text)
    for word in ("Ofício", "orçamentária", "execução", "regiões", "ações", "comissão", "Conceição", "até"):
        assert word in page.text
    assert {"ç", "ã", "õ", "é", "í", "á"} <= set(page.text)


def test_a_mixed_document_is_read_page_by_page_in_order(mixed) -> None:
    _, document, seen, _ = mixed
    assert [p.number for p in document.pages] == [1, 2, 3, 4, 5]
    assert [p.source for p in document.pages] == ["text", "ocr", "none", "ocr", "text"]
    assert [p.status for p in document.pages] == ["ok", "ok", "no_text", "ok", "ok"]
    assert "página 1" in document.pages[0].text
    assert "página 5" in document.pages[4].text and document.pages[0].confidence is None
    # The garbage layer was recognised as such and the page's image read instead.
    assert GARBAGE_LAYER[:10] not in document.pages[3].text
    assert character_error_rate(document.pages[3].text, PARECER) < 0.02
    # The blank page: no text, no crash, named as having none.
    assert document.pages[2].text == "" and document.pages_with("no_text") == [3]
    assert any("3" in str(w) and "blank" in str(w) for w in document.warnings())
    assert document.ocr_runs == 3 and document.ocr_seconds > 0
    # Progress named the pages read by OCR, with a time left once one page was done.
    assert [s.done + 1 for s in seen if s.ocr] == [2, 3, 4]
    assert all(s.eta_s is not None for s in seen if s.ocr)
    assert seen[-1].done == seen[-1].total == 5


def test_the_second_reading_takes_the_ocr_from_the_cache(mixed) -> None:
    path, first, _, cache = mixed
    started = time.monotonic()
    second = read_pdf(path, ocr=OcrOptions(cache_dir=cache))
    assert second.ocr_runs == 0 and second.ocr_cached == 3  # no page went through tesseract
    assert [(p.text, p.source, p.confidence) for p in second.pages] == \
        [(p.text, p.source, p.confidence) for p in first.pages]
    assert time.monotonic() - started < first.ocr_seconds
    # Entries are kept per document, language and page.
    store = OcrCache(cache)
    assert store.pages(first.sha256, "por") == {2, 3, 4} and store.pages(first.sha256, "eng") == set()
    assert store.get(first.sha256, "por", 2).text.startswith("Ofício") and store.get("0" * 64, "por", 2) is None


def test_ocr_never_and_always(mixed, tmp_path: Path) -> None:
    path, _, _, _ = mixed
    never = read_pdf(path, ocr=OcrOptions(mode="never"))
    assert [p.source for p in never.pages] == ["text", "none", "none", "none", "text"]
    assert any("OCR" in str(w) and "off" in str(w) for w in never.warnings())
    single = scanned_pdf(tmp_path / "texto.pdf", [("text", page_text(2))])
    always = read_pdf(single, ocr=OcrOptions(mode="always"))
    assert always.pages[0].source == "ocr" and "Transporte" in always.pages[0].text


def test_a_poor_scan_is_named_and_an_unreadable_one_left_out(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "manchado.pdf", [("scan-stained", OFICIO), ("scan-heavy", PARECER)])
    document = read_pdf(path, ocr=OcrOptions())
    stained, heavy = document.pages
    # The first lines were read; the drowned rest lowers the page's confidence.
    assert stained.status == "ok" and stained.low_confidence and "Ofício" in stained.text
    assert document.low_confidence_pages == [1]
    assert heavy.status == "failed" and heavy.text == ""
    warnings = [str(w) for w in document.warnings()]
    assert any("poor scan" in w and "1" in w for w in warnings)
    assert any("could not be read" in w and "2" in w for w in warnings)


def test_cancel_during_ocr_stops_within_a_second(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "longo.pdf", [("scan", OFICIO), ("scan", PARECER), ("scan", OFICIO)])
    cancel = CancelToken()
    cancelled_at: list[float] = []

    def progress(state: ReadProgress) -> None:
        if state.ocr and not cancelled_at:  # tesseract is working on the first page now
            threading.Timer(0.3, lambda: (cancelled_at.append(time.monotonic()), cancel.cancel())).start()

    with pytest.raises(ReadCancelled):
        read_pdf(path, cancel=cancel, progress=progress, ocr=OcrOptions())
    assert cancelled_at and time.monotonic() - cancelled_at[0] < 1.0


def test_a_page_whose_ocr_runs_too_long_is_timed_out_and_named(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "lento.pdf", [("text", ""), ("scan", OFICIO), ("text", "")])
    document = read_pdf(path, ocr=OcrOptions(), ocr_timeout=0.2)
    assert [p.status for p in document.pages] == ["ok", "timeout", "ok"]
    assert "took too long" in " ".join(str(w) for w in document.warnings()) and "2" in str(document.warnings()[0])


def test_garbage_text_layers_are_told_from_text() -> None:
    assert is_garbage(GARBAGE_LAYER) and not usable(GARBAGE_LAYER)
    assert not is_garbage(OFICIO) and usable(OFICIO)
    table = "Item 1 ..... 1.234,56\n2 ..... 987,00\n3 ..... 12.500,00\nTotal ..... 14.721,56"
    assert not is_garbage(table)  # a table of figures is text
    assert not usable("Anexo I")  # too little to stand for a page
    assert ocr_options("sempre", "klingon", None) == OcrOptions("auto", "por", None)
    assert available_languages() == ["por"]  # the shipped data


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rio_desktop", *args], input=stdin, capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def test_text_command_json(mixed, tmp_path: Path) -> None:
    path, _, _, _ = mixed
    copy = tmp_path / "copia.pdf"
    result = _cli("text", str(path), "--json", "--searchable", str(copy))
    assert result.returncode == 0, result.stderr
    assert read_pdf(copy).pages[1].source == "text"  # the copy's text layer holds the OCR text
    data = json.loads(result.stdout)
    assert set(data) == {"pages", "warnings"}
    assert [set(p) for p in data["pages"]] == [{"number", "text", "source", "confidence", "status"}] * 5
    assert [p["source"] for p in data["pages"]] == ["text", "ocr", "none", "ocr", "text"]
    assert [p["number"] for p in data["pages"]] == [1, 2, 3, 4, 5]
    assert isinstance(data["pages"][1]["confidence"], float) and data["pages"][0]["confidence"] is None
    assert "Conceição" in data["pages"][1]["text"] and data["pages"][2]["status"] == "no_text"
    assert all(isinstance(w, str) for w in data["warnings"]) and data["warnings"]
    plain = _cli("text", str(path), "--ocr", "never")
    assert plain.returncode == 0 and plain.stdout.count("\f") == 5 and "Conceição" not in plain.stdout


def test_text_command_bad_input_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "planilha.pdf"
    bad.write_text("não é pdf", encoding="utf-8")
    result = _cli("text", str(bad), "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr and not result.stdout
    assert result.stderr.strip().splitlines() == ["rio-desktop: planilha.pdf is not a PDF file. Choose a PDF document."]
    locked = scanned_pdf(tmp_path / "sigiloso.pdf", [("scan", PARECER)])
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(locked))
    writer.encrypt("rio2026")
    writer.write(locked)
    wrong = _cli("text", str(locked), "--password-stdin", stdin="errada\n")
    assert wrong.returncode == 1 and "does not open" in wrong.stderr
    right = _cli("text", str(locked), "--password-stdin", "--json", stdin="rio2026\n")
    assert right.returncode == 0, right.stderr
    assert json.loads(right.stdout)["pages"][0]["source"] == "ocr"  # PDFium renders the encrypted page


def test_a_summary_of_a_partly_scanned_pdf_cites_the_scanned_page(loaded_backend, tmp_path: Path) -> None:
    from rio_desktop.documents.summarize import Summarizer, SummaryOptions

    path = scanned_pdf(tmp_path / "processo.pdf", [("text", page_text(1, 2)), ("scan", OFICIO),
                                                    ("scan-stained", PARECER)])
    document = read_pdf(path, ocr=OcrOptions())
    assert [p.source for p in document.pages] == ["text", "ocr", "ocr"] and document.low_confidence_pages == [3]
    result = Summarizer(loaded_backend, SummaryOptions(temperature=0.0)).run(document)
    cited = {page for point in result.points for page in point.pages}
    assert 2 in cited, result.summary  # the scanned ofício reached the model and its page is cited
    assert cited <= {1, 2, 3} and result.uncertain_pages == [3]
    assert any("poor scan" in str(w) and "3" in str(w) for w in result.warnings)
    for point in result.points:
        line = next(line for line in result.summary.splitlines() if point.text in line)
        assert ("[confira:" in line) == (3 in point.pages)


def test_points_citing_a_poor_scan_are_marked_in_the_window_and_in_exports(tmp_path: Path) -> None:
    from docx import Document as Docx

    from rio_desktop.documents.citations import SummaryPoint
    from rio_desktop.documents.export import export
    from rio_desktop.documents.pdf_text import PageText, PdfText
    from rio_desktop.documents.summarize import SummaryOptions, SummaryResult, SummaryStats, summary_document
    from rio_desktop.ui.summarize_page import summary_html

    source = PdfText(path=tmp_path / "processo.pdf", sha256="a" * 64, ocr_mode="auto", pages=[
        PageText(1, "texto", "ok", "text"), PageText(2, "lido", "ok", "ocr", 41.0)])
    result = SummaryResult(points=[SummaryPoint("O contrato foi aprovado", [1]),
                                   SummaryPoint("A obra termina em março", [1, 2])],
                           options=SummaryOptions(language="en"), stats=SummaryStats(),
                           warnings=source.warnings(), uncertain_pages=source.low_confidence_pages)
    assert result.summary.splitlines() == ["- O contrato foi aprovado (p. 1)",
                                           "- A obra termina em março (pp. 1, 2) [check: page read from a poor scan]"]
    page_html = summary_html(result, "gray", "check it")
    assert page_html.count("⚠") == 1 and page_html.index("março") < page_html.index("⚠")
    document = summary_document(result, source, "modelo", "b" * 64)
    assert any("poor scan" in w and "2" in w for w in document.warnings)
    markdown = export(document, tmp_path / "resumo.md").read_text(encoding="utf-8")
    assert "março (pp. 1, 2) [check: page read from a poor scan]" in markdown
    docx = "\n".join(p.text for p in Docx(str(export(document, tmp_path / "resumo.docx"))).paragraphs)
    assert "[check: page read from a poor scan]" in docx and docx.count("[check:") == 1


def test_a_searchable_copy_carries_the_ocr_text_where_the_words_are(mixed, tmp_path: Path) -> None:
    import pypdfium2

    from rio_desktop.documents.export import ExportError
    from rio_desktop.documents.searchable import save_searchable_copy

    path, document, _, _ = mixed
    copy = save_searchable_copy(document, tmp_path / "processo-pesquisavel.pdf")
    again = read_pdf(copy, ocr=OcrOptions(mode="never"))  # the text layer alone, no OCR
    assert [p.source for p in again.pages] == ["text", "text", "none", "text", "text"]
    assert character_error_rate(again.pages[1].text, OFICIO) < 0.03 and "Conceição" in again.pages[1].text
    assert again.pages[0].text == document.pages[0].text  # text pages untouched
    # The invisible word sits where the image shows it (PDFium measures from the bottom-left).
    left, top, right, bottom, _ = next(b for b in document.ocr_words[2] if b[4].startswith("Conceição"))
    page = pypdfium2.PdfDocument(str(copy))[1]
    found = page.get_textpage().search("Conceição").get_next()
    assert found is not None
    box = page.get_textpage().get_charbox(found[0])  # (left, bottom, right, top) of its first letter
    assert abs(box[0] - left) < 4 and abs((page.get_height() - box[3]) - top) < 6
    # The scanned page still shows the same image.
    original = pypdfium2.PdfDocument(str(path))[1].render(scale=0.5, grayscale=True).to_pil()
    assert page.render(scale=0.5, grayscale=True).to_pil().tobytes() == original.tobytes()
    with pytest.raises(ExportError) as nothing:
        save_searchable_copy(read_pdf(copy, ocr=OcrOptions(mode="never")), tmp_path / "nada.pdf")
    assert "no pages read by OCR" in str(nothing.value.message)


def test_a_born_digital_page_of_few_words_is_not_sent_to_ocr(tmp_path: Path) -> None:
    """A chapter divider ("Capítulo 2 - Diagnóstico") has too little text to pass for a page, but no image:
    OCR read it at 69.8 and the summary warned of a poor scan (issue 23). A scan with a short stamp is still read."""
    from fpdf import FPDF
    from pdf_factory import page_image

    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=28)
    pdf.add_page()
    pdf.set_xy(20, 120)
    pdf.cell(170, 20, "Capitulo 2 - Sintese")
    pdf.add_page()  # a scan with a scanner's stamp as its only text layer
    pdf.image(page_image("O BRT Transcarioca recebeu quarenta novos ônibus elétricos."), x=0, y=0, w=210)
    pdf.set_font("helvetica", size=8)
    pdf.set_xy(10, 5)
    pdf.cell(60, 5, "Digitalizado")
    path = tmp_path / "capitulo.pdf"
    pdf.output(str(path))
    document = read_pdf(path, ocr=OcrOptions(cache_dir=tmp_path / "cache"))
    divider, scan = document.pages
    assert divider.source == "text" and divider.status == "ok" and "Capitulo 2" in divider.text
    assert document.ocr_runs == 1 and scan.source == "ocr" and "Transcarioca" in scan.text
    assert divider.number not in document.low_confidence_pages

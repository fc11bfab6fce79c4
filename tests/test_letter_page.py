"""The printed page of a letter against the Manual's rules, measured on rendered pixels; the printer draws
the same page as the PDF export; fonts embedded."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from rio_desktop.documents.letter import compose, load_templates
from rio_desktop.documents.letter_export import LetterProvenance, export_letter
from rio_desktop.documents.letter_layout import RULES, layout_letter
from rio_desktop.documents.letter_rules import LetterFields
from rio_desktop.resources import resource_path

POPPLER = shutil.which("pdftoppm") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils (pdftoppm, pdftotext)")
DPI = 300
PT_MM = 25.4 / 72
FIELDS = {
    "number": 652, "year": 2026, "sectors": ["CGTI", "SMF"], "date": "2026-12-01",
    "department": "Coordenadoria-Geral de Tecnologia da Informação",
    "addressee": {"name": "João da Silva", "office": "Secretário Municipal de Saúde", "treatment": "excelencia",
                  "address": ["Rua Afonso Cavalcanti, 455", "20211-110 Rio de Janeiro/RJ"]},
    "subject": "aquisição de computadores", "relation": "higher",
    "signatory": {"name": "Maria Souza", "office": "coordenadora-geral de tecnologia da informação"},
}
PARAGRAPH = ("Informo a Vossa Excelência que a Coordenadoria-Geral de Tecnologia da Informação necessita de vinte "
             "computadores novos — os atuais têm dez anos —, e que a manutenção custa “muito” mais; § 3º do art. "
             "5º, 1ª ordem. Solicito a autorização para a aquisição, conforme o processo nº 12/2026.")
PROVENANCE = LetterProvenance(template="oficio", model_name="test", model_sha256="c" * 64, created="2026-12-01")


def _letter(paragraphs: int = 8):
    templates, _ = load_templates(resource_path("templates"))
    template = {t.id: t for t in templates}["oficio"]
    body = "\n\n".join(f"{PARAGRAPH} Item {n}." for n in range(1, paragraphs + 1))
    return compose(template, LetterFields.from_dict(FIELDS), body)


@dataclass(frozen=True)
class Box:
    """A word's box in millimetres from the page's top-left corner."""

    page: int
    text: str
    left: float
    top: float
    right: float
    bottom: float


def words(pdf: Path) -> tuple[int, list[Box]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    boxes: list[Box] = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)'
                                 r"</word>", page):
            x0, y0, x1, y1 = (float(match.group(i)) * PT_MM for i in range(1, 5))
            boxes.append(Box(number, match.group(5), x0, y0, x1, y1))
    return out.count("<page "), boxes


def render(pdf: Path, folder: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(folder / "page")], check=True)
    return [Image.open(path).convert("L") for path in sorted(folder.glob("page-*.pgm"))]


def ink(image: Image.Image, left: float, top: float, right: float, bottom: float) -> tuple[float, ...] | None:
    """The bounding box (mm) of the dark pixels inside a region given in mm; None when it is blank."""
    scale = DPI / 25.4
    region = image.crop((round(left * scale), round(top * scale), round(right * scale), round(bottom * scale)))
    box = region.point(lambda v: 255 if v < 140 else 0).getbbox()
    if box is None:
        return None
    return (left + box[0] / scale, top + box[1] / scale, left + box[2] / scale, top + box[3] / scale)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letter")
    letter = _letter()
    pdf = export_letter(letter, folder / "oficio.pdf", PROVENANCE)
    return letter, pdf, render(pdf, folder), words(pdf)[1]


def _word_ink(images, boxes: list[Box], text: str, page: int = 1, nth: int = 0) -> tuple[float, ...]:
    found = [b for b in boxes if b.text == text and b.page == page][nth]
    measured = ink(images[page - 1], found.left - 1, found.top - 0.5, found.right + 1, found.bottom + 0.5)
    assert measured is not None, text
    return measured


# What the Manual prescribes, where it is measured, in millimetres: (rule, measure, expected, tolerance).
# The tolerance covers the glyphs' side bearings (the ink of "S" starts a little after its origin).
PAGE_RULES = [
    ("emblem 2 cm from the top edge", "emblem_top", 20.0, 0.3),
    ("emblem centred between the margins", "emblem_centre", 112.5, 0.3),
    ("letterhead centred between the margins", "letterhead_centre", 112.5, 0.6),
    ("letterhead inside the 5 cm header area", "letterhead_bottom_max", 50.0, None),
    ("identification's line starts below the 5 cm", "identification_line_top_min", 50.0, None),
    ("an empty line between letterhead and identification", "letterhead_gap_min", 12 * 25.4 / 72 * 0.9, None),
    ("identification at the left margin (3 cm)", "identification_left", 30.0, 0.4),
    ("date ends at the right margin (1.5 cm)", "date_right", 195.0, 0.4),
    ("vocative 2.5 cm in", "vocative_left", 55.0, 0.4),
    ("about two empty lines between the subject and the vocative", "subject_gap", 2 * 12 * 25.4 / 72, 1.2),
    ("paragraph number at the margin", "number_left", 30.0, 0.4),
    ("numbered paragraph's text 2.5 cm in", "first_word_left", 55.0, 0.4),
    ("justified lines end at the right margin", "justified_right", 195.0, 0.4),
    ("continuation lines at the margin", "continuation_left", 30.0, 0.4),
    ("closing 2.5 cm in", "closing_left", 55.0, 0.4),
    ("about 3 cm for the signature", "signature_space", 30.0, 2.0),
    ("signatory's name centred", "name_centre", 112.5, 0.6),
    ("footer inside the bottom 2 cm", "footer_top_min", 277.0, None),
    ("nothing below the text area on page 1 but the footer", "page1_text_bottom_max", 277.0, None),
    ("page 2 starts at the top margin", "page2_top", 20.0, 1.0),
    ("page number on page 2 centred", "page_number_centre", 112.5, 0.5),
    ("page number inside the bottom 2 cm", "page_number_top_min", 277.0, None),
    ("no page number on page 1", "page1_number", 0.0, None),
]


def _measure(name: str, letter, images, boxes: list[Box]) -> float:
    first = images[0]
    if name == "emblem_top":
        return ink(first, 0, 0, 210, 40)[1]
    if name == "emblem_centre":
        box = ink(first, 60, 0, 150, 36)
        return (box[0] + box[2]) / 2
    if name == "letterhead_centre":
        line = [b for b in boxes if b.page == 1 and b.text in ("Coordenadoria-Geral", "Informação")]
        box = ink(first, 30, line[0].top - 0.5, 195, line[0].bottom + 0.5)
        return (box[0] + box[2]) / 2
    if name == "letterhead_bottom_max":
        return _word_ink(images, boxes, "Coordenadoria-Geral")[3]
    if name == "identification_line_top_min":
        return next(b for b in boxes if b.text == "OFÍCIO").top
    if name == "letterhead_gap_min":
        last = next(b for b in boxes if b.text == "Coordenadoria-Geral")
        return next(b for b in boxes if b.text == "OFÍCIO").top - last.bottom
    if name == "identification_left":
        return _word_ink(images, boxes, "OFÍCIO")[0]
    if name == "date_right":
        return _word_ink(images, boxes, "2026.")[2]
    if name == "subject_gap":
        subject = next(b for b in boxes if b.text == "Assunto:")
        vocative = [b for b in boxes if b.text == "Senhor"][1]
        return vocative.top - subject.bottom
    if name == "vocative_left":
        return _word_ink(images, boxes, "Senhor", nth=1)[0]  # the first is "o Senhor" in the addressing
    if name == "number_left":
        return _word_ink(images, boxes, "1")[0]
    if name == "first_word_left":
        return _word_ink(images, boxes, "Informo")[0]
    if name in ("justified_right", "continuation_left"):
        number = next(b for b in boxes if b.page == 1 and b.text == "1")
        below = number.bottom + 1.5  # the paragraph's second line
        box = ink(first, 25, below, 200, below + 4)
        return box[2] if name == "justified_right" else box[0]
    closing = next(b for b in boxes if b.text == "Respeitosamente,")
    images_page = images[closing.page - 1]
    if name == "closing_left":
        return _word_ink(images, boxes, "Respeitosamente,", page=closing.page)[0]
    if name == "signature_space":
        name_box = _word_ink(images, boxes, "MARIA", page=closing.page)
        return name_box[1] - closing.bottom
    if name == "name_centre":
        box = ink(images_page, 30, closing.bottom + 20, 195, closing.bottom + 38)
        return (box[0] + box[2]) / 2
    footer = _word_ink(images, boxes, "prefeitura.rio")
    if name == "footer_top_min":
        return footer[1]
    if name == "page1_text_bottom_max":
        return ink(first, 0, 0, 210, footer[1] - 0.5)[3]
    if name == "page2_top":
        return ink(images[1], 0, 0, 210, 40)[1]
    if name == "page_number_centre":
        box = ink(images[1], 0, 277, 210, 297)
        return (box[0] + box[2]) / 2
    if name == "page_number_top_min":
        return ink(images[1], 0, 277, 210, 297)[1]
    if name == "page1_number":
        return float(any(b.page == 1 and b.text == "1" and b.top > 277 for b in boxes))
    raise AssertionError(name)


@needs_poppler
@pytest.mark.parametrize(("rule", "measure", "expected", "tolerance"), PAGE_RULES, ids=[r[0] for r in PAGE_RULES])
def test_the_page_measured_in_pixels(rendered, rule: str, measure: str, expected: float,
                                     tolerance: float | None) -> None:
    letter, _pdf, images, boxes = rendered
    assert len(images) == 2
    value = _measure(measure, letter, images, boxes)
    if measure.endswith("_min"):
        assert value >= expected, f"{rule}: {value:.2f} mm"
    elif measure.endswith("_max"):
        assert value <= expected, f"{rule}: {value:.2f} mm"
    elif tolerance is None:
        assert value == expected, rule
    else:
        assert abs(value - expected) <= tolerance, f"{rule}: measured {value:.2f} mm, expected {expected} mm"


def test_every_pdf_embeds_carlito(rendered) -> None:
    _letter_, pdf, _images, _boxes = rendered
    reader = PdfReader(str(pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded TrueType
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"Carlito", "CarlitoBold"}
    text = " ".join(page.extract_text() for page in reader.pages)
    for piece in ("—", "“muito”", "§ 3º", "1ª", "Informação", "Tecnologia", "nº 12/2026"):
        assert piece in text, piece  # full Unicode, and "ti" copies as two letters


def test_the_layout_keeps_the_manual_rules_for_a_short_letter() -> None:
    letter = _letter(paragraphs=2)
    layout = layout_letter(letter)
    assert len(layout.pages) == 1
    assert letter.paragraph_numbers() == ["", ""]  # fewer than three paragraphs are not numbered
    firsts = [w for w in layout.pages[0].words if w.text == "Informo"]
    assert all(abs(w.x - (RULES.left + RULES.indent)) < 0.01 for w in firsts)


@needs_poppler
def test_print_is_the_export(gui, tmp_path: Path) -> None:
    """Ctrl+P to a PDF printer gives the exported pages: same page count, every word within 1 mm."""
    from PySide6.QtPrintSupport import QPrinter

    page = gui.window.draft_page
    page.form.set_values(FIELDS)
    page.template.setCurrentIndex(page.template.findData("oficio"))
    page.body.setPlainText("\n\n".join(f"{PARAGRAPH} Item {n}." for n in range(1, 9)))
    exported = export_letter(page.letter(), tmp_path / "export.pdf", PROVENANCE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "print.pdf"))
    assert page.print_to(printer)
    exported_pages, exported_words = words(exported)
    printed_pages, printed_words = words(tmp_path / "print.pdf")
    assert printed_pages == exported_pages == 2
    assert [w.text for w in printed_words] == [w.text for w in exported_words]
    worst = max(max(abs(a.left - b.left), abs(a.top - b.top), abs(a.right - b.right), abs(a.bottom - b.bottom))
                for a, b in zip(printed_words, exported_words, strict=True))
    assert worst < 1.0, f"a word is {worst:.2f} mm away from its place in the export"
    # The printed page's pixels: margins and indents as in the export.
    (tmp_path / "e").mkdir()
    (tmp_path / "p").mkdir()
    exported_images = render(exported, tmp_path / "e")
    printed_images = render(tmp_path / "print.pdf", tmp_path / "p")
    for a, b in zip(exported_images, printed_images, strict=True):
        box_a, box_b = ink(a, 0, 0, 210, 297), ink(b, 0, 0, 210, 297)
        assert all(abs(x - y) < 0.5 for x, y in zip(box_a, box_b, strict=True)), (box_a, box_b)


def test_the_preview_shows_the_printed_pages(gui, qtbot) -> None:
    page = gui.window.draft_page
    page.form.set_values(FIELDS)
    page.body.setPlainText("\n\n".join(f"{PARAGRAPH} Item {n}." for n in range(1, 9)))
    assert page.preview.page_count() == 2
    text = page.preview.text()
    assert "Coordenadoria-Geral de Tecnologia da Informação" in text and "OFÍCIO Nº 652/2026/CGTI/SMF" in text
    assert "MARIA SOUZA" in text
    label = page.preview.labels[0]
    pixmap = label.pixmap()
    assert pixmap.width() > 0 and abs(pixmap.height() / pixmap.width() - 297 / 210) < 0.01

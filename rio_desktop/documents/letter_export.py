"""A letter as DOCX and PDF with the page rules of the padrão ofício.

A4; margins left 3 cm, right 1.5 cm, top and bottom 2 cm; letterhead centred on the first page only;
body justified, single spacing, 6 pt after each paragraph, first-line indent 2.5 cm; closing indented
2.5 cm; signature centred; page numbers centred in the footer from the second page on. DOCX uses Calibri
12 pt; the PDF uses the PDF core font Helvetica, metrically close, so that no font file is needed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from rio_desktop import APP_NAME, __version__
from rio_desktop.documents.export import ExportError, pdf_safe_text, write_document
from rio_desktop.documents.letter import Letter
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message

PAGE_W_CM, PAGE_H_CM = 21.0, 29.7
MARGIN_LEFT_CM, MARGIN_RIGHT_CM, MARGIN_TOP_CM, MARGIN_BOTTOM_CM = 3.0, 1.5, 2.0, 2.0
INDENT_CM = 2.5
FONT_NAME, FONT_PT = "Calibri", 12
SPACE_AFTER_PT = 6


@dataclass(frozen=True)
class LetterProvenance:
    template: str
    model_name: str
    model_sha256: str
    created: str
    app_version: str = __version__


def _docx(letter: Letter, provenance: LetterProvenance) -> bytes:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    section.left_margin, section.right_margin = Cm(MARGIN_LEFT_CM), Cm(MARGIN_RIGHT_CM)
    section.top_margin, section.bottom_margin = Cm(MARGIN_TOP_CM), Cm(MARGIN_BOTTOM_CM)
    section.different_first_page_header_footer = True

    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(FONT_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT_NAME)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def paragraph(container, text: str, align=WD_ALIGN_PARAGRAPH.LEFT, bold: bool = False,
                  first_indent: float | None = None, left_indent: float | None = None, after: float = 0):
        p = container.add_paragraph()
        p.alignment = align
        fmt = p.paragraph_format
        fmt.space_after = Pt(after)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if first_indent is not None:
            fmt.first_line_indent = Cm(first_indent)
        if left_indent is not None:
            fmt.left_indent = Cm(left_indent)
        run = p.add_run(text)
        run.bold = bold
        return p

    # Letterhead: first page only, centred, single spacing.
    header = section.first_page_header
    header.paragraphs[0].text = ""
    if letter.template.logo is not None:
        header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.paragraphs[0].add_run().add_picture(str(letter.template.logo), height=Cm(1.8))
    for line in letter.letterhead:
        paragraph(header, line, WD_ALIGN_PARAGRAPH.CENTER)
    first_footer = section.first_page_footer
    first_footer.paragraphs[0].text = ""
    for line in letter.footer:
        paragraph(first_footer, line, WD_ALIGN_PARAGRAPH.CENTER)
    # Page numbers, centred, from the second page on (the default footer; the first page has its own).
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)

    if letter.identification:
        paragraph(document, letter.identification, after=SPACE_AFTER_PT * 2)
    if letter.place_date:
        paragraph(document, letter.place_date, WD_ALIGN_PARAGRAPH.RIGHT, after=SPACE_AFTER_PT * 2)
    for index, line in enumerate(letter.addressing):
        last = index == len(letter.addressing) - 1
        paragraph(document, line, after=SPACE_AFTER_PT * 2 if last else 0)
    if letter.subject:
        paragraph(document, letter.subject, bold=True, after=SPACE_AFTER_PT * 2)
    if letter.vocative:
        paragraph(document, letter.vocative, first_indent=INDENT_CM, after=SPACE_AFTER_PT)
    for text in letter.body:
        paragraph(document, text, WD_ALIGN_PARAGRAPH.JUSTIFY, first_indent=INDENT_CM, after=SPACE_AFTER_PT)
    paragraph(document, letter.closing, first_indent=INDENT_CM, after=SPACE_AFTER_PT * 4)
    for line in letter.signature:
        if line:
            paragraph(document, line, WD_ALIGN_PARAGRAPH.CENTER)

    properties = document.core_properties
    properties.title = letter.identification or letter.subject
    properties.author = APP_NAME
    properties.subject = letter.subject[:250]
    properties.category = f"template: {provenance.template}"
    properties.keywords = f"model: {provenance.model_name[:120]}; sha256: {provenance.model_sha256[:129]}"
    properties.comments = f"app_version: {provenance.app_version}; created: {provenance.created}"
    properties.version = provenance.app_version
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(letter: Letter, provenance: LetterProvenance) -> bytes:
    from fpdf import FPDF

    cm = 10.0  # fpdf works in millimetres

    class LetterPdf(FPDF):
        def header(self) -> None:
            if self.page_no() != 1:
                return
            self.set_font("helvetica", "", FONT_PT)
            if letter.template.logo is not None:
                self.image(str(letter.template.logo), x=(self.w - 18) / 2, h=18)
            for line in letter.letterhead:
                self.cell(0, 5, pdf_safe_text(line), align="C", new_x="LMARGIN", new_y="NEXT")
            if letter.letterhead:
                self.ln(6)

        def footer(self) -> None:
            self.set_y(-MARGIN_BOTTOM_CM * cm + 4)
            self.set_font("helvetica", "", 9)
            if self.page_no() == 1:
                for line in letter.footer:
                    self.cell(0, 4, pdf_safe_text(line), align="C", new_x="LMARGIN", new_y="NEXT")
            else:
                self.cell(0, 4, str(self.page_no()), align="C")

    pdf = LetterPdf(format="A4", unit="mm")
    pdf.set_margins(MARGIN_LEFT_CM * cm, MARGIN_TOP_CM * cm, MARGIN_RIGHT_CM * cm)
    pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM_CM * cm + 4)
    pdf.set_title(pdf_safe_text(letter.identification or letter.subject))
    pdf.set_author(APP_NAME)
    pdf.set_creator(f"{APP_NAME} {provenance.app_version}")
    pdf.set_subject(pdf_safe_text(letter.subject))
    pdf.set_keywords(pdf_safe_text(f"template: {provenance.template}; model: {provenance.model_name}; "
                               f"model_sha256: {provenance.model_sha256}; app_version: {provenance.app_version}; "
                               f"created: {provenance.created}"))
    pdf.add_page()
    pdf.set_font("helvetica", "", FONT_PT)
    line_h = FONT_PT * 0.3528 * 1.15  # single spacing
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def line(text: str, align: str = "L", bold: bool = False, after: float = 0) -> None:
        pdf.set_font("helvetica", "B" if bold else "", FONT_PT)
        pdf.multi_cell(width, line_h, pdf_safe_text(text), align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after * 0.3528)

    def indented(texts: list[str], align: str, after: float) -> None:
        pdf.set_font("helvetica", "", FONT_PT)
        with pdf.text_columns(text_align=align, line_height=1.15) as columns:
            for text in texts:
                with columns.paragraph(first_line_indent=INDENT_CM * cm, bottom_margin=after * 0.3528) as par:
                    par.write(pdf_safe_text(text))

    if letter.identification:
        line(letter.identification, after=SPACE_AFTER_PT * 2)
    if letter.place_date:
        line(letter.place_date, align="R", after=SPACE_AFTER_PT * 2)
    for index, text in enumerate(letter.addressing):
        line(text, after=SPACE_AFTER_PT * 2 if index == len(letter.addressing) - 1 else 0)
    if letter.subject:
        line(letter.subject, bold=True, after=SPACE_AFTER_PT * 2)
    if letter.vocative:
        indented([letter.vocative], "L", SPACE_AFTER_PT)
    indented(letter.body, "J", SPACE_AFTER_PT)
    indented([letter.closing], "L", SPACE_AFTER_PT * 4)
    for text in letter.signature:
        if text:
            line(text, align="C")
    return bytes(pdf.output())


def export_letter(letter: Letter, path: Path, provenance: LetterProvenance) -> Path:
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ExportError(Message(QT_TRANSLATE_NOOP(
            "Core", "Letters are exported to Word (.docx) and PDF (.pdf), not to '{suffix}'."),
            suffix=suffix or path.name))
    data = _docx(letter, provenance) if suffix == ".docx" else _pdf(letter, provenance)
    return write_document(path, data)

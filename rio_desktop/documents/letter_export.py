"""A letter as DOCX and PDF, from its one layout (letter_layout): the PDF draws the laid-out pages (the
same pages the printer and the preview draw), with Carlito embedded; the DOCX sets the same blocks as
Word paragraphs in Calibri (Word picks Carlito where Calibri is missing) with the same page rules.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from rio_desktop import APP_NAME, __version__
from rio_desktop.documents import fonts
from rio_desktop.documents.export import ExportError, write_document
from rio_desktop.documents.letter import Letter
from rio_desktop.documents.letter_layout import PT_MM, RULES, LetterLayout, PageRules, layout_letter, letter_blocks
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message


@dataclass(frozen=True)
class LetterProvenance:
    template: str
    model_name: str
    model_sha256: str
    created: str
    app_version: str = __version__

    def keywords(self) -> str:
        return (f"template: {self.template}; model: {self.model_name}; model_sha256: {self.model_sha256}; "
                f"app_version: {self.app_version}; created: {self.created}")


def _docx(letter: Letter, provenance: LetterProvenance, rules: PageRules = RULES) -> bytes:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT,
              "center": WD_ALIGN_PARAGRAPH.CENTER, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
    head, body, footer_blocks = letter_blocks(letter, rules)
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(rules.width), Mm(rules.height)
    section.left_margin, section.right_margin = Mm(rules.left), Mm(rules.right)
    section.top_margin, section.bottom_margin = Mm(rules.top), Mm(rules.bottom)
    section.header_distance = Mm(rules.top)  # the emblem 2 cm from the top edge
    section.footer_distance = Mm(rules.bottom / 4)
    section.different_first_page_header_footer = True

    normal = document.styles["Normal"]
    normal.font.name = fonts.DOCX_FAMILY
    normal.font.size = Pt(rules.font_pt)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), fonts.DOCX_FAMILY)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def add(container, block, after_mm: float | None = None):
        p = container.add_paragraph()
        p.alignment = aligns[block.align]
        fmt = p.paragraph_format
        fmt.space_after = Mm(block.space_after if after_mm is None else after_mm)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.keep_with_next = block.keep_with_next
        if block.number:
            # The number at the margin, the text at the indent: a tab stop there, continuation lines at
            # the margin (the same as the PDF).
            fmt.tab_stops.add_tab_stop(Mm(block.first_indent))
            run = p.add_run(f"{block.number}\t")
        elif block.first_indent:
            fmt.first_line_indent = Mm(block.first_indent)
        run = p.add_run(block.text)
        run.bold = block.style == "B"
        run.font.size = Pt(block.size)
        return p

    # Letterhead: first page only, emblem on the top margin, the header area 5 cm from the top.
    header = section.first_page_header
    first = header.paragraphs[0]
    first.text = ""
    if letter.template.logo is not None and letter.template.layout == "oficio":
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first.paragraph_format.space_after = Mm(rules.emblem_gap)
        first.add_run().add_picture(str(letter.template.logo), height=Mm(rules.emblem_height))
    for index, block in enumerate(head):
        last = index == len(head) - 1
        add(header, block, after_mm=rules.part_after_pt * PT_MM if last else 0)
    first_footer = section.first_page_footer
    first_footer.paragraphs[0].text = ""
    for block in footer_blocks:
        add(first_footer, block)
    # Page numbers, centred, from the second page on (the default footer; the first page has its own).
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run()
    run.font.size = Pt(rules.page_number_pt)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    for block in body:
        add(document, block)
    # python-docx starts the body with one empty paragraph: the text starts with the identification.
    empty = document.paragraphs[0]
    if not empty.text and len(document.paragraphs) > 1:
        empty._element.getparent().remove(empty._element)

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


def add_carlito(pdf) -> None:
    """Carlito regular, bold, italic and bold italic, embedded (subset) in the PDF."""
    for style in fonts.STYLES:
        pdf.add_font(fonts.FAMILY, style, str(fonts.font_file(style)))


def layout_pdf(layout: LetterLayout, title: str = "", subject: str = "", keywords: str = "") -> bytes:
    """The laid-out pages as a PDF: every word where the layout put it (the printer draws the same)."""
    from fpdf import FPDF

    rules = layout.rules
    pdf = FPDF(format=(rules.width, rules.height), unit="mm")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(title)
    pdf.set_author(APP_NAME)
    pdf.set_creator(f"{APP_NAME} {__version__}")
    pdf.set_subject(subject)
    pdf.set_keywords(keywords)
    add_carlito(pdf)
    for page in layout.pages:
        pdf.add_page()
        for picture in page.pictures:
            pdf.image(str(picture.path), x=picture.x, y=picture.y, w=picture.width, h=picture.height)
        for word in page.words:
            pdf.set_font(fonts.FAMILY, word.style, word.size)
            pdf.text(word.x, word.y, word.text)
    return bytes(pdf.output())


def export_letter(letter: Letter, path: Path, provenance: LetterProvenance) -> Path:
    suffix = path.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise ExportError(Message(QT_TRANSLATE_NOOP(
            "Core", "Letters are exported to Word (.docx) and PDF (.pdf), not to '{suffix}'."),
            suffix=suffix or path.name))
    if suffix == ".docx":
        data = _docx(letter, provenance)
    else:
        data = layout_pdf(layout_letter(letter), title=letter.identification or letter.subject,
                          subject=letter.subject, keywords=provenance.keywords())
    return write_document(path, data)

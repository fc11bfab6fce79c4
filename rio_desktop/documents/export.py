"""Exporting a summary to Markdown, DOCX and PDF, with its provenance in the file's metadata.

Provenance answers "where did this text come from": the source file and its sha256, the model and its
file's sha256, the application version, the date, the style and the language.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rio_desktop import APP_NAME, __version__
from rio_desktop.atomic import write_atomically
from rio_desktop.documents.fonts import DOCX_FAMILY, FAMILY, STYLES, font_file
from rio_desktop.engine.backend import ModelInfo
from rio_desktop.hashing import model_sha256
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.text_files import text_file_bytes

FORMATS = (".md", ".docx", ".pdf")
BULLET = "•"
# A table in a body: Markdown's pipe rows ("| a | b |"), the first the header, "| --- |" rows skipped;
# a "|" inside a cell is written "\|".
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def table_row(cells: Sequence[str]) -> str:
    """One row of a body's table, its cells' own "|" escaped."""
    return "| " + " | ".join(" ".join(str(c).split()).replace("|", "\\|") for c in cells) + " |"


def _cells(line: str) -> list[str]:
    return [c.strip().replace("\\|", "|") for c in _CELL_SPLIT.split(line.strip().strip("|"))]


def _blocks(body: str) -> list[tuple[str, object]]:
    """The body as ("line", text) and ("table", rows) blocks, a table's separator row left out."""
    blocks: list[tuple[str, object]] = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("|"):
            cells = _cells(stripped)
            if all(set(c) <= set("-: ") and c for c in cells):
                continue
            if blocks and blocks[-1][0] == "table":
                blocks[-1][1].append(cells)  # type: ignore[attr-defined]
            else:
                blocks.append(("table", [cells]))
        else:
            blocks.append(("line", stripped))
    return blocks


class ExportError(UserFacingError):
    """The file could not be written."""


@dataclass(frozen=True)
class Provenance:
    source_name: str
    source_sha256: str
    model_name: str
    model_sha256: str
    app_version: str = __version__
    created: str = ""
    style: str = ""
    language: str = ""
    # Which page numbers the citations use: "printed labels" (the PDF's own) or "position in file".
    page_numbering: str = ""

    @staticmethod
    def now() -> str:
        return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()

    def lines(self) -> list[str]:
        return [f"{key}: {value}" for key, value in asdict(self).items()]


def loaded_model_sha256(info: ModelInfo | None, cache_dir: Path | None = None) -> str:
    """sha256 of the loaded model's file(s), for provenance; "" for a server model (there is no file)."""
    if info is None or not info.parts:
        return ""
    return model_sha256(info.parts, cache_dir)


@dataclass
class Document:
    """What is exported: a title, notes for the reader, the body lines (Markdown-like), provenance."""

    title: str
    body: str  # "## heading" and "- point" lines, or paragraphs
    warnings: list[str]
    provenance: Provenance
    footer: str


def write_document(path: Path, data: bytes) -> Path:
    """Write an exported document; a failure (no folder, no permission, full disk) is an ExportError."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        # Windows replaces no file that another program holds open: the clerk exporting again while the
        # last export is open in Word or a PDF reader gets "access denied" (5) or "sharing violation" (32).
        if getattr(exc, "winerror", None) in (5, 32) and path.exists():
            raise ExportError(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} could not be written: it is probably open in another program (Word, a PDF "
                        "reader). Close it there and export again, or choose another name."),
                name=path.name)) from exc
        raise ExportError(Message(QT_TRANSLATE_NOOP(
            "Core", "{name} could not be written: {detail}. Check that the folder exists, that you may "
                    "write there and that the disk has space."), name=path.name,
            detail=exc.strerror or str(exc))) from exc
    return path


def to_markdown(document: Document) -> str:
    front = "\n".join(["---", *(line for line in document.provenance.lines()), "---", ""])
    parts = [front, f"# {document.title}", ""]
    parts += [f"> {warning}" for warning in document.warnings]
    if document.warnings:
        parts.append("")
    parts += [document.body.strip(), "", f"*{document.footer}*", ""]
    return "\n".join(parts)


def _docx_bytes(document: Document) -> bytes:
    import io

    from docx import Document as DocxDocument
    from docx.shared import Mm, Pt

    docx = DocxDocument()
    # Every document we write is A4 (python-docx's default template is US Letter).
    section = docx.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = docx.styles["Normal"]
    style.font.name = DOCX_FAMILY
    style.font.size = Pt(11)
    docx.add_heading(document.title, level=1)
    for warning in document.warnings:
        docx.add_paragraph(warning).runs[0].italic = True
    for kind, content in _blocks(document.body):
        if kind == "table":
            _docx_table(docx, content)  # type: ignore[arg-type]
            continue
        stripped = str(content)
        if not stripped:
            continue
        if stripped.startswith("## "):
            docx.add_heading(stripped[3:], level=2)
        elif stripped.startswith("- "):
            docx.add_paragraph(stripped[2:], style="List Bullet")
        else:
            docx.add_paragraph(stripped)
    footer = docx.add_paragraph(document.footer)
    footer.runs[0].italic = True
    properties = docx.core_properties
    provenance = document.provenance
    properties.title = document.title
    properties.author = APP_NAME
    # Word limits each core property to 255 characters: the provenance is spread over several.
    properties.subject = f"source: {provenance.source_name[:120]}; sha256: {provenance.source_sha256}"
    properties.keywords = f"model: {provenance.model_name[:120]}; sha256: {provenance.model_sha256[:129]}"
    properties.comments = (f"app_version: {provenance.app_version}; created: {provenance.created}; "
                           f"style: {provenance.style}; language: {provenance.language}"
                           + (f"; page_numbering: {provenance.page_numbering}" if provenance.page_numbering else ""))
    properties.category = "Rio Desktop summary"
    properties.version = provenance.app_version
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _docx_table(docx: Any, rows: list[list[str]]) -> None:
    table = docx.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for cells, row in zip(rows, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=False):
            cell.text = text
    for cell in table.rows[0].cells:  # the header row
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _pdf_table(pdf: Any, rows: list[list[str]], width: float) -> None:
    pdf.set_font(FAMILY, "", 9)
    # Columns as wide as their longest cell asks (a date, a sentence, a sha256), within limits.
    widths = tuple(max(10, min(60, max(len(row[i]) if i < len(row) else 0 for row in rows)))
                   for i in range(len(rows[0])))
    with pdf.table(width=width, col_widths=widths, text_align="LEFT", line_height=4.5) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    pdf.ln(2)


def _pdf_bytes(document: Document) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    for style in STYLES:  # Carlito embedded: the same on every computer, every character of Portuguese
        pdf.add_font(FAMILY, style, str(font_file(style)))
    pdf.set_margins(25, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    provenance = document.provenance
    pdf.set_title(document.title)
    pdf.set_author(APP_NAME)
    pdf.set_creator(f"{APP_NAME} {provenance.app_version}")
    pdf.set_subject(f"{provenance.source_name} sha256:{provenance.source_sha256}")
    pdf.set_keywords("; ".join(provenance.lines()))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(FAMILY, "B", 15)
    pdf.multi_cell(width, 8, document.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, "I", 9)
    for warning in document.warnings:
        pdf.multi_cell(width, 5, warning, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for kind, content in _blocks(document.body):
        if kind == "table":
            _pdf_table(pdf, content, width)  # type: ignore[arg-type]
            continue
        stripped = str(content)
        if not stripped:
            pdf.ln(2)
        elif stripped.startswith("## "):
            pdf.set_font(FAMILY, "B", 12)
            pdf.multi_cell(width, 7, stripped[3:], new_x="LMARGIN", new_y="NEXT")
        elif stripped.startswith("- "):
            pdf.set_font(FAMILY, "", 11)
            pdf.set_x(pdf.l_margin + 4)
            # The bullet hangs at the margin, the text aligned after it, as the window shows it.
            pdf.cell(4, 6, BULLET)
            pdf.multi_cell(width - 8, 6, stripped[2:], new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(FAMILY, "", 11)
            pdf.multi_cell(width, 6, stripped, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FAMILY, "I", 8)
    pdf.multi_cell(width, 4, document.footer, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def export(document: Document, path: Path) -> Path:
    """Write `document` as Markdown, DOCX or PDF, chosen by the file's extension."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(Message(QT_TRANSLATE_NOOP(
            "Core", "Rio Desktop exports to Markdown (.md), Word (.docx) and PDF (.pdf), not to '{suffix}'."),
            suffix=suffix or path.name))
    if suffix == ".md":
        data = text_file_bytes(to_markdown(document))  # CRLF on Windows: the clerk opens it in Notepad
    elif suffix == ".docx":
        data = _docx_bytes(document)
    else:
        data = _pdf_bytes(document)
    return write_document(path, data)

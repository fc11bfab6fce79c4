"""Exported summaries open in their own formats and carry the provenance."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from rio_desktop.documents.citations import SummaryPoint
from rio_desktop.documents.export import ExportError, export, model_sha256
from rio_desktop.documents.pdf_text import PdfText
from rio_desktop.documents.summarize import SummaryOptions, SummaryResult, SummaryStats, summary_document
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message

POINTS = [SummaryPoint("A Secretaria de Fazenda executou 120 milhões em saneamento", [3], "Orçamento"),
          SummaryPoint("O BRT recebeu 40 ônibus elétricos", [4, 5], "Transporte")]


def _document(style: str = "detailed"):
    result = SummaryResult(points=POINTS, options=SummaryOptions(style=style), stats=SummaryStats(),  # type: ignore[arg-type]
                           warnings=[Message(QT_TRANSLATE_NOOP("Core", "Pages without text (probably scanned "
                                                               "images), not covered by the summary: {pages}."),
                                             pages="6")])
    source = PdfText(path=Path("relatório anual.pdf"), sha256="a" * 64)
    return summary_document(result, source, "Rio 3.0 Open Mini Q4_K_M", "b" * 64)


def test_markdown(tmp_path: Path) -> None:
    text = export(_document(), tmp_path / "resumo.md").read_text(encoding="utf-8")
    assert "source_sha256: " + "a" * 64 in text and "model_sha256: " + "b" * 64 in text
    assert "## Orçamento" in text and "- O BRT recebeu 40 ônibus elétricos (pp. 4, 5)" in text
    assert "scanned" in text and "style: detailed" in text and "language: pt-BR" in text


def test_docx(tmp_path: Path) -> None:
    document = docx.Document(str(export(_document(), tmp_path / "resumo.docx")))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Resumo — relatório anual.pdf" in paragraphs
    assert "A Secretaria de Fazenda executou 120 milhões em saneamento (p. 3)" in paragraphs
    assert "Transporte" in paragraphs
    properties = document.core_properties
    assert "a" * 64 in properties.subject and "relatório anual.pdf" in properties.subject
    assert "b" * 64 in properties.keywords and "Rio 3.0 Open Mini" in properties.keywords
    assert "app_version" in properties.comments and "style: detailed" in properties.comments


def test_pdf(tmp_path: Path) -> None:
    reader = PdfReader(str(export(_document("bullets"), tmp_path / "resumo.pdf")))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "120 milhões em saneamento (p. 3)" in text and "elétricos (pp. 4, 5)" in text
    metadata = reader.metadata
    assert "a" * 64 in metadata.subject and "b" * 64 in metadata["/Keywords"]
    assert "language: pt-BR" in metadata["/Keywords"] and metadata.title.startswith("Resumo")


def test_unknown_format_and_unwritable_place(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as info:
        export(_document(), tmp_path / "resumo.odt")
    assert ".odt" in str(info.value.message)
    blocker = tmp_path / "arquivo"
    blocker.write_text("x")
    with pytest.raises(ExportError) as info:
        export(_document(), blocker / "resumo.docx")  # a file where a folder should be
    assert "could not be written" in str(info.value.message)


def test_model_hash_is_cached(tmp_path: Path, model_path: Path) -> None:
    import hashlib

    expected = hashlib.sha256(model_path.read_bytes()).hexdigest()
    assert model_sha256([model_path], tmp_path) == expected
    assert (tmp_path / "model-hashes.json").exists()
    assert model_sha256([model_path], tmp_path) == expected


def test_every_summary_file_is_a4_with_carlito_and_one_bullet_format(tmp_path: Path) -> None:
    document = docx.Document(str(export(_document("bullets"), tmp_path / "resumo.docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # not US Letter
    assert document.styles["Normal"].font.name == "Calibri"
    reader = PdfReader(str(export(_document("bullets"), tmp_path / "resumo.pdf")))
    width, height = (float(x) / 72 * 25.4 for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (210, 297)
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        assert str(font["/BaseFont"]).split("+")[-1].startswith("Carlito")
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # embedded
    lines = reader.pages[0].extract_text().splitlines()
    # The window's format: a bullet, the text, "(pp. 4, 5)"; no "- " and no ASCII stand-ins.
    assert any(line.startswith("•") and "O BRT recebeu 40 ônibus elétricos (pp. 4, 5)" in line for line in lines)
    assert not any(line.startswith("- ") for line in lines)
    assert "Resumo — relatório anual.pdf" in lines[0]

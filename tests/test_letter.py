"""Letters: templates as data, composition around the model's body, DOCX and PDF with the page rules."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from pypdf import PdfReader

from rio_desktop.documents.letter import body_request, compose, load_templates
from rio_desktop.documents.letter_export import LetterProvenance, export_letter
from rio_desktop.documents.letter_rules import LetterFields
from rio_desktop.engine.backend import GenerationParams
from rio_desktop.resources import resource_path

FIELDS = {
    "number": 652, "year": 2026, "sectors": ["CGP", "SMF"], "city": "Rio de Janeiro", "date": "2026-12-01",
    "addressee": {"name": "João da Silva", "office": "Secretário Municipal de Saúde", "treatment": "excelencia",
                  "gender": "m", "address": ["Rua Afonso Cavalcanti, 455", "20211-110 Rio de Janeiro/RJ"]},
    "subject": "aquisição de computadores", "relation": "higher",
    "department": "Coordenadoria-Geral de Tecnologia da Informação",
    "signatory": {"name": "Maria Souza", "office": "coordenadora-geral de gestão de pessoas substituta"},
}
BODY = ("Senhor Secretário,\n\nSolicito a aquisição de vinte computadores para a equipe de atendimento. " * 1 +
        "\n\n" + "Os equipamentos atuais têm mais de dez anos e apresentam falhas frequentes. " * 6 +
        "\n\nO custo estimado é de cem mil reais.\n\n" + "A entrega deve ocorrer em trinta dias. " * 8 +
        "\n\nAtenciosamente,\nFulano de Tal")
LONG_BODY = "\n\n".join(["Os equipamentos atuais têm mais de dez anos e apresentam falhas frequentes. " * 8] * 9)
PROVENANCE = LetterProvenance(template="oficio", model_name="SmolLM2 135M", model_sha256="c" * 64,
                              created="2026-12-01T10:00:00+00:00")


def _templates():
    templates, problems = load_templates(resource_path("templates"))
    assert not problems
    return {t.id: t for t in templates}


def test_builtin_templates() -> None:
    templates = _templates()
    assert {"oficio", "oficio_encaminhamento", "resposta_cidadao", "memorando_interno",
            "email_institucional"} <= set(templates)
    assert templates["oficio_encaminhamento"].forwarding
    assert "referência" in templates["oficio_encaminhamento"].instructions


def test_a_broken_template_is_named_and_the_others_load(tmp_path: Path) -> None:
    (tmp_path / "quebrado.json").write_text("{ not json", encoding="utf-8")
    (tmp_path / "incompleto.json").write_text(json.dumps({"id": "x"}), encoding="utf-8")
    (tmp_path / "proprio.json").write_text(json.dumps({
        "id": "oficio_smf", "name": "Ofício da SMF", "kind": "Ofício", "instructions": "Escreva o corpo.",
        "letterhead": ["PREFEITURA", "SMF"]}), encoding="utf-8")
    templates, problems = load_templates(resource_path("templates"), tmp_path)
    ids = {t.id for t in templates}
    assert "oficio_smf" in ids and "oficio" in ids
    text = " ".join(str(p) for p in problems)
    assert "quebrado.json" in text and "incompleto.json" in text and "missing" in text


def test_compose_puts_the_formal_parts_around_a_cleaned_body() -> None:
    letter = compose(_templates()["oficio"], LetterFields.from_dict(FIELDS), BODY)
    assert letter.identification == "OFÍCIO Nº 652/2026/CGP/SMF"
    assert letter.place_date == "Rio de Janeiro, 1º de dezembro de 2026."
    assert letter.addressing[:3] == ["A Sua Excelência o Senhor", "João da Silva", "Secretário Municipal de Saúde"]
    assert letter.vocative == "Senhor Secretário,"
    assert letter.subject == "Assunto: Aquisição de computadores."
    assert letter.paragraph_numbers() == ["1", "2", "3", "4"] and letter.body[0].startswith("Solicito")
    assert letter.letterhead == ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Fazenda",
                                 "Coordenadoria-Geral de Tecnologia da Informação"]  # the clerk's department
    assert letter.closing == "Respeitosamente,"  # the model's "Atenciosamente," is gone
    assert letter.signature == ["MARIA SOUZA", "Coordenadora-Geral de Gestão de Pessoas substituta"]
    assert "Fulano" not in letter.as_text()
    assert letter.file_name == "Ofício 652_2026_aquisição-computadores.docx"
    assert letter.file_name_for(".pdf") == "Ofício 652_2026_aquisição-computadores.pdf"


def test_docx_follows_the_page_rules(tmp_path: Path) -> None:
    letter = compose(_templates()["oficio"], LetterFields.from_dict(FIELDS), LONG_BODY)
    document = docx.Document(str(export_letter(letter, tmp_path / "oficio.docx", PROVENANCE)))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(x.cm, 2) for x in (section.left_margin, section.right_margin, section.top_margin,
                                     section.bottom_margin)] == [3.0, 1.5, 2.0, 2.0]
    assert document.styles["Normal"].font.name == "Calibri" and document.styles["Normal"].font.size == Pt(12)
    # Letterhead centred on the first page only; page numbers from the second page on.
    assert section.different_first_page_header_footer
    header = [p for p in section.first_page_header.paragraphs if p.text]
    assert [p.text for p in header] == list(letter.letterhead)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in header)
    assert section.first_page_header._element.xml.count("<pic:pic") == 1  # the template's emblem
    assert round(section.header_distance.cm, 2) == 2.0
    assert not any(p.text for p in section.header.paragraphs)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in section.first_page_footer._element.xml
    paragraphs = {p.text: p for p in document.paragraphs if p.text}
    texts = list(paragraphs)
    body = letter.numbered_body()
    order = [letter.identification, letter.place_date, "A Sua Excelência o Senhor", letter.subject,
             letter.vocative, body[0], letter.closing, "MARIA SOUZA"]
    assert [texts.index(t) for t in order] == sorted(texts.index(t) for t in order)
    assert paragraphs[letter.place_date].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraphs[letter.subject].runs[0].bold
    for number, text in zip(letter.paragraph_numbers(), body, strict=True):
        # The number (no full stop) at the margin, a tab to the text at 2.5 cm.
        assert text.startswith(f"{number}\t")
        fmt = paragraphs[text].paragraph_format
        assert paragraphs[text].alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert [round(t.position.cm, 2) for t in fmt.tab_stops] == [2.5] and fmt.space_after == Pt(6)
        assert fmt.first_line_indent is None
        assert {r.font.name for r in paragraphs[text].runs} <= {None, "Calibri"}
    assert round(paragraphs[letter.closing].paragraph_format.first_line_indent.cm, 2) == 2.5
    for line in letter.signature:
        assert paragraphs[line].alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert not paragraphs[line].runs[0].bold
    properties = document.core_properties
    assert "template: oficio" in properties.category and "c" * 64 in properties.keywords
    assert "app_version" in properties.comments


def test_pdf_has_every_part_in_order(tmp_path: Path) -> None:
    letter = compose(_templates()["oficio"], LetterFields.from_dict(FIELDS), BODY.replace(
        "Atenciosamente,\nFulano de Tal", LONG_BODY))
    reader = PdfReader(str(export_letter(letter, tmp_path / "oficio.pdf", PROVENANCE)))
    assert len(reader.pages) >= 2
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    parts = ["Prefeitura da Cidade do Rio de Janeiro", "Coordenadoria-Geral de Tecnologia da Informação",
             "OFÍCIO Nº 652/2026/CGP/SMF",
             "Rio de Janeiro, 1º de dezembro de 2026.", "A Sua Excelência o Senhor", "Assunto: Aquisição",
             "Senhor Secretário,", "Solicito", "Os equipamentos", "Respeitosamente,", "MARIA SOUZA",
             "Coordenadora-Geral de Gestão de Pessoas substituta"]
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, [p for p, i in zip(parts, positions, strict=True) if i < 0]
    assert positions == sorted(positions)
    assert "2" in reader.pages[1].extract_text().split()[-3:]  # page number from the second page
    assert "c" * 64 in reader.metadata["/Keywords"]
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width / 72 * 2.54, 1), round(height / 72 * 2.54, 1)) == (21.0, 29.7)


def test_unknown_export_format(tmp_path: Path) -> None:
    from rio_desktop.documents.export import ExportError

    letter = compose(_templates()["oficio"], LetterFields.from_dict(FIELDS), BODY)
    with pytest.raises(ExportError):
        export_letter(letter, tmp_path / "oficio.md", PROVENANCE)


def test_real_model_body_keeps_the_formal_parts(loaded_backend) -> None:
    template = _templates()["oficio"]
    fields = LetterFields.from_dict(FIELDS)
    notes = "Pedir a compra de 20 computadores; os atuais têm dez anos. Termine com Atenciosamente, e assine."
    request = body_request(template, fields, notes)
    generated = request.clean(loaded_backend.chat(list(request.messages), GenerationParams(
        max_tokens=200, temperature=0.0)).text)
    assert "O que a carta deve dizer" not in generated
    letter = compose(template, fields, generated + "\n\nAtenciosamente,\nJosé")
    reference = compose(template, fields, "Texto.")
    for part in ("identification", "place_date", "addressing", "vocative", "subject", "closing", "signature"):
        assert getattr(letter, part) == getattr(reference, part), part
    assert letter.body and "José" not in " ".join(letter.body)
    assert not any(p.split(". ", 1)[-1].startswith("Atenciosamente") for p in letter.body)


def test_email_layout() -> None:
    letter = compose(_templates()["email_institucional"], LetterFields.from_dict(FIELDS), BODY)
    assert letter.identification == "" and letter.letterhead == []
    assert letter.vocative == "Senhor Secretário," and letter.paragraph_numbers() == [""] * len(letter.body)

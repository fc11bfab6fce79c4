"""Every rule of the padrão ofício that code applies, table-driven."""

from __future__ import annotations

import datetime

import pytest

from rio_desktop.documents import letter_rules as rules


@pytest.mark.parametrize(("date", "expected"), [
    (datetime.date(2026, 12, 1), "Rio de Janeiro, 1º de dezembro de 2026."),
    (datetime.date(2026, 3, 5), "Rio de Janeiro, 5 de março de 2026."),
    (datetime.date(2026, 11, 29), "Rio de Janeiro, 29 de novembro de 2026."),
    (datetime.date(2027, 1, 1), "Rio de Janeiro, 1º de janeiro de 2027."),
    (datetime.date(2026, 10, 10), "Rio de Janeiro, 10 de outubro de 2026."),
])
def test_place_and_date(date: datetime.date, expected: str) -> None:
    assert rules.format_date("Rio de Janeiro", date) == expected


@pytest.mark.parametrize(("kind", "number", "sectors", "expected"), [
    ("Ofício", 652, ["CGP", "SMF"], "OFÍCIO Nº 652/2026/CGP/SMF"),
    ("ofício", "12", ["smf"], "OFÍCIO Nº 12/2026/SMF"),
    ("Memorando", 3, [], "MEMORANDO Nº 3/2026"),
])
def test_identification(kind: str, number, sectors: list[str], expected: str) -> None:
    assert rules.identification(kind, number, 2026, sectors) == expected


@pytest.mark.parametrize(("treatment", "gender", "expected"), [
    ("excelencia", "m", "A Sua Excelência o Senhor"),
    ("excelencia", "f", "A Sua Excelência a Senhora"),
    ("senhoria", "m", "Ao Senhor"),
    ("senhoria", "f", "À Senhora"),
    ("particular", "m", "Ao Senhor"),
    ("particular", "f", "À Senhora"),
])
def test_addressing(treatment, gender, expected: str) -> None:
    assert rules.addressing(treatment, gender) == expected


@pytest.mark.parametrize(("treatment", "gender", "office", "name", "expected"), [
    ("excelencia", "m", "Presidente da República", "", "Excelentíssimo Senhor Presidente da República,"),
    ("excelencia", "f", "presidente do supremo tribunal federal", "",
     "Excelentíssima Senhora Presidente do Supremo Tribunal Federal,"),
    ("excelencia", "m", "Ministro de Estado da Fazenda", "", "Senhor Ministro,"),
    ("excelencia", "m", "Secretário Municipal de Saúde", "João", "Senhor Secretário,"),
    ("senhoria", "f", "Diretora de Compras", "", "Senhora Diretora,"),
    ("senhoria", "m", "Coordenador-Geral de Logística", "", "Senhor Coordenador-Geral,"),
    ("particular", "f", "", "Maria Souza", "Senhora Maria Souza,"),
    ("particular", "m", "", "", "Prezado Senhor,"),
    ("particular", "f", "", "", "Prezada Senhora,"),
])
def test_vocative(treatment, gender, office: str, name: str, expected: str) -> None:
    vocative = rules.vocative(treatment, gender, office, name)
    assert vocative == expected
    assert "Digníssimo" not in vocative and "Ilustríssimo" not in vocative


@pytest.mark.parametrize(("relation", "expected"), [
    ("higher", "Respeitosamente,"), ("same", "Atenciosamente,"), ("lower", "Atenciosamente,"),
])
def test_closing_by_hierarchy(relation, expected: str) -> None:
    assert rules.closing(relation) == expected


@pytest.mark.parametrize(("count", "expected"), [
    (2, ["", ""]), (3, ["1", "2", "3"]), (1, [""]), (0, []),
])
def test_paragraph_numbers_from_three_without_full_stop(count: int, expected: list[str]) -> None:
    assert rules.paragraph_numbers(count) == expected


def test_numbers_the_model_or_a_paste_wrote_are_removed() -> None:
    assert rules.clean_body("1. Um.\n2) Dois.\n3\tTrês.\n1.500 servidores foram chamados.") == [
        "Um.", "Dois.", "Três.", "1.500 servidores foram chamados."]
    # A list marker a model copies from the notes is not a paragraph of an ofício; a hyphen inside one stays.
    assert rules.clean_body("- Solicito o relatório.\n• Peço urgência.\n-1 grau é a meta - ao menos.") == [
        "Solicito o relatório.", "Peço urgência.", "-1 grau é a meta - ao menos."]


@pytest.mark.parametrize(("office", "expected"), [
    ("coordenador-geral de gestão de pessoas", "Coordenador-Geral de Gestão de Pessoas"),
    ("SECRETÁRIO MUNICIPAL DE FAZENDA E PLANEJAMENTO", "Secretário Municipal de Fazenda e Planejamento"),
    ("Diretor de Compras Interino", "Diretor de Compras interino"),
    ("chefe de gabinete substituta", "Chefe de Gabinete substituta"),
    ("Assessor da SMF", "Assessor da SMF"),
])
def test_signatory_office(office: str, expected: str) -> None:
    assert rules.office_title(office) == expected


def test_signatory_name_in_capitals() -> None:
    assert rules.signatory_name("  maria  da silva souza ") == "MARIA DA SILVA SOUZA"


@pytest.mark.parametrize(("subject", "expected"), [
    ("aquisição de computadores", "Assunto: Aquisição de computadores."),
    ("Aquisição de computadores.", "Assunto: Aquisição de computadores."),
])
def test_subject(subject: str, expected: str) -> None:
    assert rules.subject_line(subject) == expected


def test_model_closings_vocatives_and_signatures_are_removed() -> None:
    body = ("Senhor Secretário,\n\nSolicito a compra.\n\nO custo é baixo.\n\nAtenciosamente,\n\nJOÃO\nAssessor")
    assert rules.clean_body(body) == ["Solicito a compra.", "O custo é baixo."]
    assert rules.clean_body("1. Informo que sim.\n2. Peço urgência.") == ["Informo que sim.", "Peço urgência."]


def test_suggested_file_name() -> None:
    name = rules.suggested_file_name("Ofício", 123, 2026, "Aquisição de computadores para a rede")
    assert name == "Ofício 123_2026_aquisição-computadores-rede.docx"


def test_the_letter_form_edits_the_declared_fields_and_their_defaults() -> None:
    """The Draft page's form is derived from LetterFields: one row per field (nested ones by "addressee.name"),
    no field declared or defaulted a second time."""
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.ui import letter_form

    def leaves(data: dict, prefix: str = "") -> set[str]:
        found: set[str] = set()
        for key, value in data.items():
            found |= leaves(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key}
        return found

    keys = [spec.key for spec in letter_form.FIELDS]
    assert len(keys) == len(set(keys)) and set(keys) == leaves(LetterFields().as_dict())
    assert not any(hasattr(spec, "default") for spec in letter_form.FIELDS)

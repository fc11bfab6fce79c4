"""LGPD detection: CPF and CNPJ by check digits, RG, e-mail, phones, CEP; exact round trips."""

from __future__ import annotations

import pytest

from rio_desktop.documents.lgpd import find, redact, valid_cnpj, valid_cpf


@pytest.mark.parametrize(("cpf", "valid"), [
    ("529.982.247-25", True), ("52998224725", True), ("111.444.777-35", True),
    ("529.982.247-26", False), ("111.111.111-11", False), ("123.456.789-00", False), ("5299822472", False),
])
def test_cpf(cpf: str, valid: bool) -> None:
    assert valid_cpf(cpf) is valid


@pytest.mark.parametrize(("cnpj", "valid"), [
    ("11.222.333/0001-81", True), ("11222333000181", True), ("42.498.733/0001-48", True),
    ("11.222.333/0001-82", False), ("00.000.000/0000-00", False), ("11.222.333/0001", False),
])
def test_cnpj(cnpj: str, valid: bool) -> None:
    assert valid_cnpj(cnpj) is valid


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("CPF 529.982.247-25 do requerente", "CPF", "529.982.247-25"),
    ("empresa CNPJ 11.222.333/0001-81", "CNPJ", "11.222.333/0001-81"),
    ("portador do RG nº 12.345.678-9", "RG", "12.345.678-9"),
    ("escreva para maria.souza@rio.rj.gov.br hoje", "EMAIL", "maria.souza@rio.rj.gov.br"),
    ("ligue (21) 98765-4321", "TELEFONE", "(21) 98765-4321"),
    ("ligue +55 21 98765-4321", "TELEFONE", "+55 21 98765-4321"),
    ("fixo 21 3456-7890", "TELEFONE", "21 3456-7890"),
    ("telefone 2345-6789", "TELEFONE", "2345-6789"),
    ("CEP 20211-110, Rio", "CEP", "20211-110"),
])
def test_detection(text: str, kind: str, value: str) -> None:
    [finding] = find(text)
    assert (finding.kind, finding.text) == (kind, value)


@pytest.mark.parametrize("text", [
    "Processo nº 12/000.123/2026, de 5 de maio.",  # a process number is not a CPF
    "CPF inválido 123.456.789-00",
    "O orçamento é de R$ 1.234.567,89.",
])
def test_no_false_positives(text: str) -> None:
    assert [f for f in find(text) if f.kind in ("CPF", "CNPJ", "TELEFONE")] == []


def test_redact_and_restore_round_trip_exactly() -> None:
    text = ("Requerente: Maria, CPF 529.982.247-25, e-mail maria@exemplo.com.br, tel. (21) 98765-4321, "
            "CEP 20211-110. Confirmar o CPF 529.982.247-25 com a empresa 11.222.333/0001-81.")
    redaction = redact(text)
    for value in ("529.982.247-25", "maria@exemplo.com.br", "(21) 98765-4321", "20211-110", "11.222.333/0001-81"):
        assert value not in redaction.text
    assert redaction.text.count("[CPF_1]") == 2  # the same value, the same placeholder
    assert redaction.restore(redaction.text) == text
    answer = "Responder a [EMAIL_1] e confirmar o [CPF_1]."
    assert redaction.restore(answer) == "Responder a maria@exemplo.com.br e confirmar o 529.982.247-25."


def test_a_documents_pages_are_redacted_with_one_numbering_and_points_restored(tmp_path) -> None:
    from pdf_factory import text_pdf

    from rio_desktop.documents.citations import SummaryPoint
    from rio_desktop.documents.lgpd import redact_document
    from rio_desktop.documents.pdf_text import read_pdf

    document = read_pdf(text_pdf(tmp_path / "p.pdf", 2, sentences=1))
    pages = [document.pages[0].__class__(**{**vars(p), "text": t}) for p, t in zip(document.pages, (
        "Requerente CPF 529.982.247-25.", "Contato maria@exemplo.com.br e CPF 529.982.247-25."), strict=True)]
    document = document.__class__(**{**vars(document), "pages": pages})
    redacted, redaction = redact_document(document)
    assert [p.text for p in redacted.pages] == ["Requerente CPF [CPF_1].", "Contato [EMAIL_1] e CPF [CPF_1]."]
    assert [p.number for p in redacted.pages] == [p.number for p in document.pages]
    points = [SummaryPoint("O requerente [CPF_1] escreveu de [EMAIL_1].", [1, 2])]
    redaction.restore_points(points)
    assert points[0].text == "O requerente 529.982.247-25 escreveu de maria@exemplo.com.br."

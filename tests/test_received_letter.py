"""Answering a received letter (issue 25, the core): the padrão ofício and e-mails read in code, field by
field; requests and deadlines with their pages; the reply's fields, form of address and reference sentence;
`rio-desktop draft --reply-to` with the real test model."""

from __future__ import annotations

import datetime
import json
import time
from pathlib import Path

import pytest
from received_factory import SAMPLES, write_all, write_received

from rio_desktop.documents.letter import compose, heads_of_powers, load_templates
from rio_desktop.documents.letter_rules import Addressee, LetterFields, Signatory
from rio_desktop.documents.received_letter import normal_case, read_received
from rio_desktop.documents.reply import reference_sentence, reply_fields, reply_subject, with_reference
from rio_desktop.i18n import UserFacingError
from rio_desktop.resources import resource_path
from rio_desktop.tasks.reply import ReplyDraft, ReplyTask

TEMPLATES = resource_path("templates")
OURS = {"number": "77", "year": 2026, "sectors": ["GAB", "SMF"], "city": "Rio de Janeiro", "date": "2026-12-02",
        "signatory": {"name": "Carlos Melo", "office": "Chefe de Gabinete"}}


class _Settings:
    def get(self, key: str) -> str:
        return {"ocr_mode": "auto", "ocr_language": "por"}[key]


def _read(path: Path, cache: Path, ours: LetterFields | None = None) -> ReplyDraft:
    return ReplyTask.prepare(path, _Settings(), cache).run(ours or LetterFields.from_dict(OURS),
                                                           forms_folder=TEMPLATES)


def _fields_of(draft: ReplyDraft) -> dict:
    r = draft.received
    return {"kind": r.kind, "number": r.number, "identification": r.identification,
            "date": r.date.isoformat() if r.date else None, "subject": r.subject, "name": r.sender.name,
            "office": r.sender.office, "organization": r.sender.organization, "address": r.sender.address,
            "requests": [(q.text, q.pages) for q in r.requests],
            "deadlines": [(d.date.isoformat() if d.date else None, d.pages) for d in r.deadlines],
            "placeholders": r.placeholders, "vocative": r.vocative}


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, ReplyDraft]]:
    folder = tmp_path_factory.mktemp("received")
    cache = tmp_path_factory.mktemp("cache")
    return {sample.name: (sample, _read(path, cache)) for sample, path in write_all(folder)}


def test_every_field_of_every_variant_is_read_exactly(received) -> None:
    assert len(received) >= 12
    formats = {Path(name.removesuffix(".scan.pdf") + (".scan" if name.endswith(".scan.pdf") else "")).suffix
               for name in received}
    assert formats >= {".pdf", ".scan", ".docx", ".eml"}
    right = present = 0
    wrong = []
    for name, (sample, draft) in received.items():
        got = _fields_of(draft)
        for key, want in sample.expected.items():
            present += 1
            if got[key] == want:
                right += 1
            else:
                wrong.append(f"{name} {key}: got {got[key]!r}, want {want!r}")
    print(f"\nfields read right / fields present: {right}/{present} over {len(received)} received letters")
    assert not wrong, "\n".join(wrong)
    assert right == present


def test_the_scan_is_read_by_ocr_with_its_confidence(received) -> None:
    _sample, draft = received["08-scan.scan.pdf"]
    assert draft.ocr_confidence is not None and draft.ocr_confidence > 60
    assert draft.as_dict()["ocr_confidence"] == round(draft.ocr_confidence, 1)
    _sample, text = received["01-saj.pdf"]
    assert text.ocr_confidence is None


def test_the_form_is_filled_in_under_a_second(tmp_path: Path) -> None:
    path = write_received(tmp_path, SAMPLES[0])
    ours = LetterFields.from_dict(OURS)
    _read(path, tmp_path / "cache", ours)  # the first read starts the page reader's child: warm it once
    started = time.perf_counter()
    draft = _read(path, tmp_path / "cache", ours)
    elapsed = time.perf_counter() - started
    print(f"\ntime from Responder to a filled form (text PDF, no model): {elapsed * 1000:.0f} ms")
    assert draft.fields.addressee.name == "José da Silva dos Santos"
    assert elapsed < 1.0


def test_capitals_become_normal_case_with_the_particles_in_lower_case() -> None:
    assert normal_case("JOSÉ DA SILVA DOS SANTOS") == "José da Silva dos Santos"
    assert normal_case("MARIA DAS GRAÇAS E SOUZA") == "Maria das Graças e Souza"
    assert normal_case("ANA DE OLIVEIRA-LIMA") == "Ana de Oliveira-Lima"
    assert normal_case("Pedro de Alcântara") == "Pedro de Alcântara"  # already in normal case: as written
    assert normal_case("SECRETARIA MUNICIPAL DE EDUCAÇÃO - SME", acronyms=True) == \
        "Secretaria Municipal de Educação - SME"
    assert normal_case("PREFEITURA DA CIDADE DO RIO DE JANEIRO", acronyms=True) == \
        "Prefeitura da Cidade do Rio de Janeiro"


def test_deadlines_absolute_a_period_the_day_alone_and_none(received) -> None:
    period = received["01-saj.pdf"][1].received.deadlines[0]
    assert period.date == datetime.date(2026, 11, 4)  # 5 October + 30 calendar days
    assert "calendar days" in str(period.note) and "5 de outubro de 2026" in str(period.note)
    business = received["06-placeholders.pdf"][1].received.deadlines[0]
    assert business.date == datetime.date(2026, 11, 3) and "business days" in str(business.note)
    absolute = received["02-sme.pdf"][1].received.deadlines[0]
    assert absolute.date == datetime.date(2026, 8, 28) and absolute.note is None
    this_month = received["04-smf.pdf"][1].received.deadlines[0]
    assert this_month.date == datetime.date(2026, 9, 28) and "Only the day" in str(this_month.note)
    next_month = received["11-two-pages-unnumbered.pdf"][1].received.deadlines[0]
    assert next_month.date == datetime.date(2026, 5, 5) and next_month.pages == [2]
    assert received["05-sem-numero.pdf"][1].received.deadlines == []
    assert received["09-oficio.docx"][1].received.deadlines == []


def test_requests_cite_their_pages_and_none_is_invented(received) -> None:
    letter = received["03-two-pages.pdf"][1].received
    assert [r.pages for r in letter.requests] == [[2], [2]]
    assert all(r.text in " ".join(p.text for p in letter.paragraphs) for r in letter.requests)
    for _name, (_sample, draft) in received.items():
        body = " ".join(p.text for p in draft.received.paragraphs)
        for request in draft.received.requests:
            assert request.text in body  # copied from the letter, word for word
    reports = read_received([(1, "OFÍCIO Nº 3/2026\nRio de Janeiro, 2 de março de 2026.\nSenhor Diretor,\n"
                                  "Informo que o relatório foi concluído. Encaminho cópia do parecer.\n"
                                  "Atenciosamente,\nJOÃO PAULO\nDiretor")])
    assert reports.requests == [] and reports.deadlines == []


def test_the_reply_is_addressed_to_the_sender_and_cites_number_and_date(received) -> None:
    draft = received["02-sme.pdf"][1]
    fields = draft.fields
    assert fields.addressee == Addressee(
        name="Ana Beatriz de Oliveira", office="Chefe de Gabinete", treatment="senhoria", gender="f",
        address=["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Educação", "Gabinete"])
    assert fields.subject == "Resposta ao Ofício nº 312/2026/SME/GAB"
    assert fields.number == "77" and fields.sectors == ["GAB", "SMF"] and fields.signatory.name == "Carlos Melo"
    assert draft.reference() == "Em atenção ao Ofício nº 312/2026/SME/GAB, de 14 de julho de 2026, "
    template = {t.id: t for t in load_templates(TEMPLATES)[0]}["oficio"]
    body = draft.body("Informamos que a relação de atas segue anexa.\n\nColocamo-nos à disposição.")
    letter = compose(template, fields, body, heads_of_powers(TEMPLATES))
    assert letter.body[0] == ("Em atenção ao Ofício nº 312/2026/SME/GAB, de 14 de julho de 2026, informamos que "
                              "a relação de atas segue anexa.")
    assert letter.addressing[:3] == ["À Senhora", "Ana Beatriz de Oliveira", "Chefe de Gabinete"]
    assert letter.vocative == "Senhora Chefe,"
    assert letter.subject == "Assunto: Resposta ao Ofício nº 312/2026/SME/GAB."


def test_excellency_by_the_office_and_the_received_subject_as_a_choice(received) -> None:
    draft = received["07-memorando.pdf"][1]
    fields = draft.fields
    assert (fields.addressee.treatment, fields.addressee.gender) == ("excelencia", "f")
    template = {t.id: t for t in load_templates(TEMPLATES)[0]}["oficio"]
    letter = compose(template, fields, "Texto.", heads_of_powers(TEMPLATES))
    assert letter.addressing[:2] == ["A Sua Excelência a Senhora", "Maria das Graças e Souza"]
    assert letter.vocative == "Senhora Secretária,"
    assert draft.reference() == "Em atenção ao Memorando nº 14/2026/SMS, de 3 de agosto de 2026, "
    assert reply_subject(draft.received, "received") == "Manutenção dos aparelhos de raio X"
    ours = LetterFields.from_dict(OURS)
    assert reply_fields(draft.received, ours, "received", TEMPLATES).subject == "Manutenção dos aparelhos de raio X"
    saj = received["01-saj.pdf"][1].fields.addressee
    assert (saj.treatment, saj.gender) == ("senhoria", "m")  # a Subchefe: Vossa Senhoria
    assert saj.address[-1] == "Esplanada dos Ministérios, Bloco A, 4º andar - CEP 70054-906 - Brasília/DF"


def test_fields_given_explicitly_win(received) -> None:
    sample = received["02-sme.pdf"][1].received
    ours = LetterFields.from_dict({**OURS, "subject": "Atas de registro de preços",
                                   "addressee": {"name": "Ana B. Oliveira", "office": "Chefe de Gabinete",
                                                 "treatment": "senhoria", "gender": "f"}})
    fields = reply_fields(sample, ours, forms_folder=TEMPLATES)
    assert fields.subject == "Atas de registro de preços" and fields.addressee.name == "Ana B. Oliveira"
    assert fields.addressee.address  # what the clerk did not give comes from the letter


def test_placeholders_stay_blanks_in_the_reply(received) -> None:
    draft = received["06-placeholders.pdf"][1]
    assert draft.received.placeholders == ["[Nome]", "[Cargo]", "[NOME DO SIGNATÁRIO]", "[Cargo do Signatário]"]
    assert draft.fields.addressee.name == "" and draft.fields.addressee.office == ""
    template = {t.id: t for t in load_templates(TEMPLATES)[0]}["oficio"]
    letter = compose(template, draft.fields, draft.body("Texto."), heads_of_powers(TEMPLATES))
    assert "[" not in letter.as_text()
    assert any("[NOME DO SIGNATÁRIO]" in str(w) for w in draft.warnings)


def test_an_email_reply_is_addressed_to_its_from_and_cites_subject_and_date(received) -> None:
    draft = received["10-mensagem.eml"][1]
    assert draft.fields.addressee.name == "Ana Lima"
    assert draft.fields.addressee.office == "Coordenadora de Licitações"
    assert "ana.lima@rio.rj.gov.br" in draft.fields.addressee.address
    assert draft.reference() == ("Em atenção à mensagem eletrônica de 5 de outubro de 2026, que trata de "
                                 "frequência dos estagiários, ")
    assert draft.fields.subject == "Resposta à mensagem eletrônica \"Frequência dos estagiários\""
    assert draft.body("Devolvo a planilha assinada.").startswith(
        "Em atenção à mensagem eletrônica de 5 de outubro de 2026, que trata de frequência dos estagiários, "
        "devolvo a planilha assinada.")


def test_the_models_own_reference_is_replaced_not_repeated(received) -> None:
    letter = received["01-saj.pdf"][1].received
    body = with_reference("Em resposta ao Ofício nº 197/2018, de 5 de outubro, informo que o relatório segue "
                          "anexo.\n\nAtenciosamente,\nFulano", letter)
    assert body == ("Em atenção ao Ofício nº 197/2018/SAJ/CC, de 5 de outubro de 2026, informo que o relatório "
                    "segue anexo.")
    assert with_reference("Em atenção ao Ofício nº 197/2018/SAJ/CC, de 5 de outubro de 2026, que trata de "
                          "saneamento, encaminho o relatório.", letter) == \
        "Em atenção ao Ofício nº 197/2018/SAJ/CC, de 5 de outubro de 2026, encaminho o relatório."
    assert with_reference("", letter) == "Em atenção ao Ofício nº 197/2018/SAJ/CC, de 5 de outubro de 2026."


def test_a_document_that_is_not_a_letter_gets_a_form_and_a_plain_message(tmp_path: Path) -> None:
    from pdf_factory import text_pdf

    draft = _read(text_pdf(tmp_path / "relatorio.pdf", 2, sentences=3), tmp_path / "cache")
    assert not draft.received.is_letter
    assert draft.fields.addressee.name == "" and draft.fields.number == "77"  # our side is kept
    assert any("does not look like a letter" in str(w) for w in draft.warnings)
    assert reference_sentence(draft.received) == "Em atenção ao ofício recebido, "
    empty = read_received([(1, "")])
    assert not empty.is_letter and "no text" in str(empty.problems[0])


def test_bad_input_is_a_clear_message(tmp_path: Path) -> None:
    broken = tmp_path / "oficio.pdf"
    broken.write_bytes(b"%PDF-1.4 quebrado")
    with pytest.raises(UserFacingError) as raised:
        _read(broken, tmp_path / "cache")
    assert "oficio.pdf could not be read as a letter to answer" in str(raised.value)
    with pytest.raises(UserFacingError) as raised:
        ReplyTask.prepare(tmp_path / "nao-existe.pdf", _Settings(), tmp_path / "cache")
    assert "was not found" in str(raised.value)
    odd = tmp_path / "planilha.xyz"
    odd.write_text("a;b", encoding="utf-8")
    with pytest.raises(UserFacingError) as raised:
        _read(odd, tmp_path / "cache")
    assert "does not read XYZ files" in str(raised.value)


def test_draft_reply_to_on_the_command_line(model_path: Path, tmp_path: Path, capsys) -> None:
    import docx

    from rio_desktop import __main__ as cli

    received = write_received(tmp_path, SAMPLES[1])  # Ofício nº 312/2026/SME/GAB
    (tmp_path / "ours.json").write_text(json.dumps(OURS), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Enviar a relação de atas até o fim do mês.", encoding="utf-8")
    out = tmp_path / "resposta.docx"
    assert cli.main(["draft", "--template", "oficio", "--reply-to", str(received), "--fields",
                     str(tmp_path / "ours.json"), "--notes", str(tmp_path / "notes.txt"), "--model", str(model_path),
                     "--ctx", "2048", "--threads", "2", "--seed", "1", "-o", str(out), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    reply_to = result["reply_to"]
    assert reply_to["file"] == "02-sme.pdf" and reply_to["number"] == "312/2026/SME/GAB"
    assert reply_to["date"] == "2026-07-14" and reply_to["subject"] == "Aquisição de material escolar"
    assert reply_to["sender"] == {"name": "Ana Beatriz de Oliveira", "office": "Chefe de Gabinete",
                                  "organization": ["Prefeitura da Cidade do Rio de Janeiro",
                                                   "Secretaria Municipal de Educação", "Gabinete"],
                                  "address": []}
    assert reply_to["requests"] == [{"text": SAMPLES[1].expected["requests"][0][0], "pages": [1]}]
    assert reply_to["deadlines"][0]["date"] == "2026-08-28" and reply_to["deadlines"][0]["pages"] == [1]
    assert reply_to["placeholders"] == []
    fields = result["fields"]
    assert fields["addressee"]["name"] == "Ana Beatriz de Oliveira" and fields["number"] == "77"
    assert fields["subject"] == "Resposta ao Ofício nº 312/2026/SME/GAB"
    assert result["body"][0].startswith("Em atenção ao Ofício nº 312/2026/SME/GAB, de 14 de julho de 2026, ")
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    joined = "\n".join(texts)
    assert "Em atenção ao Ofício nº 312/2026/SME/GAB, de 14 de julho de 2026, " in joined
    for part in ("À Senhora", "Ana Beatriz de Oliveira", "Chefe de Gabinete", "Senhora Chefe,",
                 "Assunto: Resposta ao Ofício nº 312/2026/SME/GAB."):
        assert part in texts, part


def test_draft_reply_to_a_broken_file_is_one_line(model_path: Path, tmp_path: Path, capsys) -> None:
    from rio_desktop import __main__ as cli

    broken = tmp_path / "oficio.docx"
    broken.write_bytes(b"not a docx")
    (tmp_path / "ours.json").write_text(json.dumps(OURS), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert cli.main(["draft", "--reply-to", str(broken), "--fields", str(tmp_path / "ours.json"), "--notes",
                     str(tmp_path / "notes.txt"), "--model", str(model_path), "-o", str(tmp_path / "r.docx")]) == 1
    err = capsys.readouterr().err
    assert "oficio.docx could not be read as a letter to answer" in err and "Traceback" not in err
    assert not (tmp_path / "r.docx").exists()


def test_signatory_defaults_are_ours() -> None:
    # The reply's own side is never taken from the received letter.
    letter = read_received([(1, "OFÍCIO Nº 9/2026/GAB\nRio de Janeiro, 2 de março de 2026.\nSenhor Diretor,\n"
                                "Solicito informações.\nAtenciosamente,\nJOÃO PAULO\nDiretor")])
    fields = reply_fields(letter, LetterFields(signatory=Signatory("Carlos Melo", "Chefe de Gabinete")))
    assert fields.signatory == Signatory("Carlos Melo", "Chefe de Gabinete")
    assert fields.addressee.name == "João Paulo" and fields.addressee.office == "Diretor"


@pytest.mark.parametrize(("line", "kind", "number"), [
    ("OFÍCIO Nº 197/2018/SAJ/CC", "Ofício", "197/2018/SAJ/CC"),
    ("Ofício nº 312/2026/SME/GAB", "Ofício", "312/2026/SME/GAB"),
    ("OFÍCIO No 5/2026", "Ofício", "5/2026"),
    ("Ofício n.º 41/2026/CGP/SMF", "Ofício", "41/2026/CGP/SMF"),
    ("OFÍCIO N.º 7/2026/GAB.", "Ofício", "7/2026/GAB"),
    ("OFÍCIO N° 9/2026", "Ofício", "9/2026"),
    ("OFÍCIO 88/2026/GAB", "Ofício", "88/2026/GAB"),
    ("Ofício Circular nº 3/2026/SMF", "Ofício Circular", "3/2026/SMF"),
    ("MEMORANDO Nº 14/2026/SMS", "Memorando", "14/2026/SMS"),
])
def test_the_identification_line_in_every_form(line: str, kind: str, number: str) -> None:
    letter = read_received([(1, f"SECRETARIA MUNICIPAL DE FAZENDA\n{line}\nRio de Janeiro, 5 de outubro de 2026.\n"
                                "Senhor Diretor,\nTexto.\nAtenciosamente,\nANA LIMA\nDiretora")])
    assert (letter.kind, letter.number, letter.identification) == (kind, number, line)
    assert letter.date == datetime.date(2026, 10, 5) and letter.sender.name == "Ana Lima"
    assert letter.sender.organization == ["Secretaria Municipal de Fazenda"]
    not_identification = read_received([(1, "Ofício nº 312/2026/SME/GAB, de 5 de outubro de 2026, trata de compras.")])
    assert not_identification.number == "" and not not_identification.is_letter

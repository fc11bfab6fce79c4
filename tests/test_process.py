"""A process of many documents in every format a clerk receives, generated here: each read into pages with its
planted fact, named by title, kind and date; bad files named and the rest read; a ZIP read as the folder."""

from __future__ import annotations

import datetime
import json
import zipfile
from pathlib import Path

import pytest
from process_factory import ATTACHMENTS, FACTS, write_process

from rio_desktop.documents.ocr import OcrOptions
from rio_desktop.documents.process import Process, ProcessError, read_process, staged_name
from rio_desktop.documents.text_formats import decode_text, pages_of, rtf_paragraphs


@pytest.fixture(scope="module")
def process_folder(tmp_path_factory) -> Path:
    return write_process(tmp_path_factory.mktemp("processo"), tmp_path_factory.mktemp("work"))


@pytest.fixture(scope="module")
def from_folder(process_folder: Path, tmp_path_factory) -> Process:
    cache = tmp_path_factory.mktemp("cache")
    return read_process(process_folder, OcrOptions(cache_dir=cache / "ocr"), work_dir=cache / "process")


def _text(process: Process, file: str) -> str:
    document = next(d for d in process.documents if d.file == file)
    return "\n".join(p.text for p in document.pages)


def test_every_format_is_read_with_its_planted_fact(from_folder: Process) -> None:
    files = [d.file for d in from_folder.documents]
    assert files == ["01-oficio.docx", "02-despacho.odt", "03-parecer.rtf", "04-nota.txt", "05-resumo.md",
                     "06-pagina.html", "07-laudo.tif", "08-email.eml", "08-email.eml/relatorio.pdf",
                     "08-email.eml/vistoria.docx"]
    for file, fact in FACTS.items():
        text = " ".join(_text(from_folder, file).split())
        if file.endswith(".tif"):  # read by OCR: the words, not every accent, are checked
            assert "rachaduras" in text and "parede norte" in text, text
        else:
            assert fact in text, (file, text)
    assert "PREFEITURA DA CIDADE" in _text(from_folder, "01-oficio.docx")  # the header, apart from the body
    assert "Item | Valor" in _text(from_folder, "01-oficio.docx")  # tables in order
    assert "Citação" in _text(from_folder, "03-parecer.rtf")
    assert "x" not in _text(from_folder, "06-pagina.html").split()  # the head's title and styles are not text


def test_each_document_is_named_by_title_kind_and_date(from_folder: Process) -> None:
    by_file = {d.file: d for d in from_folder.documents}
    oficio = by_file["01-oficio.docx"]
    assert (oficio.title, oficio.kind, oficio.date) == ("OFÍCIO Nº 312/2026/SME/GAB", "ofício",
                                                       datetime.date(2026, 10, 5))
    despacho, parecer = by_file["02-despacho.odt"], by_file["03-parecer.rtf"]
    assert (despacho.kind, despacho.date) == ("despacho", datetime.date(2026, 10, 7))
    assert (parecer.kind, parecer.date) == ("parecer", datetime.date(2026, 8, 3))
    assert by_file["04-nota.txt"].kind == "informação"
    email = by_file["08-email.eml"]
    assert (email.kind, email.title, email.date) == ("e-mail", "Encaminhamento do relatório de vistoria",
                                                     datetime.date(2026, 10, 5))
    assert "From: Ana Lima" in _text(from_folder, "08-email.eml")
    assert by_file["08-email.eml/relatorio.pdf"].parent == "08-email.eml"
    assert "infiltrações" in _text(from_folder, "08-email.eml/vistoria.docx")
    laudo = by_file["07-laudo.tif"]
    assert [p.source for p in laudo.pages] == ["ocr", "ocr"] and all(p.confidence for p in laudo.pages)


def test_bad_files_are_named_and_the_rest_is_read(from_folder: Process) -> None:
    warnings = [str(w) for w in from_folder.warnings]
    assert any("09-quebrado.docx" in w and "damaged" in w for w in warnings), warnings
    assert any("10-planilha.xyz" in w and "does not read XYZ" in w for w in warnings), warnings
    assert any("11-mensagem.msg" in w and ".eml" in w for w in warnings), warnings
    assert len(from_folder.documents) == 10


def test_a_zip_reads_as_the_folder_and_refuses_names_outside_it(process_folder: Path, from_folder: Process,
                                                                tmp_path: Path) -> None:
    archive = tmp_path / "processo.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for file in sorted(process_folder.iterdir()):
            out.write(file, file.name)
        out.writestr("../fora.txt", "Não deveria ser lido.")
        out.writestr("/etc/absoluto.txt", "Nem este.")
    from_zip = read_process(archive, OcrOptions(cache_dir=tmp_path / "ocr"), work_dir=tmp_path / "process")
    assert [(d.file, d.title, [p.text for p in d.pages]) for d in from_zip.documents] == \
        [(d.file, d.title, [p.text for p in d.pages]) for d in from_folder.documents]
    warnings = [str(w) for w in from_zip.warnings]
    assert any("../fora.txt" in w and "refused" in w for w in warnings)
    assert any("/etc/absoluto.txt" in w for w in warnings)
    assert not list((tmp_path / "process").iterdir())  # the private copies are gone
    assert not (tmp_path / "fora.txt").exists()


def test_a_zip_bomb_and_a_broken_zip_are_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomba.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("zeros.txt", b"\x00" * (64 * 1024 * 1024))
    with pytest.raises(ProcessError, match="zip bomb"):
        read_process(bomb, work_dir=tmp_path / "p")
    broken = tmp_path / "quebrado.zip"
    broken.write_bytes(b"PK\x03\x04 and nothing else")
    with pytest.raises(ProcessError, match="damaged"):
        read_process(broken, work_dir=tmp_path / "p")


def test_text_files_from_windows_and_pages_of_formats_without_pages() -> None:
    assert decode_text("Ação".encode("cp1252")) == "Ação"
    assert decode_text("\ufeffAção".encode()) == "Ação"
    pages = pages_of([f"Parágrafo {n}. " + "palavra " * 80 for n in range(40)])
    assert len(pages) > 5 and all(len(p) <= 3000 for p in pages)
    assert "Parágrafo 0." in pages[0] and all(p.startswith("Parágrafo") for p in pages)
    assert rtf_paragraphs(b"{\\rtf1 Ol\\'e1 {\\*\\comment oculto} mundo\\par fim}", "x.rtf") == ["Olá mundo", "fim"]


def test_the_command_line_prints_every_document(process_folder: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    from rio_desktop import __main__ as cli

    monkeypatch.setenv("RIO_DESKTOP_HOME", str(tmp_path / "home"))
    single = tmp_path / "um"
    single.mkdir()
    for name in ("01-oficio.docx", "04-nota.txt"):
        (single / name).write_bytes((process_folder / name).read_bytes())
    assert cli.main(["text", str(single), "--json"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert [d["file"] for d in output["documents"]] == ["01-oficio.docx", "04-nota.txt"]
    first = output["documents"][0]
    assert first["kind"] == "ofício" and first["date"] == "2026-10-05" and first["parent"] is None
    assert first["pages"][0]["source"] == "text" and first["pages"][0]["status"] == "ok"


def test_questions_across_the_process_cite_document_and_page(process_folder: Path, model_path: Path,
                                                             tmp_path: Path, capsys, monkeypatch) -> None:
    """Facts in an image (OCR) and in an e-mail's attachment: the right document and page are among the sources,
    and every citation names a document of the process and one of its pages."""
    from rio_desktop import __main__ as cli

    monkeypatch.setenv("RIO_DESKTOP_HOME", str(tmp_path / "home"))
    model = ["--model", str(model_path), "--ctx", "768", "--threads", "2"]
    questions = ["Onde o laudo encontrou rachaduras?", "O que a vistoria encontrou no segundo andar?"]
    exported = tmp_path / "perguntas.md"
    assert cli.main(["ask", str(process_folder), *questions, "--max-tokens", "24", *model, "--json",
                     "-o", str(exported)]) == 0
    output = json.loads(capsys.readouterr().out)
    markdown = exported.read_text(encoding="utf-8")  # the export names the process and cites as the JSON does
    assert process_folder.name in markdown and questions[1] in markdown
    for answer in output["answers"]:
        assert answer["answer"] in markdown
    rachaduras, vistoria = output["answers"]
    assert {"file": "07-laudo.tif", "page": 1} in rachaduras["sources"]
    assert {"file": "08-email.eml/vistoria.docx", "page": 1} in vistoria["sources"]
    files = {d.name for d in process_folder.iterdir()} | ATTACHMENTS
    for answer in output["answers"]:
        assert len(answer["sources"]) < 12  # ranked: not the whole process
        for point in answer["points"]:
            assert all(c["file"] in files and c["page"] >= 1 for c in point["citations"])
            assert all(c in answer["sources"] for c in point["citations"])  # only what the model was given


def test_a_process_summary_cites_document_and_page(process_folder: Path, model_path: Path, tmp_path: Path,
                                                   capsys, monkeypatch) -> None:
    from rio_desktop import __main__ as cli

    monkeypatch.setenv("RIO_DESKTOP_HOME", str(tmp_path / "home"))
    code = cli.main(["summarize", str(process_folder), "--model", str(model_path), "--ctx", "2048", "--threads",
                     "2", "--json", "-o", str(tmp_path / "processo.pdf")])
    captured = capsys.readouterr()
    if code != 0:  # the tiny model may write nothing checkable twice: said, never an empty summary
        assert "nothing that could be checked" in captured.err
        return
    output = json.loads(captured.out)
    assert output["points"]
    dates = [entry["date"] for entry in output["chronology"]]
    assert dates == sorted(dates) and "2026-10-05" in dates and "2026-08-03" in dates
    assert {"text": "O prazo para a resposta é de trinta dias.", "deadline": "2026-11-04",
            "citations": [{"file": "01-oficio.docx", "page": 1}]} in output["pending"]
    assert [d["file"] for d in output["documents"]][:2] == ["01-oficio.docx", "02-despacho.odt"]
    from pypdf import PdfReader

    exported = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "processo.pdf").pages)
    assert "Cronologia" in exported and "Documentos do processo" in exported and "01-oficio.docx" in exported
    documents = {d.name for d in process_folder.iterdir()} | ATTACHMENTS
    for point in output["points"]:
        assert point["citations"] and all(c["file"] in documents for c in point["citations"])


def test_the_chronology_is_in_date_order_and_deadlines_are_pending(tmp_path: Path) -> None:
    from rio_desktop.documents.chronology import deadline_of
    from rio_desktop.documents.process_chronology import process_chronology

    folder = tmp_path / "processo"
    folder.mkdir()
    # File order is not date order.
    (folder / "a-despacho.txt").write_text("DESPACHO Nº 3/2026\n\nRio de Janeiro, 20 de outubro de 2026.\n\n"
                                           "Encaminhe-se à Procuradoria para parecer.", encoding="utf-8")
    (folder / "b-oficio.txt").write_text("OFÍCIO Nº 312/2026/SME/GAB\n\nRio de Janeiro, 5 de outubro de 2026.\n\n"
                                         "Solicito informações sobre a obra da escola, no prazo de trinta dias, "
                                         "até 4 de novembro de 2026.\n\nAtenciosamente,\n\n"
                                         "ANA BEATRIZ DE OLIVEIRA\nChefe de Gabinete", encoding="utf-8")
    (folder / "c-nota.txt").write_text("Nota sem data.\n\nApresente o cronograma no prazo de 10 dias úteis.",
                                       encoding="utf-8")
    process = read_process(folder, work_dir=tmp_path / "p")
    entries, pending = process_chronology(process, process.combined(), [])
    assert [(e.date.isoformat(), e.citations[0].file) for e in entries] == [
        ("2026-10-05", "b-oficio.txt"), ("2026-10-20", "a-despacho.txt")]
    # Who signed it, read from its signature block as a reply reads it, in normal case.
    assert entries[0].text.startswith("OFÍCIO Nº 312/2026/SME/GAB (Ana Beatriz de Oliveira, Chefe de Gabinete) — "
                                      "Solicito informações")
    assert entries[0].who == "Ana Beatriz de Oliveira, Chefe de Gabinete" and entries[1].who == ""
    assert pending[0].deadline == datetime.date(2026, 11, 4) and pending[0].citations[0].file == "b-oficio.txt"
    assert any(p.deadline is None and "10 dias úteis" in p.text for p in pending)  # no date to count from
    assert deadline_of("no prazo de 10 dias úteis.", datetime.date(2026, 12, 4)) == (True, datetime.date(2026, 12, 18))
    assert deadline_of("no prazo de dois meses.", datetime.date(2026, 12, 31)) == (True, datetime.date(2027, 2, 28))
    assert deadline_of("O prazo venceu ontem.", None) == (False, None)


class _OemZipInfo(zipfile.ZipInfo):
    """A member named in cp850 without the UTF-8 flag, as Windows' "compressed folder" writes on a Brazilian PC."""

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's name
        return self.filename.encode("cp850"), self.flag_bits


def test_zip_names_from_windows_and_names_windows_refuses(tmp_path: Path) -> None:
    """A cp850 name reads as the clerk wrote it; a PDF whose name holds ':' and '?' (allowed in a ZIP, refused by
    Windows) is still read through its private copy, and keeps its name in the process."""
    from pdf_factory import text_pdf

    pdf = text_pdf(tmp_path / "ata.pdf", 1, sentences=2).read_bytes()
    archive = tmp_path / "processo.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(_OemZipInfo("Ofício de informação.txt"), "OFÍCIO Nº 7/2026\n\nTexto do ofício.".encode("cp1252"))
        zf.writestr("ata: versão final?.pdf", pdf)
    process = read_process(archive, OcrOptions(mode="never"), work_dir=tmp_path / "work")
    assert [d.file for d in process.documents] == ["Ofício de informação.txt", "ata: versão final?.pdf"]
    assert process.documents[1].text.text_pages and not process.warnings
    assert staged_name(3, 'a<b>:"c"|?*\x01.pdf') == "0003-a_b___c_____.pdf"
    assert len(staged_name(1, "x" * 300 + ".docx")) < 100

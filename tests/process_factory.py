"""A process as a clerk receives it, generated: one document of every format, each with a planted fact (the
process tests and bench/process.py)."""

from __future__ import annotations

import zipfile
from email.message import EmailMessage
from pathlib import Path

from pdf_factory import page_image, text_pdf

FACTS = {
    "01-oficio.docx": "O prazo para a resposta é de trinta dias.",
    "02-despacho.odt": "Encaminhe-se à Coordenadoria de Licitações para análise.",
    "03-parecer.rtf": "A contratação direta é admissível nos termos da lei.",
    "04-nota.txt": "A obra da escola municipal está atrasada em três meses.",
    "05-resumo.md": "O orçamento da Secretaria foi reduzido em dez por cento.",
    "06-pagina.html": "A audiência pública será realizada no auditório central.",
    "07-laudo.tif": "O laudo confirma rachaduras na parede norte.",
}

ATTACHMENTS = {"08-email.eml/relatorio.pdf", "08-email.eml/vistoria.docx"}


def _docx(path: Path, paragraphs: list[str], header: str = "") -> None:
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Item", "Valor"
    document.save(str(path))


def _odt(path: Path, paragraphs: list[str]) -> None:
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:text><text:h>DESPACHO Nº 45/2026</text:h>{body}</office:text></office:body>'
               '</office:document-content>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)


def _rtf(text: str) -> bytes:
    escaped = "".join(f"\\'{ord(c):02x}" if 127 < ord(c) < 256 else c for c in text)
    return ("{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Calibri;}}{\\*\\generator Word;}\\f0 PARECER N\\'ba 9/2026\\par "
            "Rio de Janeiro, 3 de agosto de 2026.\\par " + escaped + "\\par Cita\\u231?\\'e3o\\par}").encode("latin-1")


def _tiff(path: Path) -> None:
    frames = [page_image("LAUDO TÉCNICO Nº 7/2026\n\n" + FACTS["07-laudo.tif"]).convert("L"),
              page_image("Segunda página do laudo: a fundação está estável.").convert("L")]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_deflate")


def _email(path: Path, folder: Path) -> None:
    message = EmailMessage()
    message["From"] = "Ana Lima <ana.lima@rio.rj.gov.br>"
    message["To"] = "gabinete@rio.rj.gov.br"
    message["Date"] = "Mon, 05 Oct 2026 10:30:00 -0300"
    message["Subject"] = "Encaminhamento do relatório de vistoria"
    message.set_content("Prezados,\n\nSegue o relatório da vistoria realizada na escola.\n\nAtenciosamente,\nAna")
    message.add_attachment(text_pdf(folder / "anexo.pdf", 1, sentences=2).read_bytes(), maintype="application",
                           subtype="pdf", filename="relatorio.pdf")
    _docx(folder / "anexo.docx", ["A vistoria encontrou infiltrações no segundo andar."])
    message.add_attachment((folder / "anexo.docx").read_bytes(), maintype="application",
                           subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                           filename="vistoria.docx")
    path.write_bytes(bytes(message))


def write_process(folder: Path, work: Path) -> Path:
    """Every format into `folder` (created), with a damaged DOCX, an unknown format and an Outlook .msg;
    `work` takes the e-mail's attachments before they are attached."""
    folder.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    _docx(folder / "01-oficio.docx", ["OFÍCIO Nº 312/2026/SME/GAB", "Rio de Janeiro, 5 de outubro de 2026.",
                                      FACTS["01-oficio.docx"]], header="PREFEITURA DA CIDADE DO RIO DE JANEIRO")
    _odt(folder / "02-despacho.odt", ["Em 7 de outubro de 2026.", FACTS["02-despacho.odt"]])
    (folder / "03-parecer.rtf").write_bytes(_rtf(FACTS["03-parecer.rtf"]))
    (folder / "04-nota.txt").write_bytes(("INFORMAÇÃO Nº 12/2026\n\n" + FACTS["04-nota.txt"]).encode("cp1252"))
    (folder / "05-resumo.md").write_text("# Resumo\n\n" + FACTS["05-resumo.md"], encoding="utf-8")
    (folder / "06-pagina.html").write_text(f"<html><head><title>x</title><style>p{{}}</style></head><body>"
                                           f"<h1>Comunicado</h1><p>{FACTS['06-pagina.html']}</p></body></html>",
                                           encoding="utf-8")
    _tiff(folder / "07-laudo.tif")
    _email(folder / "08-email.eml", work)
    (folder / "09-quebrado.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "10-planilha.xyz").write_bytes(b"\x00\x01")
    (folder / "11-mensagem.msg").write_bytes(b"\xd0\xcf\x11\xe0")
    return folder



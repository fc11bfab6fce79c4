"""PDFs for tests, generated with fpdf2: text pages, scans, encrypted, broken, pathological."""

from __future__ import annotations

import textwrap
import zlib
from pathlib import Path

from fpdf import FPDF

TOPICS = [
    ("Orçamento", "A Secretaria Municipal de Fazenda executou {n} milhões de reais no programa de saneamento, "
                  "com prioridade para as zonas norte e oeste."),
    ("Transporte", "O BRT Transcarioca recebeu {n} novos ônibus elétricos e a frequência no horário de pico "
                   "passou para quatro minutos."),
    ("Saúde", "As clínicas da família realizaram {n} mil atendimentos, com ampliação do horário noturno em "
              "dez unidades."),
    ("Educação", "A rede municipal abriu {n} novas turmas de educação infantil e contratou professores "
                 "concursados."),
    ("Meio ambiente", "Foram plantadas {n} mil mudas de espécies nativas no Maciço da Tijuca e na Serra da "
                      "Misericórdia."),
]


def page_text(number: int, sentences: int = 6) -> str:
    topic, template = TOPICS[(number - 1) % len(TOPICS)]
    lines = [f"Relatório de gestão — página {number} — {topic}."]
    lines += [template.format(n=number * 10 + i) for i in range(sentences)]
    return " ".join(lines)


def _new() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=11)
    return pdf


def _text_page(pdf: FPDF, text: str) -> None:
    pdf.add_page()
    pdf.set_xy(20, 20)
    pdf.multi_cell(170, 6, text.replace("—", "-"))


def text_pdf(path: Path, pages: int, sentences: int = 6, scanned: tuple[int, ...] = (),
             password: str | None = None) -> Path:
    """`pages` pages of municipal-report prose; pages in `scanned` carry only a picture, no text."""
    pdf = _new()
    for number in range(1, pages + 1):
        if number in scanned:
            pdf.add_page()
            # A "scan": drawn shapes only, like a photographed page, no text layer.
            for row in range(30):
                pdf.set_fill_color(120 + row * 4, 120, 120)
                pdf.rect(20, 20 + row * 8, 170 - (row % 5) * 12, 5, style="F")
        else:
            _text_page(pdf, page_text(number, sentences))
    if password is not None:
        pdf.set_encryption(owner_password="dono-" + password, user_password=password)
    pdf.output(str(path))
    return path


def truncated_pdf(source: Path, target: Path, fraction: float = 0.5) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * fraction)])
    return target


def pathological_pdf(path: Path, operations: int = 1_500_000) -> Path:
    """Three pages; page 2's content stream holds `operations` text-drawing operators, which keep pypdf
    busy for many seconds. Written by hand, since no PDF library produces such a page on purpose."""
    normal = b"BT /F1 12 Tf 72 720 Td (Pagina normal com texto suficiente para leitura.) Tj ET"
    heavy = b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * operations + b"ET"
    streams = [normal, zlib.compress(heavy), normal]
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>"]
    for index in range(3):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {6 + index} 0 R "
                       f"/Resources << /Font << /F1 9 0 R >> >> >>".encode())
    for index, stream in enumerate(streams):
        flate = b" /Filter /FlateDecode" if index == 1 else b""
        objects.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


# Facts planted on known pages of a long report, with words that also appear elsewhere as distractors.
PLANTED = {
    37: "O prazo para interpor recurso contra a decisão da Comissão de Licitação é de quinze dias úteis, "
        "contados da publicação no Diário Oficial do Município.",
    88: "O valor global do contrato de limpeza urbana da zona oeste é de R$ 4.872.310,55 por ano, pagos em "
        "parcelas mensais.",
    120: "A engenheira Mariana Albuquerque Teixeira foi designada fiscal da obra da Escola Municipal Tia "
         "Ciata, na Gamboa.",
}
DISTRACTORS = {
    12: "O prazo de entrega dos uniformes escolares foi prorrogado por mais trinta dias.",
    30: "O contrato de manutenção dos elevadores foi renovado sem reajuste.",
    64: "Terminado o prazo de consulta pública, as sugestões foram publicadas.",
    95: "A obra da escola do Caju foi vistoriada pela Defesa Civil.",
    140: "A decisão do Tribunal de Contas sobre as contas de 2025 será publicada em março.",
}


def _fast_text_page(pdf: FPDF, text: str) -> None:
    """A page of text written line by line (multi_cell's layout engine takes 15 ms a page; this, 1)."""
    pdf.add_page()
    for row, line in enumerate(textwrap.wrap(text.replace("—", "-"), 90)):
        pdf.text(20, 25 + row * 6, line)


def planted_pdf(path: Path, pages: int = 150) -> Path:
    """A municipal report of `pages` pages with PLANTED facts and DISTRACTORS."""
    pdf = _new()
    for number in range(1, pages + 1):
        extra = [text for text in (DISTRACTORS.get(number), PLANTED.get(number)) if text]
        _fast_text_page(pdf, " ".join([page_text(number, sentences=4), *extra]))
    pdf.output(str(path))
    return path


def labelled_pdf(path: Path, front: int = 3, body: int = 4) -> Path:
    """`front` pages numbered i, ii, iii... then `body` pages numbered 1, 2, ... (PDF page labels)."""
    pdf = _new()
    for number in range(1, front + body + 1):
        if number <= front:
            _fast_text_page(pdf, f"Sumário e apresentação, folha preliminar {number}. Esta parte apresenta o "
                                 f"relatório anual da Secretaria.")
        else:
            _fast_text_page(pdf, page_text(number - front, sentences=3))
        if number == 1:
            pdf.set_page_label("r")
        elif number == front + 1:
            pdf.set_page_label("D", label_start=1)
    pdf.output(str(path))
    return path


# -- scanned pages -------------------------------------------------------------------------------------
OFICIO = (
    "Ofício nº 12/2026/SMF. Senhor Coordenador, a Secretaria Municipal de Fazenda informa que a execução "
    "orçamentária do programa de saneamento alcançou oitenta e sete milhões de reais, com prioridade para as "
    "regiões da zona norte e oeste. As ações de manutenção preventiva das estações de tratamento serão "
    "concluídas até o fim do exercício, conforme o cronograma aprovado pela comissão. Solicitamos a gentileza "
    "de encaminhar as informações complementares sobre a licitação em andamento, com atenção às questões de "
    "acessibilidade e à coleção de documentos exigidos pelo edital. A fiscalização das obras de drenagem em "
    "Guaratiba e Campo Grande continuará sob responsabilidade da Coordenação de Engenharia, que publicará "
    "relatórios mensais de medição. Atenciosamente, João Conceição, Subsecretário de Gestão."
)
PARECER = (
    "Parecer técnico nº 45/2026. A comissão examinou o pedido de revisão do contrato de iluminação pública e "
    "concluiu que a substituição das lâmpadas de vapor de sódio por luminárias de LED reduzirá o consumo de "
    "energia em quarenta por cento. Recomenda-se a aprovação do aditivo, condicionada à apresentação das "
    "certidões de regularidade fiscal e à garantia de cinco anos para os equipamentos instalados nas praças "
    "de Madureira, Bangu e Penha."
)
# Looks like a bad scanner's "OCR": symbols and stray letters, no words.
GARBAGE_LAYER = "~|l1 ;;' .,  }{ ^^ |1l ::: ~~ ' ,., /\\ |l| 1l; ~~ ^' ;.; |||"


def page_image(text: str, dpi: int = 200):
    """`text` printed on an A4 page (Helvetica 12 pt, Latin-1 covers Portuguese), as a grey image."""
    import pypdfium2

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    if text:
        pdf.set_xy(20, 20)
        pdf.multi_cell(170, 7, text.replace("—", "-"))
    page = pypdfium2.PdfDocument(bytes(pdf.output()))[0]
    return page.render(scale=dpi / 72, grayscale=True).to_pil()


def degrade(image, level: str = "light", seed: int = 7):
    """A scanner's marks: slight rotation, blur, noise and JPEG compression ("light"), or so much that
    the print drowns in speckle ("heavy"); "clean" only compresses."""
    import io
    import random

    from PIL import Image, ImageFilter

    angle, blur, noise, quality = {"clean": (0.0, 0.0, 0.0, 90), "light": (0.7, 0.6, 0.12, 60),
                                   "heavy": (2.5, 1.0, 0.35, 30)}[level]
    rng = random.Random(seed)
    image = image.convert("L")
    if angle:
        image = image.rotate(angle * (1 if rng.random() < 0.5 else -1), resample=Image.Resampling.BICUBIC,
                             fillcolor=255)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if noise:
        speckle = Image.effect_noise(image.size, 80).point(lambda v: 255 if v > 128 else 0)
        image = Image.blend(image, speckle, noise)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def scanned_pdf(path: Path, pages: list[tuple[str, str]]) -> Path:
    """One page per (kind, text): "text" a text page; "scan", "scan-clean", "scan-heavy" the text as an
    image only (lightly, not, or badly degraded); "blank" an empty scanned page; "garbage" the scan of
    `text` with a garbage text layer over it (what some scanners' own OCR leaves); "scan-stained" a light
    scan whose page below its first lines drowns in speckle."""
    import io

    from fpdf.enums import TextMode

    pdf = _new()
    for number, (kind, text) in enumerate(pages, start=1):
        if kind == "text":
            _text_page(pdf, text or page_text(number))
            continue
        level = {"scan": "light", "scan-clean": "clean", "scan-heavy": "heavy", "blank": "light",
                 "garbage": "light", "scan-stained": "light"}[kind]
        clean = page_image("" if kind == "blank" else text)
        image = degrade(clean, level, seed=number)
        if kind == "scan-stained":
            half = (0, image.height // 7, image.width, image.height)
            image.paste(degrade(clean, "heavy", seed=number).crop(half), half[:2])
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=90)
        pdf.add_page()
        pdf.image(buffer, x=0, y=0, w=210, h=297)
        if kind == "garbage":
            pdf.text_mode = TextMode.INVISIBLE
            pdf.set_xy(20, 20)
            pdf.multi_cell(170, 7, GARBAGE_LAYER * 3)
            pdf.text_mode = TextMode.FILL
    pdf.output(str(path))
    return path

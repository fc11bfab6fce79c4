"""Received letters for the reply tests, generated: the padrão ofício in the variants the Manual de Redação
da Presidência da República (3rd ed.) shows (with and without the letterhead's address, "Nº"/"No"/"n.º" or
none, Excelência and Senhoria addressees, one and two pages, numbered and unnumbered paragraphs, template
placeholders), as a text PDF, a scanned PDF, a DOCX and an e-mail; each with the fields a reader must find."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from pdf_factory import _new, degrade, page_image


@dataclass
class Received:
    name: str  # the file's name; its suffix gives the format (".scan.pdf": a scanned PDF)
    pages: list[list[str]]  # each page's lines (for an e-mail: its body's lines)
    expected: dict  # the fields a reader must find, exactly
    headers: dict[str, str] = field(default_factory=dict)  # an e-mail's
    page_header: list[str] = field(default_factory=list)  # a DOCX's letterhead in the page header
    page_footer: list[str] = field(default_factory=list)  # and its address in the page footer


FEDERAL_FOOTER = "Esplanada dos Ministérios, Bloco A, 4º andar - CEP 70054-906 - Brasília/DF"
RIO_FOOTER = "Rua Afonso Cavalcanti, 455 - Cidade Nova - CEP 20211-110 - Rio de Janeiro/RJ"

SAMPLES: list[Received] = [
    # 1. The Manual's own example: federal, Excelência, numbered paragraphs, footer address, a period.
    Received("01-saj.pdf", [[
        "PRESIDÊNCIA DA REPÚBLICA", "Casa Civil", "Subchefia para Assuntos Jurídicos",
        "", "OFÍCIO Nº 197/2018/SAJ/CC", "", "Brasília, 5 de outubro de 2026.", "",
        "A Sua Excelência o Senhor", "PAULO TAVARES", "Prefeito da Cidade do Rio de Janeiro",
        "Rua Afonso Cavalcanti, 455", "20211-110 Rio de Janeiro/RJ", "",
        "Assunto: Informações sobre o programa de saneamento.", "", "Senhor Prefeito,", "",
        "1. Em cumprimento ao Decreto nº 9.191, de 1º de novembro de 2017, esta Subchefia acompanha a execução "
        "dos convênios de saneamento firmados com os Municípios.",
        "2. Solicito a Vossa Excelência o envio do relatório de execução do convênio no prazo de trinta dias.",
        "3. Informo que a equipe técnica desta Subchefia permanece à disposição para esclarecimentos.",
        "", "Atenciosamente,", "", "JOSÉ DA SILVA DOS SANTOS", "Subchefe para Assuntos Jurídicos", "",
        FEDERAL_FOOTER]],
        {"kind": "Ofício", "number": "197/2018/SAJ/CC", "identification": "OFÍCIO Nº 197/2018/SAJ/CC",
         "date": "2026-10-05", "subject": "Informações sobre o programa de saneamento",
         "name": "José da Silva dos Santos", "office": "Subchefe para Assuntos Jurídicos",
         "organization": ["Presidência da República", "Casa Civil", "Subchefia para Assuntos Jurídicos"],
         "address": [FEDERAL_FOOTER],
         "requests": [("Solicito a Vossa Excelência o envio do relatório de execução do convênio no prazo de "
                       "trinta dias.", [1])],
         "deadlines": [("2026-11-04", [1])], "placeholders": [], "vocative": "Senhor Prefeito,"}),
    # 2. Municipal, Senhoria, unnumbered paragraphs, no footer address, an absolute date.
    Received("02-sme.pdf", [[
        "Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Educação", "Gabinete",
        "", "Ofício nº 312/2026/SME/GAB", "", "Rio de Janeiro, 14 de julho de 2026.", "",
        "Ao Senhor", "Carlos Melo", "Coordenador de Compras", "",
        "Assunto: Aquisição de material escolar.", "", "Senhor Coordenador,", "",
        "Esta Secretaria iniciou o planejamento das compras de material escolar para o ano letivo de 2027.",
        "Pedimos que a Coordenadoria apresente a relação de atas de registro de preços vigentes até 28 de agosto "
        "de 2026.",
        "", "Atenciosamente,", "", "ANA BEATRIZ DE OLIVEIRA", "Chefe de Gabinete"]],
        {"kind": "Ofício", "number": "312/2026/SME/GAB", "identification": "Ofício nº 312/2026/SME/GAB",
         "date": "2026-07-14", "subject": "Aquisição de material escolar", "name": "Ana Beatriz de Oliveira",
         "office": "Chefe de Gabinete",
         "organization": ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Educação", "Gabinete"],
         "address": [],
         "requests": [("Pedimos que a Coordenadoria apresente a relação de atas de registro de preços vigentes "
                       "até 28 de agosto de 2026.", [1])],
         "deadlines": [("2026-08-28", [1])], "placeholders": [], "vocative": "Senhor Coordenador,"}),
    # 3. "No", two pages, numbered paragraphs, the footer on each page, "Respeitosamente", a request on page 2.
    Received("03-two-pages.pdf", [[
        "MINISTÉRIO DA SAÚDE", "SECRETARIA DE ATENÇÃO PRIMÁRIA À SAÚDE", "",
        "OFÍCIO No 5/2026/SAPS/MS", "", "Brasília, 2 de março de 2026.", "",
        "A Sua Excelência a Senhora", "Daniela Rocha", "Secretária Municipal de Saúde", "",
        "Assunto: Cobertura da Estratégia Saúde da Família.", "", "Senhora Secretária,", "",
        "1. O Ministério da Saúde acompanha a cobertura da Estratégia Saúde da Família nos grandes Municípios, "
        "com base nos dados enviados ao sistema de informação da atenção primária.",
        "2. Os dados do último quadrimestre mostram redução da cobertura em três áreas de planejamento do "
        "Município, o que exige análise conjunta das equipes técnicas.",
        "3. A redução coincide com a troca das organizações sociais responsáveis pela gestão das clínicas.",
        "", FEDERAL_FOOTER], [
        "4. Diante disso, convido Vossa Excelência para reunião técnica a realizar-se em Brasília, em data a "
        "combinar com o gabinete desta Secretaria.",
        "5. Solicito, ainda, que as equipes municipais encaminhem os relatórios de cobertura por área de "
        "planejamento.",
        "", "Respeitosamente,", "", "MÁRCIO LUIZ DO NASCIMENTO", "Secretário de Atenção Primária à Saúde", "",
        FEDERAL_FOOTER]],
        {"kind": "Ofício", "number": "5/2026/SAPS/MS", "identification": "OFÍCIO No 5/2026/SAPS/MS",
         "date": "2026-03-02", "subject": "Cobertura da Estratégia Saúde da Família",
         "name": "Márcio Luiz do Nascimento", "office": "Secretário de Atenção Primária à Saúde",
         "organization": ["Ministério da Saúde", "Secretaria de Atenção Primária à Saúde"],
         "address": [FEDERAL_FOOTER],
         "requests": [("Diante disso, convido Vossa Excelência para reunião técnica a realizar-se em Brasília, "
                       "em data a combinar com o gabinete desta Secretaria.", [2]),
                      ("Solicito, ainda, que as equipes municipais encaminhem os relatórios de cobertura por área "
                       "de planejamento.", [2])],
         "deadlines": [], "placeholders": [], "vocative": "Senhora Secretária,"}),
    # 4. "n.º", "até o dia 28" (this month: the 28th has not passed).
    Received("04-smf.pdf", [[
        "PREFEITURA DA CIDADE DO RIO DE JANEIRO", "Secretaria Municipal de Fazenda",
        "Coordenadoria-Geral de Gestão de Pessoas", "", "Ofício n.º 41/2026/CGP/SMF", "",
        "Rio de Janeiro, 9 de setembro de 2026.", "", "À Senhora", "Lúcia Ferraz", "Diretora de Recursos Humanos",
        "", "Assunto: Cessão de servidores.", "", "Senhora Diretora,", "",
        "Encaminho a relação dos servidores cedidos a esse órgão em 2026.",
        "Solicita-se a confirmação da frequência de cada servidor até o dia 28, para o fechamento da folha.",
        "", "Atenciosamente,", "", "RICARDO VAZ E SILVA", "Coordenador-Geral de Gestão de Pessoas", "",
        RIO_FOOTER, "Telefone: (21) 2976-1234"]],
        {"kind": "Ofício", "number": "41/2026/CGP/SMF", "identification": "Ofício n.º 41/2026/CGP/SMF",
         "date": "2026-09-09", "subject": "Cessão de servidores", "name": "Ricardo Vaz e Silva",
         "office": "Coordenador-Geral de Gestão de Pessoas",
         "organization": ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Fazenda",
                          "Coordenadoria-Geral de Gestão de Pessoas"],
         "address": [RIO_FOOTER, "Telefone: (21) 2976-1234"],
         "requests": [("Solicita-se a confirmação da frequência de cada servidor até o dia 28, para o fechamento "
                       "da folha.", [1])],
         "deadlines": [("2026-09-28", [1])], "placeholders": [], "vocative": "Senhora Diretora,"}),
    # 5. No "Nº" at all, no deadline, no letterhead address.
    Received("05-sem-numero.pdf", [[
        "GOVERNO DO ESTADO DO RIO DE JANEIRO", "Secretaria de Estado de Cultura", "",
        "OFÍCIO 88/2026/GAB", "", "Niterói, 1º de junho de 2026.", "",
        "A Sua Senhoria o Senhor", "Pedro Alves", "Gerente de Eventos", "",
        "Assunto: Agradecimento pela cessão do teatro.", "", "Senhor Gerente,", "",
        "Agradeço, em nome desta Secretaria, a cessão do Teatro Municipal para o festival de inverno.",
        "O evento recebeu mais de quatro mil visitantes em três dias.",
        "", "Atenciosamente,", "", "HELENA DOS REIS", "Secretária de Estado de Cultura"]],
        {"kind": "Ofício", "number": "88/2026/GAB", "identification": "OFÍCIO 88/2026/GAB", "date": "2026-06-01",
         "subject": "Agradecimento pela cessão do teatro", "name": "Helena dos Reis",
         "office": "Secretária de Estado de Cultura",
         "organization": ["Governo do Estado do Rio de Janeiro", "Secretaria de Estado de Cultura"], "address": [],
         "requests": [], "deadlines": [], "placeholders": [], "vocative": "Senhor Gerente,"}),
    # 6. A template sent unfilled: placeholders in the signature are blanks, never names.
    Received("06-placeholders.pdf", [[
        "PREFEITURA DA CIDADE DO RIO DE JANEIRO", "Secretaria Municipal de Conservação", "",
        "OFÍCIO Nº 17/2026/SECONSERVA", "", "Rio de Janeiro, 20 de outubro de 2026.", "",
        "Ao Senhor", "[Nome]", "[Cargo]", "", "Assunto: Poda de árvores na Rua Uruguai.", "", "Senhor Diretor,",
        "", "Informamos que a poda das árvores da Rua Uruguai foi programada.",
        "Requeiro a Vossa Senhoria a interdição parcial da via no prazo de 10 (dez) dias úteis.",
        "", "Atenciosamente,", "", "[NOME DO SIGNATÁRIO]", "[Cargo do Signatário]"]],
        {"kind": "Ofício", "number": "17/2026/SECONSERVA", "identification": "OFÍCIO Nº 17/2026/SECONSERVA",
         "date": "2026-10-20", "subject": "Poda de árvores na Rua Uruguai", "name": "", "office": "",
         "organization": ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Conservação"],
         "address": [],
         "requests": [("Requeiro a Vossa Senhoria a interdição parcial da via no prazo de 10 (dez) dias úteis.",
                       [1])],
         "deadlines": [("2026-11-03", [1])],
         "placeholders": ["[Nome]", "[Cargo]", "[NOME DO SIGNATÁRIO]", "[Cargo do Signatário]"],
         "vocative": "Senhor Diretor,"}),
    # 7. A memorando, Excelência, a woman signs: "MARIA DAS GRAÇAS E SOUZA".
    Received("07-memorando.pdf", [[
        "PREFEITURA DA CIDADE DO RIO DE JANEIRO", "Secretaria Municipal de Saúde", "",
        "MEMORANDO Nº 14/2026/SMS", "", "Rio de Janeiro, 3 de agosto de 2026.", "",
        "Ao Senhor Subsecretário de Gestão", "", "Assunto: Manutenção dos aparelhos de raio X.", "",
        "Senhor Subsecretário,", "",
        "1. Os aparelhos de raio X de quatro clínicas da família estão parados desde julho.",
        "2. Solicito providências para a contratação emergencial da manutenção até 31 de agosto de 2026.",
        "3. Peço, ainda, que a Subsecretaria informe o andamento do processo de compra de novos aparelhos.",
        "", "Atenciosamente,", "", "MARIA DAS GRAÇAS E SOUZA", "Secretária Municipal de Saúde"]],
        {"kind": "Memorando", "number": "14/2026/SMS", "identification": "MEMORANDO Nº 14/2026/SMS",
         "date": "2026-08-03", "subject": "Manutenção dos aparelhos de raio X", "name": "Maria das Graças e Souza",
         "office": "Secretária Municipal de Saúde",
         "organization": ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Saúde"], "address": [],
         "requests": [("Solicito providências para a contratação emergencial da manutenção até 31 de agosto de "
                       "2026.", [1]),
                      ("Peço, ainda, que a Subsecretaria informe o andamento do processo de compra de novos "
                       "aparelhos.", [1])],
         "deadlines": [("2026-08-31", [1])], "placeholders": [], "vocative": "Senhor Subsecretário,"}),
    # 8. A scanned ofício (read by OCR).
    Received("08-scan.scan.pdf", [[
        "PREFEITURA DA CIDADE DO RIO DE JANEIRO", "Secretaria Municipal de Transportes", "",
        "OFÍCIO Nº 52/2026/SMTR", "", "Rio de Janeiro, 12 de maio de 2026.", "",
        "Ao Senhor", "Jorge Amaral", "Diretor de Obras", "", "Assunto: Obras no corredor BRT.", "",
        "Senhor Diretor,", "", "Solicito o cronograma das obras no prazo de quinze dias.", "", "Atenciosamente,",
        "", "FERNANDO DA COSTA", "Secretário Municipal de Transportes"]],
        {"kind": "Ofício", "number": "52/2026/SMTR", "identification": "OFÍCIO Nº 52/2026/SMTR",
         "date": "2026-05-12", "subject": "Obras no corredor BRT", "name": "Fernando da Costa",
         "office": "Secretário Municipal de Transportes",
         "organization": ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Transportes"],
         "address": [], "requests": [("Solicito o cronograma das obras no prazo de quinze dias.", [1])],
         "deadlines": [("2026-05-27", [1])], "placeholders": [], "vocative": "Senhor Diretor,"}),
    # 9. A DOCX.
    Received("09-oficio.docx", [[
        "OFÍCIO Nº 230/2026/SMAC/GAB", "Rio de Janeiro, 30 de novembro de 2026.", "A Sua Excelência o Senhor",
        "Roberto Nunes", "Vereador", "Câmara Municipal do Rio de Janeiro",
        "Assunto: Resposta ao Requerimento de Informações nº 1.204/2026.", "Senhor Vereador,",
        "Em atenção ao Requerimento de Informações nº 1.204/2026, informo que o plantio de mudas no Maciço da "
        "Tijuca alcançou doze mil mudas.",
        "Encaminhe-se cópia deste ofício à Comissão de Meio Ambiente.",
        "Atenciosamente,", "CLÁUDIA DE SÁ PEREIRA", "Secretária Municipal de Meio Ambiente"]],
        {"kind": "Ofício", "number": "230/2026/SMAC/GAB", "identification": "OFÍCIO Nº 230/2026/SMAC/GAB",
         "date": "2026-11-30", "subject": "Resposta ao Requerimento de Informações nº 1.204/2026",
         "name": "Cláudia de Sá Pereira", "office": "Secretária Municipal de Meio Ambiente",
         "organization": ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Meio Ambiente"],
         "address": ["Rua Afonso Cavalcanti, 455, 12º andar - CEP 20211-110"],
         "requests": [("Encaminhe-se cópia deste ofício à Comissão de Meio Ambiente.", [1])],
         "deadlines": [], "placeholders": [], "vocative": "Senhor Vereador,"},
        page_header=["PREFEITURA DA CIDADE DO RIO DE JANEIRO", "Secretaria Municipal de Meio Ambiente"],
        page_footer=["Rua Afonso Cavalcanti, 455, 12º andar - CEP 20211-110"]),
    # 10. An e-mail.
    Received("10-mensagem.eml", [[
        "Prezados,", "",
        "Segue a planilha de frequência dos estagiários da Coordenadoria de Licitações.", "",
        "Solicito que a planilha assinada seja devolvida até 15 de outubro de 2026.", "",
        "Atenciosamente,", "Ana Lima", "Coordenadora de Licitações", "Secretaria Municipal de Fazenda"]],
        {"kind": "e-mail", "number": "", "identification": "", "date": "2026-10-05",
         "subject": "Frequência dos estagiários", "name": "Ana Lima", "office": "Coordenadora de Licitações",
         "organization": ["Secretaria Municipal de Fazenda"], "address": ["ana.lima@rio.rj.gov.br"],
         "requests": [("Solicito que a planilha assinada seja devolvida até 15 de outubro de 2026.", [1])],
         "deadlines": [("2026-10-15", [1])], "placeholders": [], "vocative": "Prezados,"},
        headers={"From": "Ana Lima <ana.lima@rio.rj.gov.br>", "To": "gabinete@rio.rj.gov.br",
                 "Date": "Mon, 05 Oct 2026 10:30:00 -0300", "Subject": "Frequência dos estagiários"}),
    # 11. Unnumbered paragraphs over two pages, "até o dia 5" (passed this month: the next month's 5th).
    Received("11-two-pages-unnumbered.pdf", [[
        "TRIBUNAL DE CONTAS DO MUNICÍPIO DO RIO DE JANEIRO", "Secretaria-Geral de Controle Externo", "",
        "OFÍCIO Nº 1.033/2026/SGCE", "", "Rio de Janeiro, 21 de abril de 2026.", "",
        "A Sua Excelência o Senhor", "Paulo Tavares", "Prefeito da Cidade do Rio de Janeiro", "",
        "Assunto: Auditoria nos contratos de limpeza urbana.", "", "Senhor Prefeito,", "",
        "Este Tribunal realiza auditoria operacional nos contratos de limpeza urbana firmados pela Companhia "
        "Municipal de Limpeza Urbana entre 2023 e 2025, conforme o plano anual de fiscalização.",
        "A equipe de auditoria já examinou os contratos das áreas de planejamento 1 e 2."], [
        "Para a conclusão dos trabalhos, solicito que sejam remetidos a este Tribunal os processos de "
        "pagamento das áreas de planejamento 3, 4 e 5 até o dia 5.",
        "", "Respeitosamente,", "", "LUIZ ANTÔNIO DE ALBUQUERQUE", "Secretário-Geral de Controle Externo", "",
        "Praça da República, 70 - Centro - CEP 20211-351 - Rio de Janeiro/RJ"]],
        {"kind": "Ofício", "number": "1.033/2026/SGCE", "identification": "OFÍCIO Nº 1.033/2026/SGCE",
         "date": "2026-04-21", "subject": "Auditoria nos contratos de limpeza urbana",
         "name": "Luiz Antônio de Albuquerque", "office": "Secretário-Geral de Controle Externo",
         "organization": ["Tribunal de Contas do Município do Rio de Janeiro",
                          "Secretaria-Geral de Controle Externo"],
         "address": ["Praça da República, 70 - Centro - CEP 20211-351 - Rio de Janeiro/RJ"],
         "requests": [("Para a conclusão dos trabalhos, solicito que sejam remetidos a este Tribunal os processos "
                       "de pagamento das áreas de planejamento 3, 4 e 5 até o dia 5.", [2])],
         "deadlines": [("2026-05-05", [2])], "placeholders": [], "vocative": "Senhor Prefeito,"}),
    # 12. An ofício circular addressed to several, "Nº" with a degree sign, sixty days.
    Received("12-circular.pdf", [[
        "MINISTÉRIO DA GESTÃO E DA INOVAÇÃO EM SERVIÇOS PÚBLICOS", "Secretaria de Gestão de Pessoas", "",
        "OFÍCIO CIRCULAR N° 9/2026/SGP/MGI", "", "Brasília, 15 de janeiro de 2026.", "",
        "Aos Senhores Dirigentes de Gestão de Pessoas", "", "Assunto: Recadastramento de aposentados.", "",
        "Senhores Dirigentes,", "",
        "1. Comunico o início do recadastramento anual de aposentados e pensionistas.",
        "2. Os órgãos devem concluir o recadastramento no prazo de sessenta dias, contados da data deste ofício.",
        "3. Dúvidas podem ser enviadas ao endereço eletrônico indicado no sistema.",
        "", "Atenciosamente,", "", "BEATRIZ VON HOLLEBEN", "Secretária de Gestão de Pessoas", "",
        "Esplanada dos Ministérios, Bloco K - CEP 70040-906 - Brasília/DF"]],
        {"kind": "Ofício Circular", "number": "9/2026/SGP/MGI",
         "identification": "OFÍCIO CIRCULAR N° 9/2026/SGP/MGI", "date": "2026-01-15",
         "subject": "Recadastramento de aposentados", "name": "Beatriz von Holleben",
         "office": "Secretária de Gestão de Pessoas",
         "organization": ["Ministério da Gestão e da Inovação em Serviços Públicos",
                          "Secretaria de Gestão de Pessoas"],
         "address": ["Esplanada dos Ministérios, Bloco K - CEP 70040-906 - Brasília/DF"],
         "requests": [], "deadlines": [("2026-03-16", [1])], "placeholders": [], "vocative": "Senhores Dirigentes,"}),
    # 13. A letter from SEI: signed electronically (no name block), the system's lines under it, a Referência.
    Received("13-sei.pdf", [[
        "PREFEITURA DA CIDADE DO RIO DE JANEIRO", "Secretaria Municipal de Fazenda", "",
        "OFÍCIO Nº 604/2026/SMF", "", "Rio de Janeiro, 10 de novembro de 2026.", "",
        "À Senhora", "Diretora de Compras", "", "Assunto: Pagamento de fornecedores.", "", "Senhora Diretora,", "",
        "Solicito a relação dos pagamentos pendentes, no prazo de 5 (cinco) dias.", "", "Atenciosamente,", "",
        "Documento assinado eletronicamente por JOÃO BATISTA DE SOUZA, Subsecretário de Fazenda, em "
        "10/11/2026, às 15:02, conforme horário oficial de Brasília.",
        "A autenticidade deste documento pode ser conferida no site https://sei.rio/verifica, informando o "
        "código verificador 1234567.",
        "Referência: Processo nº FAZ-PRO-2026/01234 SEI nº 1234567"]],
        {"kind": "Ofício", "number": "604/2026/SMF", "identification": "OFÍCIO Nº 604/2026/SMF",
         "date": "2026-11-10", "subject": "Pagamento de fornecedores", "name": "João Batista de Souza",
         "office": "Subsecretário de Fazenda",
         "organization": ["Prefeitura da Cidade do Rio de Janeiro", "Secretaria Municipal de Fazenda"],
         "address": [],
         "requests": [("Solicito a relação dos pagamentos pendentes, no prazo de 5 (cinco) dias.", [1])],
         "deadlines": [("2026-11-15", [1])], "placeholders": [], "vocative": "Senhora Diretora,"}),
]


def letter_date(sample: Received) -> datetime.date:
    return datetime.date.fromisoformat(sample.expected["date"])


def _pdf(path: Path, pages: list[list[str]]) -> None:
    pdf = _new()
    for lines in pages:
        pdf.add_page()
        pdf.set_xy(20, 20)
        for line in lines:
            if line:
                pdf.multi_cell(170, 6, line, new_x="LMARGIN", new_y="NEXT")
                pdf.set_x(20)
            else:
                pdf.ln(3)
                pdf.set_x(20)
    pdf.output(str(path))


def _scan(path: Path, pages: list[list[str]]) -> None:
    import io

    pdf = _new()
    for lines in pages:
        image = degrade(page_image("\n".join(line for line in lines)), "light")  # a scanner's marks
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=92)
        pdf.add_page()
        pdf.image(buffer, x=0, y=0, w=210, h=297)
    pdf.output(str(path))


def _docx(path: Path, sample: Received) -> None:
    import docx

    document = docx.Document()
    header, footer = document.sections[0].header, document.sections[0].footer
    for index, line in enumerate(sample.page_header):
        paragraph = header.paragraphs[0] if index == 0 else header.add_paragraph()
        paragraph.text = line
    for index, line in enumerate(sample.page_footer):
        paragraph = footer.paragraphs[0] if index == 0 else footer.add_paragraph()
        paragraph.text = line
    for lines in sample.pages:
        for line in lines:
            document.add_paragraph(line)
    document.save(str(path))


def _eml(path: Path, sample: Received) -> None:
    message = EmailMessage()
    for key, value in sample.headers.items():
        message[key] = value
    message.set_content("\n".join(line for page in sample.pages for line in page))
    path.write_bytes(bytes(message))


def write_received(folder: Path, sample: Received) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / sample.name
    if sample.name.endswith(".scan.pdf"):
        _scan(path, sample.pages)
    elif path.suffix == ".pdf":
        _pdf(path, sample.pages)
    elif path.suffix == ".docx":
        _docx(path, sample)
    elif path.suffix == ".eml":
        _eml(path, sample)
    return path


def write_all(folder: Path) -> list[tuple[Received, Path]]:
    return [(sample, write_received(folder, sample)) for sample in SAMPLES]

"""A process's summary as an exportable document: the summary's points, the chronology as a table, the
pending deadlines, and the list of documents with their sha256, each line citing document and page."""

from __future__ import annotations

from collections.abc import Callable

from rio_desktop import APP_NAME, __version__
from rio_desktop.documents.chronology import ChronologyEntry, Citation, Pending
from rio_desktop.documents.dates import local_long_date, long_date
from rio_desktop.documents.export import Document, Provenance, table_row
from rio_desktop.documents.process import CombinedProcess
from rio_desktop.documents.summarize import SummaryResult

_TEXT = {
    "pt-BR": {"title": "Resumo do processo {name}", "summary": "Resumo", "chronology": "Cronologia",
              "pending": "Pendências e prazos", "documents": "Documentos do processo", "date": "Data",
              "act": "Ato", "source": "Fonte", "deadline": "Prazo", "request": "Pedido", "file": "Arquivo",
              "doc_title": "Título", "kind": "Tipo", "pages": "Páginas", "no_date": "sem data", "page": "p.",
              "footer": "Gerado por {app} {version} com o modelo {model} em {date}. Cada citação indica o "
                        "arquivo e a página."},
    "en": {"title": "Summary of the process {name}", "summary": "Summary", "chronology": "Chronology",
           "pending": "Pending requests and deadlines", "documents": "Documents of the process", "date": "Date",
           "act": "Act", "source": "Source", "deadline": "Deadline", "request": "Request", "file": "File",
           "doc_title": "Title", "kind": "Kind", "pages": "Pages", "no_date": "no date", "page": "p.",
           "footer": "Written by {app} {version} with the model {model} on {date}. Each citation names the file "
                     "and the page."},
}


def process_document(result: SummaryResult, combined: CombinedProcess, chronology: list[ChronologyEntry],
                     pending: list[Pending], model_name: str, model_sha256: str,
                     translate: Callable[[str, str], str] | None = None) -> Document:
    language = result.options.language
    text = _TEXT["en" if language == "en" else "pt-BR"]
    process = combined.process

    def cite(citations: list[Citation]) -> str:
        return "; ".join(f"{c.file}, {text['page']} {c.page}" for c in citations)

    def cited(pages: list[int]) -> list[Citation]:
        return [Citation(file, page) for file, page in (combined.place(n) for n in sorted(set(pages)))]

    def day(date) -> str:  # noqa: ANN001 - datetime.date | None
        return long_date(date, language) if date else text["no_date"]

    lines = [f"## {text['summary']}"]
    lines += [f"- {p.text} ({cite(cited(p.pages))})" if p.pages else f"- {p.text}" for p in result.points]
    if chronology:
        lines += ["", f"## {text['chronology']}", table_row([text["date"], text["act"], text["source"]]),
                  table_row(["---"] * 3)]
        lines += [table_row([day(e.date), e.text, cite(e.citations)]) for e in chronology]
    if pending:
        lines += ["", f"## {text['pending']}", table_row([text["deadline"], text["request"], text["source"]]),
                  table_row(["---"] * 3)]
        lines += [table_row([day(p.deadline), p.text, cite(p.citations)]) for p in pending]
    lines += ["", f"## {text['documents']}",
              table_row([text["file"], text["doc_title"], text["kind"], text["date"], text["pages"], "sha256"]),
              table_row(["---"] * 6)]
    lines += [table_row([d.file, d.title, d.kind, day(d.date) if d.date else "", str(d.text.page_count),
                         d.text.sha256]) for d in process.documents]
    provenance = Provenance(source_name=process.source.name, source_sha256=combined.document.sha256,
                            model_name=model_name, model_sha256=model_sha256, created=Provenance.now(),
                            style="process", language=language, page_numbering="file and page")
    footer = text["footer"].format(app=APP_NAME, version=__version__, model=model_name,
                                   date=local_long_date(provenance.created, language))
    return Document(title=text["title"].format(name=process.source.name), body="\n".join(lines),
                    warnings=[w.render(translate) for w in [*process.warnings, *result.warnings]],
                    provenance=provenance, footer=footer)

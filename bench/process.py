#!/usr/bin/env python3
"""Process benchmark: a generated process of many documents in mixed formats (PDF with scanned pages, DOCX,
ODT, RTF, text, HTML, e-mail with attachments, TIFF), read as one and each file alone, searched for its
planted facts, and summarized. Writes bench/results/process.json.

    .venv/bin/python bench/process.py [--copies 3] [--report-pages 160] [--model FILE.gguf] [--ctx 8192]
    .venv/bin/python bench/process.py --quick     # one copy of each format, retrieval and reading only

Figures against baselines measured in the same run:
- read_ratio: reading the whole process / the sum of reading each of its files alone (goal <= 1.2);
- recall: planted facts whose document and page are among the first pages retrieved for their question
  (goal: all);
- evaluated_ratio: tokens the model evaluated for the process summary / the documents' tokens (goal <= 1.3,
  as for one PDF).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from report import add_quick_flag, default_model, print_table, write_results  # noqa: E402

QUESTIONS = {
    "01-oficio.docx": "Qual é o prazo para a resposta?",
    "02-despacho.odt": "Para onde o processo deve ser encaminhado?",
    "03-parecer.rtf": "A contratação direta é admissível?",
    "04-nota.txt": "Quanto tempo de atraso tem a obra da escola?",
    "05-resumo.md": "Quanto o orçamento da Secretaria foi reduzido?",
    "06-pagina.html": "Onde será realizada a audiência pública?",
    "07-laudo.tif": "O que o laudo confirma na parede norte?",
}
TOP_PAGES = 5  # the pages a question's retrieval offers first


def build(folder: Path, copies: int, scanned_pages: int, report_pages: int) -> Path:
    """`copies` of the process of every format (each copy's files prefixed), plus a report PDF of
    `report_pages` pages with `scanned_pages` scanned pages among its text pages."""
    from pdf_factory import text_pdf
    from process_factory import write_process

    for copy in range(copies):
        part = folder / f"parte-{copy + 1}"
        write_process(part, folder.parent / f"work-{copy}")
        for junk in ("09-quebrado.docx", "10-planilha.xyz", "11-mensagem.msg"):
            (part / junk).unlink()
    text_pdf(folder / "relatorio.pdf", max(scanned_pages * 2, 4, report_pages), sentences=6,
             scanned=tuple(range(2, 2 + scanned_pages * 2, 2)))
    return folder


def read_all(folder: Path, cache: Path):  # noqa: ANN201 - Process
    from rio_desktop.documents.ocr import OcrOptions
    from rio_desktop.documents.process import read_process

    return read_process(folder, OcrOptions(cache_dir=cache / "ocr"), work_dir=cache / "process")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=None, help="copies of the set of formats (default 3)")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--report-pages", type=int, default=160, help="pages of the process's long report")
    parser.add_argument("--ctx", type=int, default=8192)
    add_quick_flag(parser)
    args = parser.parse_args()
    copies = args.copies or (1 if args.quick else 3)
    scanned = 1 if args.quick else 5
    # The process: 30 documents and about 200 pages (a long report among short letters).
    report_pages = 4 if args.quick else args.report_pages
    from rio_desktop.documents.search_index import PageSearch, Query

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        folder = build(work / "processo", copies, scanned, report_pages)
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        started = time.perf_counter()
        process = read_all(folder, work / "cache-whole")
        whole_s = time.perf_counter() - started
        alone_s = 0.0
        for number, file in enumerate(files):  # each file alone, with a cold OCR cache of its own
            started = time.perf_counter()
            read_all(file, work / f"cache-{number}")
            alone_s += time.perf_counter() - started
        combined = process.combined()
        pages = [(p.number, p.text) for p in combined.document.text_pages]
        started = time.perf_counter()
        search = PageSearch.open(pages, None, combined.document.sha256)
        index_s = time.perf_counter() - started
        found = asked = 0
        misses = []
        try:
            for copy in range(copies):
                for file, question in QUESTIONS.items():
                    target = f"parte-{copy + 1}/{file}"
                    top = [combined.place(hit.page) for hit in search.rank(Query.of(question).stems, TOP_PAGES)]
                    asked += 1
                    if any(place[0] == target for place in top):
                        found += 1
                    else:
                        misses.append(target)
        finally:
            search.close()
        results = {"documents": len(process.documents), "pages": process.page_count, "files": len(files),
                   "read_whole_s": round(whole_s, 2), "read_alone_sum_s": round(alone_s, 2),
                   "read_ratio": round(whole_s / alone_s, 3) if alone_s else None, "index_s": round(index_s, 3),
                   "recall": found / asked if asked else None, "recall_misses": misses,
                   "warnings": [str(w) for w in process.warnings]}
        if not args.quick:
            results.update(summarize(combined.document, args.model or default_model(), args.ctx))
        shutil.rmtree(work / "processo", ignore_errors=True)
    rows = [("documents / pages", f"{results['documents']} / {results['pages']}"),
            ("read whole / each alone", f"{results['read_whole_s']} s / {results['read_alone_sum_s']} s = "
                                        f"{results['read_ratio']}× (goal <= 1.2)"),
            ("index of the whole process", f"{results['index_s']} s"),
            ("recall of planted facts", f"{found}/{asked} (goal: all)")]
    if "evaluated_ratio" in results:
        rows.append(("summary: evaluated / document tokens", f"{results['evaluated_ratio']} (goal <= 1.3)"))
    print_table(rows)
    write_results("process", results, quick=args.quick)
    return 0


def summarize(document, model: Path, n_ctx: int) -> dict:  # noqa: ANN001 - PdfText
    from rio_desktop.documents.summarize import Summarizer, SummaryOptions
    from rio_desktop.engine.backend import LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend

    backend = LlamaCppBackend()
    backend.load(LoadParams(model_path=model, n_ctx=n_ctx))
    try:
        result = Summarizer(backend, SummaryOptions(style="bullets")).run(document)
    finally:
        backend.unload()
    stats = result.stats
    return {"summary_mode": stats.mode, "summary_chunks": stats.chunks, "document_tokens": stats.document_tokens,
            "evaluated_tokens": stats.evaluated_tokens, "evaluated_ratio": round(stats.evaluated_ratio, 3),
            "summary_seconds": round(stats.seconds, 1), "summary_points": len(result.points)}


if __name__ == "__main__":
    sys.exit(main())

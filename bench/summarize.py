#!/usr/bin/env python3
"""Summarization benchmark: where the wall time of a summary goes (text extraction, the model, the
rest), and how many tokens the model evaluates for the document's tokens. Writes
bench/results/summarize.json.

    .venv/bin/python bench/summarize.py FILE.pdf [--model FILE.gguf] [--ctx 8192] [--style bullets]
    .venv/bin/python bench/summarize.py --generate 200      # a generated 200-page report
    .venv/bin/python bench/summarize.py --quick              # a generated 1-page report, context 2048
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from report import add_quick_flag  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path, nargs="?")
    parser.add_argument("--generate", type=int, metavar="PAGES", help="summarize a generated report instead")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--ctx", type=int, default=None, help="context (default 8192; --quick: 2048)")
    parser.add_argument("--style", default="bullets", choices=("bullets", "executive", "detailed"))
    parser.add_argument("--reasoning", default="auto", choices=("auto", "on", "off"))
    parser.add_argument("--reasoning-budget", type=int, default=1024)
    add_quick_flag(parser)
    args = parser.parse_args()
    from report import default_model, print_table, results_dir, write_results

    if args.quick and not args.pdf and not args.generate:
        args.generate = 1
    args.ctx = args.ctx or (2048 if args.quick else 8192)

    from rio_desktop.documents.pdf_text import read_pdf
    from rio_desktop.documents.summarize import Summarizer, SummaryOptions
    from rio_desktop.engine.backend import LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend
    from rio_desktop.engine.reasoning import ReasoningPolicy

    if args.generate:
        sys.path.insert(0, str(ROOT / "tests"))
        from pdf_factory import text_pdf

        results_dir().mkdir(parents=True, exist_ok=True)
        pdf = text_pdf(results_dir() / f"generated-{args.generate}-pages.pdf", args.generate,
                       sentences=8, scanned=(7,))
    elif args.pdf:
        pdf = args.pdf
    else:
        parser.error("give a PDF or --generate PAGES")
    model = args.model or default_model()

    wall_started = time.perf_counter()
    started = time.perf_counter()
    document = read_pdf(pdf)
    extraction_s = time.perf_counter() - started
    backend = LlamaCppBackend()
    started = time.perf_counter()
    backend.load(LoadParams(model_path=model, n_ctx=args.ctx))
    load_s = time.perf_counter() - started
    progress_seen = []
    options = SummaryOptions(style=args.style, reasoning=ReasoningPolicy(args.reasoning, args.reasoning_budget))
    summarizer = Summarizer(backend, options,
                            on_progress=lambda p: progress_seen.append((p.stage, p.done, p.total)))
    result = summarizer.run(document)
    wall_s = time.perf_counter() - wall_started
    backend.unload()
    stats = result.stats
    model_s = stats.model_seconds
    elsewhere_s = wall_s - extraction_s - load_s - model_s
    outside = (wall_s - model_s - load_s) / (wall_s - load_s)
    results = {
        "pdf": pdf.name, "model": model.name, "n_ctx": args.ctx, "style": args.style,
        "pages": stats.pages, "text_pages": stats.text_pages, "document_tokens": stats.document_tokens,
        "evaluated_tokens": stats.evaluated_tokens, "evaluated_ratio": stats.evaluated_ratio,
        "evaluated_budget": stats.evaluated_budget, "chunks": stats.chunks, "merge_rounds": stats.merge_rounds,
        "calls": stats.calls, "reasoning": args.reasoning, "reasoning_mode": summarizer.reasoning_mode,
        "reasoning_tokens": stats.reasoning_tokens, "reasoning_steps": stats.reasoning_steps,
        "reasoning_overhead": stats.reasoning_overhead,
        "extraction_s": extraction_s, "extraction_pages_per_s": stats.pages / extraction_s,
        "model_load_s": load_s, "model_s": model_s, "elsewhere_s": elsewhere_s, "wall_s": wall_s,
        # Share of the summary's wall time (model loading aside) spent outside the model.
        "outside_model_share": outside, "points": len(result.points),
        "citations": {"kept": stats.citations_kept, "corrected": stats.citations_corrected,
                      "dropped": stats.citations_dropped},
    }
    rows = [
        ("pages (with text)", f"{stats.pages} ({stats.text_pages})"),
        ("document tokens", f"{stats.document_tokens}"),
        ("evaluated tokens (ratio; goal <= 1.3 + fixed per chunk)",
         f"{stats.evaluated_tokens} ({stats.evaluated_ratio:.3f}; budget {stats.evaluated_budget})"),
        ("chunks / merge rounds / model calls", f"{stats.chunks} / {stats.merge_rounds} / {stats.calls}"),
        (f"reasoning tokens ({summarizer.reasoning_mode}, {args.reasoning}; steps; budget overhead)",
         f"{stats.reasoning_tokens} ({stats.reasoning_steps}; {stats.reasoning_overhead})"),
        ("extraction", f"{extraction_s:.1f} s ({stats.pages / extraction_s:.1f} pages/s)"),
        ("model (prompt + generation)", f"{model_s:.1f} s"),
        ("elsewhere (planning, citations)", f"{elsewhere_s:.1f} s"),
        ("outside the model, share of wall (goal <= 5%)", f"{outside * 100:.1f} %"),
        ("model load (not counted)", f"{load_s:.2f} s"),
    ]
    print_table(rows)
    write_results("summarize", results, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

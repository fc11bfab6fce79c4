#!/usr/bin/env python3
"""Read-once benchmark: what a question costs when the document was read before (engine.state_cache).
Writes bench/results/read_once.json.

    .venv/bin/python bench/read_once.py [--pages 20] [--model FILE.gguf] [--ctx 8192]
    .venv/bin/python bench/read_once.py --quick     # 3 pages: checks that it runs

On a generated report that fits the context whole, against the first question read cold in the same run:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=None, help="pages of the report (default 20; --quick: 3)")
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--ctx", type=int, default=8192)
    add_quick_flag(parser)
    args = parser.parse_args()
    args.pages = args.pages or (3 if args.quick else 20)
    model = args.model or default_model()

    from pdf_factory import text_pdf

    from rio_desktop.documents.ask import AskOptions, Conversation
    from rio_desktop.documents.pdf_text import read_pdf
    from rio_desktop.documents.search_index import PageSearch
    from rio_desktop.documents.summarize import Summarizer, SummaryError, SummaryOptions
    from rio_desktop.engine.backend import LoadParams
    from rio_desktop.engine.llama_backend import LlamaCppBackend
    from rio_desktop.engine.state_cache import SUFFIX, StateCache, read_header

    folder = Path(tempfile.mkdtemp(prefix="rio-read-once-"))
    document = read_pdf(text_pdf(folder / "relatorio.pdf", args.pages, sentences=6))
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

    summary_states = folder / "states-after-summary"
    third_session = session(summary_states)
    try:  # the test model may write nothing checkable: the document was read all the same
        summary_mode = Summarizer(third_session, SummaryOptions(style="bullets")).run(document).stats.mode
    except SummaryError:
        summary_mode = "single, nothing checkable written"
    after_summary = conversation(third_session).ask(QUESTION).stats
    third_session.unload()

    # A hybrid model (Qwen3.5's architecture: tiny, random weights, made by tests/hybrid_model.py) cannot cut
    # its memory back to a shared prefix: a follow-up after another conversation, with kept states and without.
    from hybrid_model import make_hybrid_model

    from rio_desktop.engine.backend import ChatMessage, GenerationParams

    hybrid = make_hybrid_model(folder / "tiny-qwen35.gguf")
    system = "Responda com base no documento.\n\n" + "\n\n".join(p.text for p in document.text_pages[:2])
    hybrid_params = GenerationParams(max_tokens=8, temperature=0.0, repeat_penalty=1.0, reasoning=False,
                                     prefix_end=system)

    def hybrid_follow_up(kept: StateCache) -> dict:
        backend = LlamaCppBackend(n_threads=1, states=kept)
        backend.load(LoadParams(model_path=hybrid, n_ctx=2048))
        turn1 = [ChatMessage("system", system), ChatMessage("user", QUESTION)]
        first = backend.chat(turn1, hybrid_params)
        backend.chat([ChatMessage("system", system), ChatMessage("user", FOLLOW_UP)], hybrid_params)
        started = time.perf_counter()
        second = backend.chat([*turn1, ChatMessage("assistant", first.text), ChatMessage("user", FOLLOW_UP)],
                              hybrid_params)
        backend.unload()
        return {"prompt_tokens": second.stats.prompt_tokens, "evaluated": second.stats.prompt_tokens_evaluated,
                "time_to_first_token_s": second.stats.time_to_first_token_s,
                "seconds": time.perf_counter() - started, "text": second.text}

    hybrid_kept = hybrid_follow_up(StateCache(None))
    hybrid_bare = hybrid_follow_up(StateCache(None, memory_limit=0))

    def ratio(x: float, y: float) -> float:
        return x / y if y else 0.0

    cases = {"follow_up": follow, "new_session": restart, "after_summary": after_summary}
    results = {
        "pages": args.pages, "model": model.name, "n_ctx": args.ctx,
        "cold": cold.as_dict(),
        **{name: {**stats.as_dict(),
                  "evaluated_ratio": ratio(stats.prompt_tokens_evaluated, cold.prompt_tokens_evaluated),
                  "time_to_first_token_ratio": ratio(stats.time_to_first_token_s, cold.time_to_first_token_s)}
           for name, stats in cases.items()},
        "state_files": len(files), "state_bytes": state_bytes, "state_load_s": load_s,
        "state_found": found is not None, "summary_mode": summary_mode,
        "hybrid_follow_up": {"kept_states": hybrid_kept, "nothing_kept": hybrid_bare,
                             "evaluated_ratio": ratio(hybrid_kept["evaluated"], hybrid_bare["evaluated"]),
                             "same_answer": hybrid_kept["text"] == hybrid_bare["text"]},
        "speculation": "not built: prompt lookup did not pay on this 2-core CPU (see issue 26's note)",
    }
    rows = [("document", f"{args.pages} pages, {cold.prompt_tokens} prompt tokens, model {model.name}"),
            ("cold question", f"{cold.prompt_tokens_evaluated} tokens read, first token in "
                              f"{cold.time_to_first_token_s:.3f} s")]
    for name, stats in cases.items():
        rows.append((f"{name.replace('_', ' ')} (goal <= 0.1)",
                     f"{stats.prompt_tokens_evaluated} tokens read = "
                     f"{ratio(stats.prompt_tokens_evaluated, cold.prompt_tokens_evaluated):.3f}x, first token "
                     f"{stats.time_to_first_token_s:.3f} s = "
                     f"{ratio(stats.time_to_first_token_s, cold.time_to_first_token_s):.3f}x"))
    rows.append(("state on disk", f"{len(files)} file(s), {state_bytes / 1e6:.1f} MB, loaded and checked in "
                                  f"{load_s:.3f} s = {ratio(load_s, cold.time_to_first_token_s):.3f}x reading "
                                  "the document"))
    hybrid_ratio = ratio(hybrid_kept["evaluated"], hybrid_bare["evaluated"])
    rows.append(("hybrid follow-up (tiny qwen35)",
                 f"{hybrid_kept['evaluated']} of {hybrid_kept['prompt_tokens']} tokens read with kept states vs "
                 f"{hybrid_bare['evaluated']} without = {hybrid_ratio:.3f}x"
                 f", same answer: {hybrid_kept['text'] == hybrid_bare['text']}"))
    print_table(rows)
    write_results("read_once", results, quick=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())

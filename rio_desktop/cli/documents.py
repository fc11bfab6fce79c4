"""The document commands: text, summarize, ask, draft and generate. Each runs the use case the window runs
(rio_desktop.tasks) on its own thread and prints the result."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop.cli.common import (
    CliError,
    ProgressLine,
    choose_backend,
    open_backend,
    read_document,
    reasoning_policy,
    redacts,
)

if TYPE_CHECKING:
    from rio_desktop.documents.ask import Answer
    from rio_desktop.documents.letter import Template
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.documents.pdf_text import PdfText
    from rio_desktop.engine.backend import ModelInfo


def _letter_inputs(args: argparse.Namespace, builtin: Path) -> tuple[Template, LetterFields, str]:
    """The template the command names (the organisation's folder too), its fields and the clerk's notes."""
    from rio_desktop.documents.letter import load_templates
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.text_files import read_text_guess

    templates, problems = load_templates(builtin, args.templates_folder)
    for problem in problems:
        print(f"note: {problem}", file=sys.stderr)
    chosen = {t.id: t for t in templates}.get(args.template)
    if chosen is None:
        raise CliError(f"no template '{args.template}'; available: {', '.join(sorted(t.id for t in templates))}")
    try:
        # Files the clerk made: Notepad's ANSI (cp1252) or a byte order mark must not stop the letter.
        return chosen, LetterFields.from_dict(json.loads(read_text_guess(args.fields))), read_text_guess(args.notes)
    except (OSError, ValueError, TypeError) as exc:
        raise CliError(f"cannot read the fields or notes: {exc}") from exc


def draft(args: argparse.Namespace) -> int:
    from rio_desktop.documents.letter import compose, heads_of_powers
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.engine.service import direct_context
    from rio_desktop.paths import app_paths
    from rio_desktop.resources import resource_path
    from rio_desktop.tasks.draft import DraftTask, export_letter_file

    if args.output.suffix.lower() not in (".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .docx or .pdf, not {args.output.name}")
    builtin = resource_path("templates")
    chosen, fields, notes = _letter_inputs(args, builtin)
    policy = reasoning_policy(args)
    choice = choose_backend(args)
    backend, info = open_backend(choice)
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    try:
        task = DraftTask.body(chosen, fields, notes, policy, info, redact_notes=redacts(args, choice),
                              seed=args.seed)
        generation = task.run(direct_context(backend, cancel))
    finally:
        backend.unload()
    letter = compose(chosen, fields, task.finish(generation.text, generation.reasoning), heads_of_powers(builtin))
    export_letter_file(letter, chosen, info, args.output, app_paths().cache)
    params = task.params
    if args.json:
        stats = generation.stats
        print(json.dumps({
            "letter": letter.as_text(), "body": letter.body, "file_name": letter.file_name,
            "output": str(args.output), "model": info.name, "reasoning_mode": info.reasoning_mode,
            "stats": {"prompt_tokens": stats.prompt_tokens, "generated_tokens": stats.generated_tokens,
                      "reasoning_tokens": stats.reasoning_tokens, "reasoning_budget": params.reasoning_budget,
                      "finish_reason": generation.finish_reason},
            "reasoning": [generation.reasoning] if generation.reasoning else [],
        }, ensure_ascii=False))
        return 0
    print(letter.as_text())
    suggested = letter.file_name_for(args.output.suffix.lower())
    print(f"written: {args.output} (suggested name: {suggested})", file=sys.stderr)
    return 0


def text(args: argparse.Namespace) -> int:
    from rio_desktop.engine.backend import CancelToken

    if args.searchable is not None and args.searchable.suffix.lower() != ".pdf":
        raise CliError(f"--searchable takes a file ending in .pdf, not {args.searchable.name}")
    progress = ProgressLine()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    try:
        document, password = read_document(args, progress, cancel)
    finally:
        progress.end()
    if args.searchable is not None:
        from rio_desktop.documents.searchable import save_searchable_copy

        save_searchable_copy(document, args.searchable, password)
        print(f"written: {args.searchable}", file=sys.stderr)
    warnings = [str(w) for w in document.warnings()]
    if args.json:
        print(json.dumps({
            "pages": [{"number": p.number, "text": p.text, "source": p.source,
                       "confidence": None if p.confidence is None else round(p.confidence, 1),
                       "status": p.status} for p in document.pages],
            "warnings": warnings,
        }, ensure_ascii=False))
        return 0
    for page in document.pages:  # a form feed ends each page, as pdftotext does
        sys.stdout.write(f"{page.text}\n\f" if page.text else "\f")
    sys.stdout.write("\n")
    for warning in warnings:
        print(f"note: {warning}", file=sys.stderr)
    return 0


def summarize(args: argparse.Namespace) -> int:
    from rio_desktop.documents.summarize import SummaryOptions
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.engine.service import direct_context
    from rio_desktop.paths import app_paths
    from rio_desktop.tasks.summarize import SummarizeTask, export_summary

    if args.output is not None and args.output.suffix.lower() not in (".md", ".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .md, .docx or .pdf, not {args.output.name}")
    chosen = choose_backend(args)  # a bad model, or one that does not fit, fails before minutes of reading
    progress = ProgressLine()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    document, _ = read_document(args, progress, cancel)
    options = SummaryOptions(style=args.style, language=args.lang, reasoning=reasoning_policy(args))
    task = SummarizeTask.prepare(document, options, redact=redacts(args, chosen))
    backend, info = open_backend(chosen)
    try:
        result = task.run(direct_context(backend, cancel, status=lambda p: progress.show(
            p.stage, p.done, p.total, p.eta_s)))
    finally:
        backend.unload()
        progress.end()
    if args.output is not None:
        export_summary(result, document, info, args.output, app_paths().cache)
    label = document.label if document.labels else None  # the printed page numbers, where the PDF has them
    if args.json:
        print(json.dumps({
            "summary": result.render(label),
            "points": [{"text": p.text, "pages": p.pages, "section": p.heading,
                        "check": bool(set(p.pages) & set(result.uncertain_pages))} for p in result.points],
            "stats": result.stats.as_dict(),
            "warnings": [str(w) for w in result.warnings],
            "partial": result.partial,
            "source": {"file": document.path.name, "sha256": document.sha256},
            "model": info.name,
            "reasoning_mode": info.reasoning_mode,
            "reasoning": result.reasoning,
        }, ensure_ascii=False))
    else:
        print(result.render(label))
        for warning in result.warnings:
            print(f"note: {warning}", file=sys.stderr)
    return 130 if result.partial else 0


def ask(args: argparse.Namespace) -> int:
    from rio_desktop.documents.ask import AskOptions
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.engine.service import direct_context
    from rio_desktop.paths import app_paths
    from rio_desktop.tasks.ask import AskSession, export_conversation

    if args.output is not None and args.output.suffix.lower() not in (".md", ".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .md, .docx or .pdf, not {args.output.name}")
    if args.max_tokens < 16:
        raise CliError("--max-tokens must be at least 16")
    if not all(q.strip() for q in args.questions):
        raise CliError("a question is empty")
    chosen = choose_backend(args)  # a bad model, or one that does not fit, fails before the reading
    progress = ProgressLine()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    options = AskOptions(language=args.lang, max_tokens=args.max_tokens, reasoning=reasoning_policy(args))
    try:
        document, _ = read_document(args, progress, cancel)
    finally:
        progress.end()
    paths = app_paths().ensure()
    session = AskSession.prepare(document, paths.cache)
    redact = redacts(args, chosen)
    session.open_search()
    backend, info = open_backend(chosen)
    answers = session.answers
    try:
        context = direct_context(backend, cancel)
        for question in args.questions:
            progress.show("answering", len(answers), len(args.questions))
            if session.ask(context, question, options, redact).partial:
                break
    finally:
        progress.end()
        backend.unload()
        session.close()
    if args.output is not None:
        export_conversation(answers, document, info, args.output, paths.cache, args.lang)
    _print_answers(args, answers, document, info)
    return 130 if any(a.partial for a in answers) else 0


def _print_answers(args: argparse.Namespace, answers: list[Answer], document: PdfText, info: ModelInfo) -> None:
    from rio_desktop.documents.ask import answer_json

    label = document.label if document.labels else None  # the printed page numbers, where the PDF has them
    if args.json:
        source: dict = {"file": document.path.name, "sha256": document.sha256}
        if document.labels:
            source["labels"] = document.labels
        print(json.dumps({"answers": [answer_json(a, label) for a in answers], "source": source,
                          "model": info.name, "reasoning_mode": info.reasoning_mode,
                          "reasoning": [a.reasoning for a in answers if a.reasoning]}, ensure_ascii=False))
        return
    for answer in answers:
        print(f"> {answer.question}\n{answer.render(label)}\n")
        for warning in answer.warnings:
            print(f"note: {warning}", file=sys.stderr)


def generate(args: argparse.Namespace) -> int:
    from rio_desktop.engine import ggml_backends
    from rio_desktop.engine.backend import CancelToken, ChatMessage, task_params
    from rio_desktop.engine.errors import GenerationCancelled
    from rio_desktop.engine.reasoning import ReasoningProgress

    policy = reasoning_policy(args)
    backend, info = open_backend(choose_backend(args))
    messages = [ChatMessage("system", args.system)] if args.system else []
    messages.append(ChatMessage("user", args.prompt))
    params = task_params("chat", policy, info, max_tokens=args.max_tokens, temperature=args.temperature,
                         stop=tuple(args.stop), seed=args.seed)
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())

    def write(text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    def think(progress: ReasoningProgress) -> None:
        if args.show_reasoning and progress.text:
            sys.stderr.write(progress.text)
            sys.stderr.flush()

    try:
        result = backend.chat(messages, params, on_text=write, cancel=cancel, on_reasoning=think)
    except GenerationCancelled:
        sys.stdout.write("\n")
        return 130
    finally:
        backend.unload()
    sys.stdout.write("\n")
    sys.stdout.flush()
    if args.stats:
        stats = result.stats
        print(json.dumps({
            "prompt_tokens": stats.prompt_tokens, "generated_tokens": stats.generated_tokens,
            "reasoning_tokens": stats.reasoning_tokens, "reasoning_budget": params.reasoning_budget,
            "reasoning_mode": info.reasoning_mode,
            "time_to_first_token_s": round(stats.time_to_first_token_s, 4),
            "tokens_per_second": round(stats.tokens_per_second, 2), "n_threads": stats.n_threads,
            "finish_reason": result.finish_reason, "devices": list(info.devices),
            "cpu_variant": ggml_backends.loaded().cpu_variant if ggml_backends.loaded() else "",
            "device_bytes": info.device_bytes,
        }), file=sys.stderr)
    return 0


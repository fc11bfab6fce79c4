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
    read_source,
    reasoning_policy,
    redacts,
)

if TYPE_CHECKING:
    from rio_desktop.documents.ask import Answer
    from rio_desktop.documents.letter import Template
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.documents.pdf_text import PdfText
    from rio_desktop.documents.process import CombinedProcess
    from rio_desktop.documents.summarize import SummaryResult
    from rio_desktop.engine.backend import ModelInfo
    from rio_desktop.tasks.reply import ReplyDraft


def _letter_inputs(args: argparse.Namespace, builtin: Path) -> tuple[Template, LetterFields, str, ReplyDraft | None]:
    """The template the command names (the organisation's folder too), its fields and the clerk's notes; with
    --reply-to, the received letter read and the reply's fields filled from it (the --fields file's own
    values win), the notes carrying the letter's requests."""
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
        fields, notes = LetterFields.from_dict(json.loads(read_text_guess(args.fields))), read_text_guess(args.notes)
    except (OSError, ValueError, TypeError) as exc:
        raise CliError(f"cannot read the fields or notes: {exc}") from exc
    reply_to = getattr(args, "reply_to", None)
    if reply_to is None:
        return chosen, fields, notes, None
    from rio_desktop.paths import app_paths
    from rio_desktop.settings import Settings
    from rio_desktop.tasks.reply import ReplyTask

    paths = app_paths()
    settings = Settings(paths.config)
    subject = args.reply_subject or settings.get("reply_subject")
    reply = ReplyTask.prepare(reply_to, settings, paths.cache, getattr(args, "ocr", None)).run(
        fields, subject="received" if subject == "received" else "reference", forms_folder=builtin)
    for warning in reply.warnings:
        print(f"note: {warning}", file=sys.stderr)
    return chosen, reply.fields, reply.notes(notes), reply


def draft(args: argparse.Namespace) -> int:
    from rio_desktop.documents.letter import compose, heads_of_powers
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.engine.service import direct_context
    from rio_desktop.paths import app_paths
    from rio_desktop.resources import resource_path
    from rio_desktop.tasks.draft import DraftTask, export_letter_file
    from rio_desktop.tasks.reply import GuessTask

    if args.output.suffix.lower() not in (".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .docx or .pdf, not {args.output.name}")
    builtin = resource_path("templates")
    chosen, fields, notes, reply = _letter_inputs(args, builtin)  # a received letter is read before the model
    policy = reasoning_policy(args)
    choice = choose_backend(args)
    backend, info = open_backend(choice)
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    try:
        guess = GuessTask.prepare(reply, policy, info) if reply is not None else None
        if reply is not None and guess is not None:  # no letter structure: the model says who wrote it (marked)
            reply = reply.with_guess(guess.run(direct_context(backend, cancel)))
            fields = reply.fields
            if reply.guessed:
                print(f"note: guessed by the model, check them: {', '.join(reply.guessed)}", file=sys.stderr)
        task = DraftTask.body(chosen, fields, notes, policy, info, redact_notes=redacts(args, choice),
                              seed=args.seed)
        generation = task.run(direct_context(backend, cancel))
    finally:
        backend.unload()
    body = task.finish(generation.text, generation.reasoning)
    if reply is not None:
        body = reply.body(body)  # the reference to the received letter, by code
    letter = compose(chosen, fields, body, heads_of_powers(builtin))
    export_letter_file(letter, chosen, info, args.output, app_paths().cache)
    params = task.params
    if args.json:
        stats = generation.stats
        result = {
            "letter": letter.as_text(), "body": letter.body, "file_name": letter.file_name,
            "output": str(args.output), "model": info.name, "reasoning_mode": info.reasoning_mode,
            "stats": {"prompt_tokens": stats.prompt_tokens, "generated_tokens": stats.generated_tokens,
                      "reasoning_tokens": stats.reasoning_tokens, "reasoning_budget": params.reasoning_budget,
                      "finish_reason": generation.finish_reason},
            "reasoning": [generation.reasoning] if generation.reasoning else [],
        }
        if reply is not None:
            result["fields"] = fields.as_dict()
            result["reply_to"] = reply.as_dict()
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(letter.as_text())
    suggested = letter.file_name_for(args.output.suffix.lower())
    print(f"written: {args.output} (suggested name: {suggested})", file=sys.stderr)
    return 0


def text(args: argparse.Namespace) -> int:
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.tasks.read import is_single_pdf

    if not is_single_pdf(args.pdf):
        return process_text(args)
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
    from rio_desktop.settings import Settings
    from rio_desktop.tasks.summarize import SummarizeTask, export_summary

    if args.output is not None and args.output.suffix.lower() not in (".md", ".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .md, .docx or .pdf, not {args.output.name}")
    chosen = choose_backend(args)  # a bad model, or one that does not fit, fails before minutes of reading
    progress = ProgressLine()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    document, combined = read_source(args, progress, cancel)
    options = SummaryOptions(style=args.style, language=args.lang, reasoning=reasoning_policy(args),
                             states_on_disk=Settings(app_paths().config).get("states_on_disk"))
    task = SummarizeTask.prepare(document, options, redact=redacts(args, chosen))
    backend, info = open_backend(chosen)
    try:
        result = task.run(direct_context(backend, cancel, status=lambda p: progress.show(
            p.stage, p.done, p.total, p.eta_s)))
    finally:
        backend.unload()
        progress.end()
    if combined is not None:
        return _print_process_summary(args, result, combined, info)
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
    from rio_desktop.settings import Settings
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
    options = AskOptions(language=args.lang, max_tokens=args.max_tokens, reasoning=reasoning_policy(args),
                         states_on_disk=Settings(app_paths().config).get("states_on_disk"))
    try:
        document, combined = read_source(args, progress, cancel)
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
        export_conversation(answers, document, info, args.output, paths.cache, args.lang, process=combined)
    if combined is not None:
        _print_process_answers(args, answers, combined, info)
    else:
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


def _print_process_summary(args: argparse.Namespace, result: SummaryResult, combined: CombinedProcess,
                           info: ModelInfo) -> int:
    """A process's summary: each point cites document and page; then its chronology and pending deadlines."""
    from rio_desktop.documents.process_chronology import process_chronology

    entries, pending = process_chronology(combined.process, combined, result.points)
    if args.output is not None:
        from rio_desktop.documents.export import export, loaded_model_sha256
        from rio_desktop.documents.process_export import process_document
        from rio_desktop.paths import app_paths

        export(process_document(result, combined, entries, pending, info.name,
                                loaded_model_sha256(info, app_paths().cache)), args.output)
        print(f"written: {args.output}", file=sys.stderr)

    def cited(citations) -> list[dict]:  # noqa: ANN001 - chronology.Citation
        return [{"file": c.file, "page": c.page} for c in citations]

    def cite(citations) -> str:  # noqa: ANN001
        return "(" + "; ".join(f"{c.file}, p. {c.page}" for c in citations) + ")"

    text = "\n".join(f"- {p.text} {combined.cite(p.pages)}".rstrip() for p in result.points)
    if args.json:
        print(json.dumps({
            "summary": text,
            "points": [{"text": p.text, "citations": combined.citations(p.pages)} for p in result.points],
            "chronology": [{"date": e.date.isoformat(), "text": e.text, "who": e.who, "citations": cited(e.citations)}
                           for e in entries],
            "pending": [{"text": p.text, "deadline": p.deadline.isoformat() if p.deadline else None,
                         "citations": cited(p.citations)} for p in pending],
            "documents": [{"file": d.file, "kind": d.kind, "title": d.title,
                           "date": d.date.isoformat() if d.date else None, "parent": d.parent,
                           "pages": d.text.page_count, "sha256": d.text.sha256}
                          for d in combined.process.documents],
            "stats": result.stats.as_dict(), "warnings": [str(w) for w in result.warnings],
            "partial": result.partial, "model": info.name,
        }, ensure_ascii=False))
    else:
        print(text)
        if entries:
            print("\nChronology:")
            for entry in entries:
                print(f"{entry.date.isoformat()}  {entry.text} {cite(entry.citations)}")
        if pending:
            print("\nPending:")
            for item in pending:
                due = item.deadline.isoformat() if item.deadline else "?"
                print(f"{due}  {item.text} {cite(item.citations)}")
        for warning in result.warnings:
            print(f"note: {warning}", file=sys.stderr)
    return 130 if result.partial else 0


def _print_process_answers(args: argparse.Namespace, answers: list[Answer], combined: CombinedProcess,
                           info: ModelInfo) -> None:
    """A process's answers: sources and each point's citations as {"file", "page"}."""
    from rio_desktop.documents.ask import answer_json

    if args.json:
        items = []
        for answer in answers:
            item = answer_json(answer)
            item["answer"] = answer.render(cite=combined.cite)
            item["sources"] = combined.citations(answer.sources)
            for point, data in zip(answer.points, item["points"], strict=True):
                data["citations"] = combined.citations(point.pages)
            items.append(item)
        print(json.dumps({"answers": items, "model": info.name}, ensure_ascii=False))
        return
    for answer in answers:
        print(f"> {answer.question}\n{answer.render(cite=combined.cite)}\n")
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



def process_text(args: argparse.Namespace) -> int:
    """`text` for a folder, a ZIP or a document that is not a PDF: each document's pages."""
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.paths import app_paths
    from rio_desktop.settings import Settings
    from rio_desktop.tasks.read import ReadProcessTask

    if not args.pdf.exists():
        raise CliError(f"{args.pdf} does not exist")
    if args.searchable is not None or args.password_stdin:
        raise CliError("--searchable and --password-stdin take one PDF")
    paths = app_paths()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    progress = ProgressLine()
    try:
        process = ReadProcessTask.prepare(args.pdf, Settings(paths.config), paths.cache, args.ocr).run(
            cancel, lambda state: progress.show("reading", state.done, state.total))
    finally:
        progress.end()
    warnings = [str(w) for w in process.warnings]
    for document in process.documents:
        warnings += [f"{document.file}: {w}" for w in document.text.warnings()]
    if args.json:
        print(json.dumps({
            "documents": [{
                "file": d.file, "kind": d.kind, "title": d.title, "date": d.date.isoformat() if d.date else None,
                "parent": d.parent,
                "pages": [{"number": p.number, "text": p.text, "source": p.source,
                           "confidence": None if p.confidence is None else round(p.confidence, 1),
                           "status": p.status} for p in d.pages],
            } for d in process.documents],
            "warnings": warnings,
        }, ensure_ascii=False))
        return 0
    for document in process.documents:
        date = document.date.isoformat() if document.date else "-"
        print(f"== {document.file} ({document.kind}, {date}): {document.title}")
        for page in document.pages:
            sys.stdout.write(f"{page.text}\n\f" if page.text else "\f")
        sys.stdout.write("\n")
    for warning in warnings:
        print(f"note: {warning}", file=sys.stderr)
    return 0

"""Entry point: the GUI by default, sub-commands for headless use (scripts, benchmarks)."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rio_desktop import APP_ID, __version__

if TYPE_CHECKING:
    from rio_desktop.documents.pdf_text import PdfText
    from rio_desktop.engine.backend import Backend, CancelToken, ModelInfo
    from rio_desktop.engine.reasoning import ReasoningPolicy
    from rio_desktop.models.library import ModelLibrary
    from rio_desktop.tasks.backend_choice import BackendChoice


class CliError(Exception):
    """Ends the command with one line on stderr and a non-zero exit."""


def _add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """What every command that runs a model takes: a model file on this computer, or the organisation's
    server (the same choice the window's Settings make)."""
    from rio_desktop.tasks.backend_choice import SERVER_KEY_ENV

    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", type=Path, help="GGUF model file (the first part of a split model)")
    source.add_argument("--server", nargs="?", const="", metavar="URL",
                        help="the organisation's OpenAI-compatible server instead (without URL: the one in "
                        "Settings, with its model, TLS and CA settings); its API key comes from the keyring "
                        f"(Settings) or the {SERVER_KEY_ENV} environment variable")
    parser.add_argument("--server-model", default="", metavar="NAME", help="the model on the server (default: "
                        "the one in Settings for that server, else its first)")
    parser.add_argument("--server-ca", default=None, metavar="FILE.pem",
                        help="the organisation's CA file to verify the server with (default: the one in Settings)")
    parser.add_argument("--no-verify-tls", action="store_const", const=False, default=None, dest="verify_tls",
                        help="do not verify the server's certificate (default: as in Settings, verified)")
    parser.add_argument("--ctx", type=int, default=0, help="context length (0: automatic)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (0: from the machine's load)")
    parser.add_argument("--gpu-layers", default="auto", metavar="auto|all|N",
                        help="layers on the GPU: auto (the memory plan, the default), all, or a number (0: CPU only)")


def choose_backend(args: argparse.Namespace) -> BackendChoice:
    """The backend the arguments name, settled before any work: the organisation's server as Settings
    describe it, or the model file inspected (once) and planned as the window does. Raises UserFacingError
    with what to do."""
    from rio_desktop.paths import app_paths

    if args.server is not None:
        from rio_desktop.settings import Settings
        from rio_desktop.tasks.backend_choice import BackendChoice, command_line_server

        config = command_line_server(Settings(app_paths().config), args.server, args.server_model,
                                     args.server_ca, args.verify_tls, args.ctx)
        if not config.base_url:
            raise CliError("no server is set in Settings: give its address, --server URL")
        return BackendChoice(server=config)
    from rio_desktop.models.loading import LoadChoice
    from rio_desktop.tasks.backend_choice import local_model

    return local_model(args.model, LoadChoice(n_ctx=args.ctx, gpu_layers=args.gpu_layers,
                                              n_threads=args.threads or None), app_paths().models)


def open_backend(choice: BackendChoice) -> tuple[Backend, ModelInfo]:
    backend, info = choice.open()
    if info.notice is not None:  # e.g. the GPU failed and the CPU took the model
        print(f"note: {info.notice}", file=sys.stderr)
    return backend, info


def _add_reasoning_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reasoning", choices=("auto", "on", "off"), default="auto",
                        help="the model's reasoning (thinking): auto is off for letters, rewrites and notes and "
                             "on for summaries and answers, where the model's template allows it")
    parser.add_argument("--reasoning-budget", type=int, default=1024, metavar="N",
                        help="reasoning tokens per step; then the model must answer (default 1024)")


def _reasoning_policy(args: argparse.Namespace) -> ReasoningPolicy:
    from rio_desktop.engine.reasoning import ReasoningPolicy

    if args.reasoning_budget < 0:
        raise CliError("--reasoning-budget takes a number of tokens, 0 or more")
    return ReasoningPolicy(args.reasoning, args.reasoning_budget)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_ID, description="Rio Desktop: offline AI desk tool.")
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    commands = parser.add_subparsers(dest="command")

    gui = commands.add_parser("gui", help="open the application window (the default)")
    gui.add_argument("--screenshot", type=Path, metavar="FILE.png",
                     help="save a picture of the window once it is shown, then close it (for support and tests)")

    generate = commands.add_parser("generate", help="stream a model's answer to a prompt to stdout")
    generate.add_argument("prompt", help="the user's message")
    generate.add_argument("--system", default="", help="system message")
    generate.add_argument("--max-tokens", type=int, default=512)
    generate.add_argument("--temperature", type=float, default=0.7)
    generate.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    _add_model_arguments(generate)
    generate.add_argument("--seed", type=int, default=None)
    generate.add_argument("--stats", action="store_true", help="print statistics as JSON on stderr")
    generate.add_argument("--show-reasoning", action="store_true", help="write the model's reasoning to stderr")
    _add_reasoning_arguments(generate)

    summarize = commands.add_parser("summarize", help="summarize a PDF with page citations")
    summarize.add_argument("pdf", type=Path, help="the PDF document")
    summarize.add_argument("--style", choices=("bullets", "executive", "detailed"), default="bullets")
    summarize.add_argument("--lang", choices=("pt-BR", "en"), default="pt-BR")
    summarize.add_argument("-o", "--output", type=Path, help="write to OUT.md, OUT.docx or OUT.pdf")
    summarize.add_argument("--json", action="store_true", help="print the result as one JSON object")
    summarize.add_argument("--password-stdin", action="store_true", help="read the PDF's password from stdin")
    _add_model_arguments(summarize)
    summarize.add_argument("--ocr", choices=("auto", "always", "never"), default=None,
                           help="read scanned pages by OCR (default: the setting, automatic)")

    text = commands.add_parser("text", help="print the text of each page of a PDF (scanned pages read by OCR)")
    text.add_argument("pdf", type=Path, help="the PDF document")
    text.add_argument("--ocr", choices=("auto", "always", "never"), default=None,
                      help="auto: pages without a usable text layer; always: every page; never (default: "
                           "the setting, automatic)")
    text.add_argument("--json", action="store_true", help="print one JSON object with every page")
    text.add_argument("--password-stdin", action="store_true", help="read the PDF's password from stdin")
    text.add_argument("--searchable", type=Path, metavar="OUT.pdf",
                      help="also write a copy of the PDF with the OCR text under its scanned pages")
    _add_reasoning_arguments(summarize)

    ask = commands.add_parser("ask", help="ask questions about a PDF; answers cite the pages they come from")
    ask.add_argument("pdf", type=Path, help="the PDF document")
    ask.add_argument("questions", nargs="+", metavar="QUESTION",
                     help="one or more questions, asked in order as one conversation")
    ask.add_argument("--max-tokens", type=int, default=384, help="the longest answer, in tokens")
    ask.add_argument("--lang", choices=("pt-BR", "en"), default="pt-BR")
    ask.add_argument("-o", "--output", type=Path, help="write the conversation to OUT.md, OUT.docx or OUT.pdf")
    ask.add_argument("--json", action="store_true", help="print the answers as one JSON object")
    ask.add_argument("--password-stdin", action="store_true", help="read the PDF's password from stdin")
    ask.add_argument("--ocr", choices=("auto", "always", "never"), default=None,
                     help="read scanned pages by OCR (default: the setting, automatic)")
    _add_model_arguments(ask)
    _add_reasoning_arguments(ask)

    draft = commands.add_parser("draft", help="draft official correspondence (padrão ofício) to DOCX or PDF")
    draft.add_argument("--template", default="oficio", help="template id (e.g. oficio, resposta_cidadao)")
    draft.add_argument("--fields", required=True, type=Path, help="JSON file with the letter's fields")
    draft.add_argument("--notes", required=True, type=Path, help="text file: what the letter must say")
    draft.add_argument("-o", "--output", required=True, type=Path, help="OUT.docx or OUT.pdf")
    draft.add_argument("--templates-folder", type=Path, default=None, help="the organisation's own templates")
    _add_model_arguments(draft)
    draft.add_argument("--json", action="store_true", help="print the result as one JSON object")
    draft.add_argument("--seed", type=int, default=None, help="sampling seed (the same letter again)")
    _add_reasoning_arguments(draft)

    doctor = commands.add_parser("doctor", help="this machine's hardware and the llama.cpp build")
    doctor.add_argument("--json", action="store_true", help="print one JSON object")

    models = commands.add_parser("models", help="model management")
    models_commands = models.add_subparsers(dest="models_command", required=True)
    plan = models_commands.add_parser("plan", help="will a model fit this machine, and how to load it")
    plan.add_argument("model", help="GGUF model file (the first part of a split model), or a hub repository")
    plan.add_argument("--ctx", type=int, default=0, help="context length (0: the default)")
    plan.add_argument("--json", action="store_true", help="print one JSON object")
    listing = models_commands.add_parser("list", help="the installed models")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    importing = models_commands.add_parser(
        "import", help="install a GGUF file, or a folder exported by Rio Desktop (checked against its manifest)")
    importing.add_argument("source", type=Path, help="a .gguf file (the first part of a split model) or a folder")
    importing.add_argument("--in-place", action="store_true", help="use a file where it is instead of copying it")
    fetching = models_commands.add_parser(
        "download", help="download a model from the hub into the models folder (resumes, verifies sha256)")
    fetching.add_argument("repo", help="OWNER/REPO or its hub address")
    fetching.add_argument("--quant", help="quantization, e.g. Q4_K_M (default: the largest that fits here)")
    exporting = models_commands.add_parser("export", help="copy an installed model to a folder, for a USB drive")
    exporting.add_argument("model", help="the model's file name or path, as `models list` shows it")
    exporting.add_argument("target", type=Path, help="where to write the model's folder")
    return parser


def _draft(args: argparse.Namespace) -> int:
    from rio_desktop.documents.export import Provenance, loaded_model_sha256
    from rio_desktop.documents.letter import body_request, compose, heads_of_powers, load_templates
    from rio_desktop.documents.letter_export import LetterProvenance, export_letter
    from rio_desktop.documents.letter_rules import LetterFields
    from rio_desktop.engine.backend import CancelToken, task_params
    from rio_desktop.paths import app_paths
    from rio_desktop.resources import resource_path

    if args.output.suffix.lower() not in (".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .docx or .pdf, not {args.output.name}")
    builtin = resource_path("templates")
    templates, problems = load_templates(builtin, args.templates_folder)
    for problem in problems:
        print(f"note: {problem}", file=sys.stderr)
    chosen = {t.id: t for t in templates}.get(args.template)
    if chosen is None:
        raise CliError(f"no template '{args.template}'; available: {', '.join(sorted(t.id for t in templates))}")
    from rio_desktop.text_files import read_text_guess

    try:
        # Files the clerk made: Notepad's ANSI (cp1252) or a byte order mark must not stop the letter.
        fields = LetterFields.from_dict(json.loads(read_text_guess(args.fields)))
        notes = read_text_guess(args.notes)
    except (OSError, ValueError, TypeError) as exc:
        raise CliError(f"cannot read the fields or notes: {exc}") from exc
    policy = _reasoning_policy(args)
    backend, info = open_backend(choose_backend(args))
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    try:
        request = body_request(chosen, fields, notes)
        params = task_params("letter", policy, info, request.params, seed=args.seed)
        generation = backend.chat(list(request.messages), params, cancel=cancel)
    finally:
        backend.unload()
    letter = compose(chosen, fields, request.clean(generation.text), heads_of_powers(builtin))
    provenance = LetterProvenance(template=chosen.id, model_name=info.name,
                                  model_sha256=loaded_model_sha256(info, app_paths().cache),
                                  created=Provenance.now())
    export_letter(letter, args.output, provenance)
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


class _ProgressLine:
    """A progress bar on stderr: redrawn in place on a terminal, one line per stage otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last = ""

    def show(self, stage: str, done: int, total: int, eta: float | None = None) -> None:
        width = 30
        filled = int(width * done / total) if total else 0
        eta_text = f" ~{eta:.0f}s left" if eta else ""
        line = f"{stage:<12} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{eta_text}"
        if self.tty:
            sys.stderr.write("\r" + line.ljust(70))
            sys.stderr.flush()
        elif stage != self.last:
            print(line, file=sys.stderr)
        self.last = stage

    def reporter(self, stage: str) -> Callable[[int, int], None]:
        """A (done, total) callback that shows `stage`."""
        return lambda done, total: self.show(stage, done, total)

    def end(self) -> None:
        if self.tty and self.last:
            sys.stderr.write("\n")


def _read_document(args: argparse.Namespace, progress: _ProgressLine,
                   cancel: CancelToken) -> tuple[PdfText, str | None]:
    """The PDF's pages (OCR as --ocr or the setting says) and the password that opened it, asking for
    one where needed."""
    import getpass

    from rio_desktop.documents.ocr import ocr_options
    from rio_desktop.documents.pdf_text import PdfPasswordRequired, ReadCancelled, ReadProgress, read_pdf
    from rio_desktop.paths import app_paths
    from rio_desktop.settings import Settings

    paths = app_paths()
    settings = Settings(paths.config)
    ocr = ocr_options(args.ocr or settings.get("ocr_mode"), settings.get("ocr_language"), paths.cache / "ocr")

    def show(state: ReadProgress) -> None:
        progress.show("reading (OCR)" if state.ocr else "reading", state.done, state.total, state.eta_s)

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    try:
        try:
            return read_pdf(args.pdf, password, cancel, show, ocr=ocr), password
        except PdfPasswordRequired:
            if password is not None or not sys.stdin.isatty():
                raise
            password = getpass.getpass(f"Password for {args.pdf.name}: ")
            return read_pdf(args.pdf, password, cancel, show, ocr=ocr), password
    except ReadCancelled:
        raise CliError("stopped") from None


def _text(args: argparse.Namespace) -> int:
    from rio_desktop.engine.backend import CancelToken

    if args.searchable is not None and args.searchable.suffix.lower() != ".pdf":
        raise CliError(f"--searchable takes a file ending in .pdf, not {args.searchable.name}")
    progress = _ProgressLine()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    try:
        document, password = _read_document(args, progress, cancel)
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


def _summarize(args: argparse.Namespace) -> int:
    from rio_desktop.documents.export import export, loaded_model_sha256
    from rio_desktop.documents.summarize import Summarizer, SummaryError, SummaryOptions, summary_document
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.paths import app_paths

    if args.output is not None and args.output.suffix.lower() not in (".md", ".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .md, .docx or .pdf, not {args.output.name}")
    chosen = choose_backend(args)  # a bad model, or one that does not fit, fails before minutes of reading
    progress = _ProgressLine()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    document, _ = _read_document(args, progress, cancel)
    problem = Summarizer.prepare(document)
    if problem is not None:
        raise SummaryError(problem)
    backend, info = open_backend(chosen)
    try:
        options = SummaryOptions(style=args.style, language=args.lang, reasoning=_reasoning_policy(args))
        summarizer = Summarizer(backend, options, cancel, lambda p: progress.show(p.stage, p.done, p.total, p.eta_s))
        result = summarizer.run(document)
    finally:
        backend.unload()
        progress.end()
    if args.output is not None:
        sha = loaded_model_sha256(info, app_paths().cache)
        export(summary_document(result, document, info.name, sha), args.output)
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


def _ask(args: argparse.Namespace) -> int:
    from rio_desktop.documents.ask import AskError, AskOptions, Conversation, answer_json, conversation_document
    from rio_desktop.documents.export import export, loaded_model_sha256
    from rio_desktop.documents.search_index import PageSearch
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.paths import app_paths

    if args.output is not None and args.output.suffix.lower() not in (".md", ".docx", ".pdf"):
        raise CliError(f"-o takes a file ending in .md, .docx or .pdf, not {args.output.name}")
    if args.max_tokens < 16:
        raise CliError("--max-tokens must be at least 16")
    if not all(q.strip() for q in args.questions):
        raise CliError("a question is empty")
    chosen = choose_backend(args)  # a bad model, or one that does not fit, fails before the reading
    progress = _ProgressLine()
    cancel = CancelToken()
    signal.signal(signal.SIGINT, lambda *_: cancel.cancel())
    policy = _reasoning_policy(args)
    try:
        document, _ = _read_document(args, progress, cancel)
    finally:
        progress.end()
    problem = Conversation.prepare(document)
    if problem is not None:
        raise AskError(problem)
    paths = app_paths().ensure()
    search = PageSearch.open([(p.number, p.text) for p in document.text_pages], paths.cache, document.sha256)
    backend, info = open_backend(chosen)
    label = document.label if document.labels else None
    answers = []
    try:
        conversation = Conversation(backend, document, search, AskOptions(
            language=args.lang, max_tokens=args.max_tokens, reasoning=policy))
        for question in args.questions:
            progress.show("answering", len(answers), len(args.questions))
            answer = conversation.ask(question, cancel)
            answers.append(answer)
            if answer.partial:
                break
    finally:
        progress.end()
        backend.unload()
        search.close()
    if args.output is not None:
        sha = loaded_model_sha256(info, paths.cache)
        export(conversation_document(answers, document, info.name, sha, args.lang), args.output)
    if args.json:
        source: dict = {"file": document.path.name, "sha256": document.sha256}
        if document.labels:
            source["labels"] = document.labels
        print(json.dumps({"answers": [answer_json(a, label) for a in answers], "source": source,
                          "model": info.name, "reasoning_mode": info.reasoning_mode,
                          "reasoning": [a.reasoning for a in answers if a.reasoning]}, ensure_ascii=False))
    else:
        for answer in answers:
            print(f"> {answer.question}\n{answer.render(label)}\n")
            for warning in answer.warnings:
                print(f"note: {warning}", file=sys.stderr)
    return 130 if any(a.partial for a in answers) else 0


def _generate(args: argparse.Namespace) -> int:
    from rio_desktop.engine import ggml_backends
    from rio_desktop.engine.backend import CancelToken, ChatMessage, task_params
    from rio_desktop.engine.errors import GenerationCancelled
    from rio_desktop.engine.reasoning import ReasoningProgress

    policy = _reasoning_policy(args)
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


def _doctor(args: argparse.Namespace) -> int:
    from rio_desktop.engine import llama_build
    from rio_desktop.models.hardware import detect
    from rio_desktop.paths import app_paths
    from rio_desktop.units import format_bytes

    hardware = detect(app_paths().models)
    llama = llama_build.backend_report()
    if args.json:
        data = hardware.as_dict()
        data["llama_cpp_python"] = llama_build.llama_cpp_python_version()
        data["llama"] = llama
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    cpu, ram, disk = hardware.cpu, hardware.ram, hardware.disk
    print(f"Rio Desktop {__version__} on {hardware.os}")
    print(f"CPU: {cpu['model']} ({cpu['physical_cores']} cores, {cpu['logical_cores']} threads; "
          f"{' '.join(cpu['flags']) or 'no SIMD flags read'})")
    print(f"RAM: {format_bytes(ram['available_bytes'])} available of {format_bytes(ram['total_bytes'])}")
    print(f"Disk for models ({disk['path']}): {format_bytes(disk['free_bytes'])} free")
    for gpu in hardware.gpus or []:
        extra = f", driver {gpu.driver}, CUDA {gpu.cuda}" if gpu.driver else ""
        print(f"GPU: {gpu.name}: {format_bytes(gpu.free_bytes)} free of {format_bytes(gpu.total_bytes)}{extra}")
    if not hardware.gpus:
        print("GPU: none found")
    print(f"llama-cpp-python {llama_build.llama_cpp_python_version()}, backends: "
          f"{', '.join(hardware.llama_backends)}")
    print(f"llama.cpp CPU variant: {llama['cpu_variant']} ({' '.join(llama['cpu_features']) or 'no features read'})")
    for device in llama["devices"]:
        print(f"llama.cpp device: {device['name']} ({device['backend']}, {device['description']}): "
              f"{format_bytes(device['free_bytes'])} free of {format_bytes(device['total_bytes'])}")
    for name, why in llama["remembered"].get("skipped", {}).items():
        print(f"llama.cpp CPU variant {name} skipped on this computer: {why}")
    for module, status in llama["remembered"].get("gpu", {}).items():
        print(f"llama.cpp GPU module {module}: {status}")
    for notice in llama["notices"]:
        print(f"note: {notice}")
    for advice in hardware.advice:
        print(f"advice: {advice}")
    return 0


def _plan(args: argparse.Namespace) -> int:
    from rio_desktop.engine.model_file import inspect_model_file
    from rio_desktop.i18n import UserFacingError
    from rio_desktop.models.catalog import entry_for_repo, estimated_shapes, load_catalog, repo_from_text
    from rio_desktop.models.hardware import detect
    from rio_desktop.models.hub import HubCatalog
    from rio_desktop.models.planner import plan, shape_of, shape_of_remote
    from rio_desktop.paths import app_paths
    from rio_desktop.resources import resource_path
    from rio_desktop.secrets import HUB_TOKEN, get_secret
    from rio_desktop.units import format_bytes

    hardware = detect(app_paths().models)
    gpu_free, ram = hardware.gpu_free_bytes, hardware.ram["available_bytes"]
    names = hardware.gpu_names
    local = Path(args.model).expanduser()
    repo = None if local.exists() else repo_from_text(args.model)
    approximate = False
    reasoning = None
    if repo is None:
        model = inspect_model_file(local)
        plans = [(model.name, plan(shape_of(model), gpu_free, ram, args.ctx, names))]
        reasoning = model.reasoning_mode
    else:
        token = get_secret(HUB_TOKEN)
        state = HubCatalog(app_paths().cache, token=token).state(repo)
        shapes = estimated_shapes(state, entry_for_repo(load_catalog(resource_path("catalogue", "models.json")),
                                                        repo))
        if state.problem is not None and shapes:
            # Offline: the shape known from before (or the catalogue's) gives an approximate plan.
            print(f"note: {state.problem} The plan below is approximate, from what was known before.",
                  file=sys.stderr)
            approximate = True
            plans = [(q.name, plan(shape, gpu_free, ram, args.ctx)) for q, shape in shapes]
        elif state.problem is not None:
            raise UserFacingError(state.problem)
        elif state.status != "available":
            raise CliError(f"{repo} is {state.status}" + (f" ({state.detail})" if state.detail else ""))
        else:
            plans = [(q.name, plan(shape_of_remote(q.files, token), gpu_free, ram, args.ctx, names))
                     for q in state.quantizations]
    if args.json:
        data = [dict(p.as_dict(), name=name, approximate=approximate) for name, p in plans]
        if reasoning is not None:
            data[0]["reasoning_mode"] = reasoning
        print(json.dumps(data[0] if repo is None else data))
        return 0
    for name, result in plans:
        print(f"{name}: {result.mode}" + (" (approximate)" if approximate else ""))
        if reasoning is not None:
            print(f"  reasoning        {_REASONING_LABELS[reasoning]}")
        for label, value in (("weights", result.weights_bytes), ("KV cache", result.kv_cache_bytes),
                             ("compute", result.compute_bytes), ("recurrent state", result.recurrent_bytes),
                             ("margin", result.margin_bytes), ("total", result.total_bytes)):
            print(f"  {label:<16} {format_bytes(value)}")
        print(f"  context {result.n_ctx} tokens; GPU layers {result.n_gpu_layers}; split {result.tensor_split}")
        for device, value in result.devices.items():
            print(f"  on {device:<13} {format_bytes(value)}")
        for tip in result.suggestions:
            print(f"  would fit with: {tip}")
    return 0


_REASONING_LABELS = {
    "always": "always thinks before it answers (budgeted; --reasoning off closes the block at once)",
    "switchable": "thinks by default; switchable with enable_thinking (--reasoning)",
    "never": "answers without a reasoning block",
    "unknown": "unknown (the server does not show its template)",
}


def _library() -> ModelLibrary:
    from rio_desktop.models.library import user_library
    from rio_desktop.paths import app_paths
    from rio_desktop.settings import Settings

    paths = app_paths().ensure()
    return user_library(Settings(paths.config), paths)


def _models_list(args: argparse.Namespace) -> int:
    from rio_desktop.units import format_bytes

    models, problems = _library().scan()
    if args.json:
        print(json.dumps([{"name": m.model.name, "file": m.path.name, "path": str(m.path),
                           "quantization": m.model.quantization, "architecture": m.model.architecture,
                           "bytes": m.size_bytes, "in_place": m.in_place} for m in models], ensure_ascii=False))
    else:
        for m in models:
            where = " (used in place)" if m.in_place else ""
            print(f"{m.path.name}: {m.model.name}, {m.model.quantization}, {format_bytes(m.size_bytes)}{where}")
        if not models:
            print("No models installed.")
    for problem in problems:
        print(f"note: not a usable model: {problem.path.name}: {problem.message.render()}", file=sys.stderr)
    return 0


def _models_import(args: argparse.Namespace) -> int:
    library = _library()
    progress = _ProgressLine()
    try:
        if args.source.is_dir():
            installed = library.import_folder(args.source, progress.reporter("copying"))
        else:
            installed = library.import_file(args.source, not args.in_place, progress.reporter("copying"))
    finally:
        progress.end()
    print(f"installed: {installed.model.name} ({installed.path})")
    return 0


def _models_download(args: argparse.Namespace) -> int:
    from rio_desktop.engine.backend import CancelToken
    from rio_desktop.i18n import UserFacingError
    from rio_desktop.models.catalog import (
        assess,
        check,
        entry_for_repo,
        kv_bytes_per_token,
        load_catalog,
        repo_from_text,
    )
    from rio_desktop.models.download import Downloader, DownloadPaused, install
    from rio_desktop.models.hardware import detect
    from rio_desktop.models.hub import HubCatalog
    from rio_desktop.models.library import models_folder
    from rio_desktop.paths import app_paths
    from rio_desktop.resources import resource_path
    from rio_desktop.secrets import HUB_TOKEN, get_secret
    from rio_desktop.settings import Settings

    repo = repo_from_text(args.repo)
    if repo is None:
        raise CliError(f"'{args.repo}' is not a repository: write OWNER/REPO or paste its hub address")
    paths = app_paths().ensure()
    settings = Settings(paths.config)
    if settings.get("offline"):
        raise CliError("Rio Desktop is set to work offline (Settings): no download is started")
    token = get_secret(HUB_TOKEN)
    hub = HubCatalog(paths.cache, token=token)
    # Choosing for this machine needs the model's shape: read once from a header (a few megabytes).
    state = hub.state(repo) if args.quant else check(hub, repo)
    if state.problem is not None:
        raise UserFacingError(state.problem)
    if state.status != "available" or not state.quantizations:
        raise CliError(f"{repo} is {state.status if state.status != 'available' else 'without GGUF files'}")
    by_name = {q.name.upper(): q for q in state.quantizations}
    folder = models_folder(settings, paths)
    if args.quant is None:
        hardware = detect(folder, with_llama=False)
        entry = entry_for_repo(load_catalog(resource_path("catalogue", "models.json")), repo)
        chosen = assess(state.quantizations, hardware.gpu_free_bytes, hardware.ram["available_bytes"],
                        kv_bytes_per_token(entry, state)).recommended
        if chosen is None:
            raise CliError(f"no quantization of {repo} fits this computer; choose one with --quant")
        args.quant = chosen
    quant = by_name.get(args.quant.upper())
    if quant is None:
        raise CliError(f"{repo} has no {args.quant}; it has: {', '.join(q.name for q in state.quantizations)}")
    progress, pause = _ProgressLine(), CancelToken()
    signal.signal(signal.SIGINT, lambda *_: pause.cancel())  # Ctrl+C keeps what arrived, for a resume
    downloader = Downloader(token=token, pause=pause, on_progress=lambda p: progress.show(
        f"{p.state} MB", p.done >> 20, p.total >> 20, p.eta_s))
    try:
        installed = install(repo, quant.name, quant.files, folder, downloader)
    except DownloadPaused:
        print(f"{APP_ID}: stopped; what arrived is kept: run the same command to resume", file=sys.stderr)
        return 130
    finally:
        progress.end()
    print(f"installed: {installed[0]} ({quant.name}, verified)")
    return 0


def _models_export(args: argparse.Namespace) -> int:
    library = _library()
    models, _ = library.scan()
    chosen = [m for m in models if args.model in (m.path.name, str(m.path), m.model.name)]
    if not chosen:
        raise CliError(f"no installed model '{args.model}'; `{APP_ID} models list` shows them")
    progress = _ProgressLine()
    try:
        folder = library.export_folder(chosen[0], args.target, progress.reporter("copying"))
    finally:
        progress.end()
    print(f"exported to {folder}")
    return 0


def _gui(argv: Sequence[str], screenshot: Path | None = None) -> int:
    from rio_desktop.ui.app import run_gui

    return run_gui(list(argv), screenshot=screenshot)


def _utf8_when_redirected() -> None:
    """A command's output into a file or a pipe in UTF-8 on Windows too, as on the other systems. Windows
    would write the ANSI code page (cp1252): Portuguese fits, but a character it lacks ("→", "≥", Greek
    letters in a PDF) ends the command with an error, and JSON is UTF-8 by definition. A console keeps
    Python's own Unicode console output."""
    if sys.platform != "win32":
        return
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not stream.isatty():
            stream.reconfigure(encoding="utf-8", errors=stream.errors)  # type: ignore[union-attr]


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--multiprocessing-fork"] and getattr(sys, "frozen", False):
        # The application starts its children itself (below) and uses no multiprocessing, but a library
        # might: a frozen program has no python.exe, so multiprocessing restarts the executable with this
        # argument, and without freeze_support every such child would open another window. Only imported
        # then: multiprocessing costs start-up time.
        import multiprocessing

        multiprocessing.freeze_support()  # runs the child's work and exits
    from rio_desktop.documents import pdf_child  # standard library only until it reads a PDF

    if argv[:1] == [pdf_child.CHILD_ARGUMENT]:
        return pdf_child.main()
    if argv[:1] == ["_backend-probe"]:  # backend_probe.CHILD_ARGUMENT (that module loads llama.cpp's libraries)
        from rio_desktop.engine import backend_probe

        return backend_probe.child_main(argv[1:])
    args = _build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        return _gui(argv, getattr(args, "screenshot", None))
    _utf8_when_redirected()
    from rio_desktop.i18n import UserFacingError
    from rio_desktop.logging_setup import setup_logging
    from rio_desktop.paths import app_paths

    setup_logging(app_paths().logs)
    from rio_desktop.engine.backend_config import configure_backends
    from rio_desktop.settings import Settings

    configure_backends(Settings(app_paths().config), app_paths())
    try:
        if args.command == "generate":
            return _generate(args)
        if args.command == "doctor":
            return _doctor(args)
        if args.command == "models":
            return {"plan": _plan, "list": _models_list, "import": _models_import, "download": _models_download,
                    "export": _models_export}[args.models_command](args)
        if args.command == "summarize":
            return _summarize(args)
        if args.command == "ask":
            return _ask(args)
        if args.command == "text":
            return _text(args)
        if args.command == "draft":
            return _draft(args)
    except UserFacingError as exc:
        print(f"{APP_ID}: {exc.message}", file=sys.stderr)
        return 1
    except CliError as exc:
        print(f"{APP_ID}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # never a traceback on the terminal: one line, details in the log
        logging.getLogger(__name__).exception("command %s failed", args.command)
        print(f"{APP_ID}: unexpected error ({type(exc).__name__}: {exc}); details in the log.",
              file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())

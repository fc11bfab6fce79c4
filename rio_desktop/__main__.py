"""Entry point: the GUI by default, sub-commands for headless use (scripts, benchmarks)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from rio_desktop import APP_ID, __version__
from rio_desktop.cli.common import CliError, add_model_arguments, add_privacy_argument, add_reasoning_arguments


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_ID, description="Rio Desktop: offline AI desk tool.")
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    commands = parser.add_subparsers(dest="command")
    gui = commands.add_parser("gui", help="open the application window (the default)")
    gui.add_argument("--screenshot", type=Path, metavar="FILE.png",
                     help="save a picture of the window once it is shown, then close it (for support and tests)")
    _add_document_commands(commands)
    _add_writing_commands(commands)
    _add_model_commands(commands)
    return parser


def _add_document_commands(commands: argparse._SubParsersAction) -> None:
    summarize = commands.add_parser("summarize", help="summarize a PDF with page citations")
    summarize.add_argument("pdf", type=Path, metavar="PATH",
                           help="the PDF document, or a process: a folder or .zip of documents, or one document")
    summarize.add_argument("--style", choices=("bullets", "executive", "detailed"), default="bullets")
    summarize.add_argument("--lang", choices=("pt-BR", "en"), default="pt-BR")
    summarize.add_argument("-o", "--output", type=Path, help="write to OUT.md, OUT.docx or OUT.pdf")
    summarize.add_argument("--json", action="store_true", help="print the result as one JSON object")
    summarize.add_argument("--password-stdin", action="store_true", help="read the PDF's password from stdin")
    add_model_arguments(summarize)
    summarize.add_argument("--ocr", choices=("auto", "always", "never"), default=None,
                           help="read scanned pages by OCR (default: the setting, automatic)")
    add_reasoning_arguments(summarize)
    add_privacy_argument(summarize)

    text = commands.add_parser("text", help="print the text of each page of a PDF (scanned pages read by OCR), or "
                                             "of every document of a process (a folder, a .zip, a DOCX, an e-mail…)")
    text.add_argument("pdf", type=Path, metavar="PATH", help="a PDF, a folder or .zip of documents, or one document")
    text.add_argument("--ocr", choices=("auto", "always", "never"), default=None,
                      help="auto: pages without a usable text layer; always: every page; never (default: "
                           "the setting, automatic)")
    text.add_argument("--json", action="store_true", help="print one JSON object with every page")
    text.add_argument("--password-stdin", action="store_true", help="read the PDF's password from stdin")
    text.add_argument("--searchable", type=Path, metavar="OUT.pdf",
                      help="also write a copy of the PDF with the OCR text under its scanned pages")

    ask = commands.add_parser("ask", help="ask questions about a PDF; answers cite the pages they come from")
    ask.add_argument("pdf", type=Path, metavar="PATH",
                     help="the PDF document, or a process: a folder or .zip of documents, or one document")
    ask.add_argument("questions", nargs="+", metavar="QUESTION",
                     help="one or more questions, asked in order as one conversation")
    ask.add_argument("--max-tokens", type=int, default=384, help="the longest answer, in tokens")
    ask.add_argument("--lang", choices=("pt-BR", "en"), default="pt-BR")
    ask.add_argument("-o", "--output", type=Path, help="write the conversation to OUT.md, OUT.docx or OUT.pdf")
    ask.add_argument("--json", action="store_true", help="print the answers as one JSON object")
    ask.add_argument("--password-stdin", action="store_true", help="read the PDF's password from stdin")
    ask.add_argument("--ocr", choices=("auto", "always", "never"), default=None,
                     help="read scanned pages by OCR (default: the setting, automatic)")
    add_model_arguments(ask)
    add_reasoning_arguments(ask)
    add_privacy_argument(ask)


def _add_writing_commands(commands: argparse._SubParsersAction) -> None:
    draft = commands.add_parser("draft", help="draft official correspondence (padrão ofício) to DOCX or PDF")
    draft.add_argument("--template", default="oficio", help="template id (e.g. oficio, resposta_cidadao)")
    draft.add_argument("--fields", required=True, type=Path, help="JSON file with the letter's fields")
    draft.add_argument("--notes", required=True, type=Path, help="text file: what the letter must say")
    draft.add_argument("-o", "--output", required=True, type=Path, help="OUT.docx or OUT.pdf")
    draft.add_argument("--templates-folder", type=Path, default=None, help="the organisation's own templates")
    draft.add_argument("--reply-to", type=Path, default=None, metavar="RECEIVED",
                       help="answer this received letter (PDF, DOCX, ODT, RTF, text, .eml): the addressee, subject "
                       "and reference come from it, --fields then holds only our side (its values still win)")
    draft.add_argument("--reply-subject", choices=("reference", "received"), default=None,
                       help="with --reply-to: \"Resposta ao Ofício nº …\" (reference) or the received letter's own "
                       "subject (default: as in Settings, reference)")
    draft.add_argument("--ocr", choices=("auto", "always", "never"), default=None,
                       help="with --reply-to: read scanned pages (default: as in Settings)")
    add_model_arguments(draft)
    draft.add_argument("--json", action="store_true", help="print the result as one JSON object")
    draft.add_argument("--seed", type=int, default=None, help="sampling seed (the same letter again)")
    add_reasoning_arguments(draft)
    add_privacy_argument(draft)

    generate = commands.add_parser("generate", help="stream a model's answer to a prompt to stdout")
    generate.add_argument("prompt", help="the user's message")
    generate.add_argument("--system", default="", help="system message")
    generate.add_argument("--max-tokens", type=int, default=512)
    generate.add_argument("--temperature", type=float, default=0.7)
    generate.add_argument("--stop", action="append", default=[], help="stop string (repeatable)")
    add_model_arguments(generate)
    generate.add_argument("--seed", type=int, default=None)
    generate.add_argument("--stats", action="store_true", help="print statistics as JSON on stderr")
    generate.add_argument("--show-reasoning", action="store_true", help="write the model's reasoning to stderr")
    add_reasoning_arguments(generate)


def _add_model_commands(commands: argparse._SubParsersAction) -> None:
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


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "models":
        from rio_desktop.cli import models

        return {"plan": models.plan, "list": models.models_list, "import": models.models_import,
                "download": models.models_download, "export": models.models_export}[args.models_command](args)
    if args.command == "doctor":
        from rio_desktop.cli.models import doctor

        return doctor(args)
    from rio_desktop.cli import documents

    command = {"generate": documents.generate, "summarize": documents.summarize, "ask": documents.ask,
               "text": documents.text, "draft": documents.draft}.get(args.command)
    if command is not None:
        return command(args)
    return 2


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
        return _run_command(args)
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


if __name__ == "__main__":
    sys.exit(main())

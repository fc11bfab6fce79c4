"""What the commands share: the model or server arguments, the backend they settle, a progress line on
stderr, reading a PDF (asking for its password), and the one-line error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rio_desktop.documents.pdf_text import PdfText
    from rio_desktop.documents.process import CombinedProcess
    from rio_desktop.engine.backend import Backend, CancelToken, ModelInfo
    from rio_desktop.engine.reasoning import ReasoningPolicy
    from rio_desktop.tasks.load import LoadTask


class CliError(Exception):
    """Ends the command with one line on stderr and a non-zero exit."""


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
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


def choose_backend(args: argparse.Namespace) -> LoadTask:
    """The backend the arguments name, settled before any work: the organisation's server as Settings
    describe it, or the model file inspected (once) and planned as the window does. Raises UserFacingError
    with what to do."""
    from rio_desktop.paths import app_paths

    if args.server is not None:
        from rio_desktop.settings import Settings
        from rio_desktop.tasks.backend_choice import command_line_server
        from rio_desktop.tasks.load import LoadTask

        config = command_line_server(Settings(app_paths().config), args.server, args.server_model,
                                     args.server_ca, args.verify_tls, args.ctx)
        if not config.base_url:
            raise CliError("no server is set in Settings: give its address, --server URL")
        return LoadTask.remote(config)
    from rio_desktop.models.loading import LoadChoice
    from rio_desktop.settings import Settings
    from rio_desktop.tasks.load import LoadTask
    from rio_desktop.tasks.states import document_states

    paths = app_paths()
    task = LoadTask.local(args.model, LoadChoice(n_ctx=args.ctx, gpu_layers=args.gpu_layers,
                                                 n_threads=args.threads or None), paths.models)
    task.states = document_states(Settings(paths.config), paths.cache)
    return task.prepare()


def redacts(args: argparse.Namespace, choice: LoadTask) -> bool:
    """Whether the document or notes go out with placeholders for personal data: only to a server."""
    return bool(args.redact) and choice.server is not None


def open_backend(choice: LoadTask) -> tuple[Backend, ModelInfo]:
    backend, info = choice.open()
    if info.notice is not None:  # e.g. the GPU failed and the CPU took the model
        print(f"note: {info.notice}", file=sys.stderr)
    return backend, info


def add_privacy_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--redact", action="store_true",
                        help="with --server: personal data (CPF, CNPJ, RG, e-mail, phone, CEP) goes to the server "
                        "as placeholders; the output gets the originals back (the window asks the same)")


def add_reasoning_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--reasoning", choices=("auto", "on", "off"), default="auto",
                        help="the model's reasoning (thinking): auto is off for letters, rewrites and notes and "
                             "on for summaries and answers, where the model's template allows it")
    parser.add_argument("--reasoning-budget", type=int, default=1024, metavar="N",
                        help="reasoning tokens per step; then the model must answer (default 1024)")


def reasoning_policy(args: argparse.Namespace) -> ReasoningPolicy:
    from rio_desktop.engine.reasoning import ReasoningPolicy

    if args.reasoning_budget < 0:
        raise CliError("--reasoning-budget takes a number of tokens, 0 or more")
    return ReasoningPolicy(args.reasoning, args.reasoning_budget)


class ProgressLine:
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


def read_source(args: argparse.Namespace, progress: ProgressLine,
                cancel: CancelToken) -> tuple[PdfText, CombinedProcess | None]:
    """A PDF as it is, or a process (a folder, a ZIP, another format) as one document of all its pages with
    the way back from its page numbers to each document's."""
    from rio_desktop.tasks.read import is_single_pdf

    if is_single_pdf(args.pdf):
        return read_document(args, progress, cancel)[0], None
    from rio_desktop.paths import app_paths
    from rio_desktop.settings import Settings
    from rio_desktop.tasks.read import ReadProcessTask

    if not args.pdf.exists():
        raise CliError(f"{args.pdf} does not exist")
    paths = app_paths()
    process = ReadProcessTask.prepare(args.pdf, Settings(paths.config), paths.cache, args.ocr).run(
        cancel, lambda state: progress.show("reading", state.done, state.total))
    for warning in process.warnings:
        print(f"note: {warning}", file=sys.stderr)
    combined = process.combined()
    if not combined.document.pages:
        raise CliError(f"{args.pdf.name}: no document could be read")
    return combined.document, combined


def read_document(args: argparse.Namespace, progress: ProgressLine,
                   cancel: CancelToken) -> tuple[PdfText, str | None]:
    """The PDF's pages (OCR as --ocr or the setting says) and the password that opened it, asking for
    one where needed."""
    import getpass

    from rio_desktop.documents.pdf_text import PdfPasswordRequired, ReadCancelled, ReadProgress
    from rio_desktop.paths import app_paths
    from rio_desktop.settings import Settings
    from rio_desktop.tasks.read import ReadTask

    paths = app_paths()
    task = ReadTask.prepare(args.pdf, Settings(paths.config), paths.cache, args.ocr)

    def show(state: ReadProgress) -> None:
        progress.show("reading (OCR)" if state.ocr else "reading", state.done, state.total, state.eta_s)

    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else None
    try:
        try:
            return task.with_password(password).run(cancel, show), password
        except PdfPasswordRequired:
            if password is not None or not sys.stdin.isatty():
                raise
            password = getpass.getpass(f"Password for {args.pdf.name}: ")
            return task.with_password(password).run(cancel, show), password
    except ReadCancelled:
        raise CliError("stopped") from None


"""Resumable, verified downloads of model files from a Hugging Face hub (or a mirror at HF_ENDPOINT).

huggingface_hub deletes a failed download's partial file, so a 200 GB model interrupted by a dropped
connection, a restart or a reboot would start again from zero. This module does its own ranged transfer
on the hub's resolve URLs: the bytes on disk (`.part` files) are kept and the transfer continues from
them; a transfer that stalls is retried with backoff; every file is checked against its sha256 before
it is renamed into place, and a split model is installed only when all its parts are.

`install` is the whole job for the window and the command line alike: a pending-download note beside the
partial files (so an interrupted download is offered again after a restart), the transfer, and the
manifest of where the files came from.
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import os
import shutil
import time
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rio_desktop.engine.backend import CancelToken
from rio_desktop.hashing import file_sha256
from rio_desktop.i18n import QT_TRANSLATE_NOOP, Message, UserFacingError
from rio_desktop.network import hub_problem
from rio_desktop.units import Bytes

if TYPE_CHECKING:
    import http.client
    import urllib.request

    from rio_desktop.engine.gguf_header import GGUFHeader

log = logging.getLogger(__name__)
DEFAULT_ENDPOINT = "https://huggingface.co"
CHUNK = 1 << 20
STALL_TIMEOUT_S = 30.0
RETRY_DELAYS_S = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
SPACE_MARGIN = 256 * 1024 * 1024
PENDING_SUFFIX = ".rio-pending.json"
# Failures that retrying within a minute does not fix: said at once when nothing has come yet.
LASTING = ("offline", "dns", "refused", "proxy", "proxy_auth", "tls")
State = Literal["downloading", "retrying", "verifying", "done", "paused"]


def endpoint() -> str:
    return os.environ.get("HF_ENDPOINT", DEFAULT_ENDPOINT).rstrip("/")


class DownloadError(UserFacingError):
    """A download that cannot go on; `kept` says whether the partial file stays for a later resume."""

    def __init__(self, message: Message, kept: bool = True) -> None:
        super().__init__(message)
        self.kept = kept


class DownloadPaused(Exception):
    """The user paused; the partial files stay."""


class DownloadCancelled(Exception):
    """The user cancelled; the partial files were removed."""


@dataclass(frozen=True)
class RemoteFile:
    repo: str
    name: str  # path in the repository
    size: int
    sha256: str
    revision: str = "main"

    @property
    def url(self) -> str:
        return (f"{endpoint()}/{self.repo}/resolve/{urllib.parse.quote(self.revision, safe='')}/"
                f"{urllib.parse.quote(self.name)}")


@dataclass
class Progress:
    file: str
    file_done: int
    file_total: int
    done: int  # all files
    total: int
    speed_bps: float
    state: State
    attempt: int = 0
    retry_in_s: float = 0.0

    @property
    def eta_s(self) -> float | None:
        return (self.total - self.done) / self.speed_bps if self.speed_bps > 0 else None


def opener() -> urllib.request.OpenerDirector:
    """A URL opener with the proxies set now (the environment's or the system's), made when a request
    goes out: urllib.request and http.client take a noticeable part of the application's start-up, and
    most sessions never download."""
    import urllib.request

    return urllib.request.build_opener(_redirect_handler())


@functools.cache
def _redirect_handler() -> type[urllib.request.HTTPRedirectHandler]:
    import urllib.request

    class NoAuthAcrossHosts(urllib.request.HTTPRedirectHandler):
        """The hub redirects file downloads to a CDN with a signed URL: the token stays with the hub."""

        def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
            new = super().redirect_request(req, fp, code, msg, headers, newurl)
            if new is not None and urllib.parse.urlsplit(newurl).netloc != urllib.parse.urlsplit(
                    req.full_url).netloc:
                new.remove_header("Authorization")
            return new

    return NoAuthAcrossHosts


def part_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.part")


class Downloader:
    """Downloads a set of files into a folder; call from a background thread."""

    def __init__(self, token: str | None = None, cancel: CancelToken | None = None,
                 pause: CancelToken | None = None, on_progress: Callable[[Progress], None] | None = None,
                 stall_timeout: float = STALL_TIMEOUT_S, retry_delays: Sequence[float] = RETRY_DELAYS_S) -> None:
        self.token = token
        self.cancel = cancel or CancelToken()
        self.pause = pause or CancelToken()
        self.on_progress = on_progress
        self.stall_timeout = stall_timeout
        self.retry_delays = tuple(retry_delays)
        self.bytes_served = 0  # what came over the network in this run (tests check resume with it)
        self._done = 0
        self._total = 0
        self._speed_window: list[tuple[float, int]] = []

    # -- the whole set -------------------------------------------------------------------------------
    def download(self, files: Sequence[RemoteFile], folder: Path) -> list[Path]:
        """All files verified and in place, or none: parts stay as `.part` files until every one is."""
        folder.mkdir(parents=True, exist_ok=True)
        targets = [folder / Path(f.name).name for f in files]
        have = []
        for file, target in zip(files, targets, strict=True):
            if target.exists() and target.stat().st_size == file.size:
                have.append(file.size)
            else:
                have.append(part_path(target).stat().st_size if part_path(target).exists() else 0)
        remaining = sum(max(f.size - h, 0) for f, h in zip(files, have, strict=True))
        free = shutil.disk_usage(folder).free
        if remaining + SPACE_MARGIN > free:
            raise DownloadError(Message(QT_TRANSLATE_NOOP(
                "Core", "Not enough disk space in {folder}: the download needs {needed} more and {free} are "
                        "free. Free some space or move the models folder to another disk."),
                folder=str(folder), needed=Bytes(remaining + SPACE_MARGIN), free=Bytes(free)))
        self._total = sum(f.size for f in files)
        self._done = sum(min(h, f.size) for f, h in zip(files, have, strict=True))
        for file, target in zip(files, targets, strict=True):
            if target.exists() and target.stat().st_size == file.size:
                continue
            self._fetch(file, part_path(target))
            self._verify(file, part_path(target))
        for target in targets:  # every part verified: now all go into place together
            part = part_path(target)
            if part.exists():
                os.replace(part, target)
                part.with_suffix(".json").unlink(missing_ok=True)
        self._report(files[-1].name if files else "", 0, 0, "done")
        return targets

    # -- one file ------------------------------------------------------------------------------------
    def _report(self, name: str, file_done: int, file_total: int, state: State, attempt: int = 0,
                retry_in: float = 0.0) -> None:
        now = time.monotonic()
        self._speed_window.append((now, self._done))
        self._speed_window = [(t, d) for t, d in self._speed_window if now - t <= 5.0]
        first_t, first_d = self._speed_window[0]
        speed = (self._done - first_d) / (now - first_t) if now > first_t else 0.0
        if self.on_progress is not None:
            self.on_progress(Progress(name, file_done, file_total, self._done, self._total, speed, state, attempt,
                                      retry_in))

    def _request(self, file: RemoteFile, offset: int) -> http.client.HTTPResponse:
        import urllib.request

        request = urllib.request.Request(file.url, headers={"User-Agent": "rio-desktop"})
        if offset:
            request.add_header("Range", f"bytes={offset}-")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        return opener().open(request, timeout=self.stall_timeout)  # type: ignore[return-value]

    def _http_error(self, file: RemoteFile, exc: urllib.error.HTTPError) -> DownloadError:
        repo = file.repo
        if exc.code == 401:
            return DownloadError(Message(QT_TRANSLATE_NOOP(
                "Core", "The hub refused access to {repo} (401): this repository needs a Hugging Face token. "
                        "Enter your token in Settings and try again."), repo=repo))
        if exc.code == 403:
            return DownloadError(Message(QT_TRANSLATE_NOOP(
                "Core", "{repo} is gated: accept its licence on the repository's page on the hub with your "
                        "account, check that your token in Settings belongs to that account, and try again."),
                repo=repo))
        if exc.code == 404:
            return DownloadError(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} is no longer in {repo}: the repository or the file was withdrawn or renamed. "
                        "Choose another source for this model."), name=file.name, repo=repo), kept=False)
        problem = hub_problem(exc, file.url, Message(QT_TRANSLATE_NOOP("Core", "Could not download {name}"),
                                                     name=file.name))
        return DownloadError(problem.message if problem else Message(QT_TRANSLATE_NOOP(
            "Core", "The hub answered {code} for {name}. Try again later."), code=exc.code, name=file.name))

    def _fetch(self, file: RemoteFile, part: Path) -> None:
        import http.client
        import urllib.error

        attempt = 0
        while True:
            offset = part.stat().st_size if part.exists() else 0
            if offset > file.size:  # not this file's bytes: start over
                part.unlink()
                offset = 0
            if offset == file.size:
                return
            try:
                self._transfer(file, part, offset)
                return
            except urllib.error.HTTPError as exc:
                if exc.code == 416 and part.exists():
                    return  # nothing more to send: the file is complete; verification decides
                if exc.code in (429, 500, 502, 503, 504) and attempt < len(self.retry_delays):
                    pass  # the server is busy: retry below
                else:
                    raise self._http_error(file, exc) from exc
            except (TimeoutError, ConnectionError, http.client.HTTPException, urllib.error.URLError) as exc:
                problem = hub_problem(exc, file.url, Message(QT_TRANSLATE_NOOP("Core", "Could not download {name}"),
                                                             name=file.name))
                lasting = problem is not None and problem.kind in LASTING and self.bytes_served == 0
                if attempt >= len(self.retry_delays) or lasting:
                    raise DownloadError(Message(QT_TRANSLATE_NOOP(
                        "Core", "{problem} What arrived of {name} is kept: the download resumes from it."),
                        problem=problem.message if problem else Message(QT_TRANSLATE_NOOP(
                            "Core", "The download of {name} kept failing ({detail})."), name=file.name,
                            detail=str(exc) or type(exc).__name__), name=file.name)) from exc
                log.info("download of %s interrupted (%s); retrying", file.name, exc)
            delay = self.retry_delays[attempt]
            attempt += 1
            self._report(file.name, part.stat().st_size if part.exists() else 0, file.size, "retrying",
                         attempt, delay)
            deadline = time.monotonic() + delay
            while time.monotonic() < deadline:
                self._check_stop(part)
                time.sleep(0.05)

    def _check_stop(self, part: Path) -> None:
        if self.cancel.cancelled:
            part.unlink(missing_ok=True)
            raise DownloadCancelled
        if self.pause.cancelled:
            raise DownloadPaused

    def _transfer(self, file: RemoteFile, part: Path, offset: int) -> None:
        with self._request(file, offset) as response:
            if offset and response.status == 200:
                offset = 0  # the server ignored the range: it sends the whole file again
                self._done -= part.stat().st_size
            mode = "ab" if offset else "wb"
            try:
                with part.open(mode) as out:
                    while True:
                        self._check_stop(part)
                        block = response.read(CHUNK)  # raises TimeoutError after stall_timeout without data
                        if not block:
                            break
                        out.write(block)
                        self.bytes_served += len(block)
                        self._done += len(block)
                        offset += len(block)
                        self._report(file.name, offset, file.size, "downloading")
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    raise DownloadError(Message(QT_TRANSLATE_NOOP(
                        "Core", "The disk filled up while downloading {name}. What arrived is kept: free some "
                                "space and resume."), name=file.name)) from exc
                raise
        if offset < file.size:
            raise ConnectionError(f"connection closed at byte {offset} of {file.size}")

    def _verify(self, file: RemoteFile, part: Path) -> None:
        self._report(file.name, file.size, file.size, "verifying")
        if file.sha256 and file_sha256(part) != file.sha256.lower():
            part.unlink(missing_ok=True)
            self._done -= file.size
            raise DownloadError(Message(QT_TRANSLATE_NOOP(
                "Core", "{name} arrived damaged (its sha256 does not match the hub's): the file was deleted. "
                        "Download it again."), name=file.name), kept=False)


def manifest(files: Sequence[RemoteFile]) -> str:
    return json.dumps([{"name": Path(f.name).name, "size": f.size, "sha256": f.sha256, "repo": f.repo,
                        "revision": f.revision} for f in files], indent=1)


MANIFEST_SUFFIX = ".rio.json"


def downloaded(folder: Path) -> list[dict]:
    """The files of the models downloaded into `folder` that are still there, from their manifests
    (each: name, size, sha256, repo, revision)."""
    found = []
    for note in sorted(folder.glob(f"*{MANIFEST_SUFFIX}")) if folder.is_dir() else []:
        try:
            files = json.loads(note.read_text(encoding="utf-8"))
            if all((folder / f["name"]).is_file() for f in files):
                found.extend(files)
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


@dataclass(frozen=True)
class PendingDownload:
    """A download begun and not finished: its partial files wait in the models folder."""

    repo: str
    quantization: str
    files: tuple[RemoteFile, ...]
    note: Path  # the pending-download note

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


def pending_note(folder: Path, files: Sequence[RemoteFile]) -> Path:
    return folder / f".{Path(files[0].name).name}{PENDING_SUFFIX}"


def pending_downloads(folder: Path) -> list[PendingDownload]:
    """The downloads left unfinished in `folder` (a broken note is removed)."""
    found = []
    for note in sorted(folder.glob(f".*{PENDING_SUFFIX}")) if folder.is_dir() else []:
        try:
            data = json.loads(note.read_text(encoding="utf-8"))
            found.append(PendingDownload(data["repo"], data["quantization"],
                                         tuple(RemoteFile(**f) for f in data["files"]), note))
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("unreadable pending-download note %s removed", note)
            note.unlink(missing_ok=True)
    return found


def install(repo: str, quantization: str, files: Sequence[RemoteFile], folder: Path,
            downloader: Downloader) -> list[Path]:
    """Download `files` into the models folder, verified, with their manifest.

    A note beside the partial files remembers the download until it is installed or cancelled, so a
    pause, a failure, a crash or a reboot leaves it ready to resume."""
    if not files:
        raise DownloadError(Message(QT_TRANSLATE_NOOP("Core", "{repo} lists no file for {quantization}."),
                                    repo=repo, quantization=quantization), kept=False)
    folder.mkdir(parents=True, exist_ok=True)
    note = pending_note(folder, files)
    note.write_text(json.dumps({"repo": repo, "quantization": quantization,
                                "files": [f.__dict__ for f in files]}), encoding="utf-8")
    try:
        paths = downloader.download(files, folder)
    except DownloadCancelled:
        note.unlink(missing_ok=True)
        raise
    except DownloadError as exc:
        if not exc.kept:
            note.unlink(missing_ok=True)
        raise
    (folder / f"{paths[0].name}{MANIFEST_SUFFIX}").write_text(manifest(files), encoding="utf-8")
    note.unlink(missing_ok=True)
    return paths


def remote_header(file: RemoteFile, token: str | None = None, first_bytes: int = 8 << 20,
                  limit: int = 256 << 20) -> GGUFHeader:
    """A remote GGUF's header from its first megabytes (range requests, doubling until it fits)."""
    import io
    import urllib.request

    from rio_desktop.engine.gguf_header import HeaderError, read_header

    size = first_bytes
    while True:
        request = urllib.request.Request(file.url, headers={"User-Agent": "rio-desktop",
                                                            "Range": f"bytes=0-{size - 1}"})
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with opener().open(request, timeout=STALL_TIMEOUT_S) as response:
                data = response.read(size)
        except Exception as exc:
            problem = hub_problem(exc, file.url, Message(QT_TRANSLATE_NOOP(
                "Core", "Could not read the header of {name} from the hub"), name=file.name))
            if problem is None:
                raise
            raise problem from exc
        try:
            return read_header(io.BytesIO(data))
        except HeaderError as exc:
            if not exc.truncated or size >= limit or len(data) < size:
                raise
            size *= 2
